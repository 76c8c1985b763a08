"""Nothing is public before approval: drafts stay private, edits to live rows wait in revisions,
every agency model goes through the "Duyệt tin" workflow, and editors cannot publish."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from toasoan.agency.models import AgencyProfile, Leader, Official, ScheduleEntry, Unit
from toasoan.trust.testing import staff_login

MODELS = [AgencyProfile, Unit, Official, Leader, ScheduleEntry]


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("bientap", password="mat-khau-du-dai-1")
    user.groups.add(Group.objects.get(name="Biên tập viên"))
    return user


@pytest.fixture
def approver(db) -> User:
    user = User.objects.create_user("duyet", password="mat-khau-du-dai-2")
    user.groups.add(Group.objects.get(name="Lãnh đạo duyệt tin"))
    return user


@pytest.mark.parametrize("model", MODELS)
def test_every_model_uses_the_approval_workflow(db, model):
    workflow = model().get_workflow()
    assert workflow is not None and workflow.name == "Duyệt tin"


@pytest.mark.parametrize("model", MODELS)
def test_editors_edit_but_only_approvers_publish(editor, approver, model):
    name = model._meta.model_name
    assert editor.has_perm(f"agency.change_{name}") and editor.has_perm(f"agency.add_{name}")
    assert not editor.has_perm(f"agency.publish_{name}")
    assert approver.has_perm(f"agency.publish_{name}")


def test_editor_creates_a_draft_and_submits_it_nothing_public_until_approved(client, editor, approver, office):
    staff_login(client, editor)
    add_url = reverse("wagtailsnippets_agency_official:add")
    form = client.get(add_url).content.decode()
    assert 'name="action-publish"' not in form  # editors have no publish button
    response = client.post(
        add_url,
        {
            "name": "Lê Văn Mới",
            "title": "Chuyên viên",
            "title_en": "",
            "unit": office.pk,
            "sort_order": 100,
            "phone": "0234 1",
            "email": "",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    official = Official.objects.get(name="Lê Văn Mới")
    assert official.live is False
    state = official.workflow_states.get()
    assert state.status == "in_progress"
    client.logout()
    assert "Lê Văn Mới" not in client.get("/danh-ba/").content.decode()

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user=approver, action_name="approve")
    official.refresh_from_db()
    assert official.live is True
    assert "Lê Văn Mới" in client.get("/danh-ba/").content.decode()


def test_edits_to_live_rows_wait_for_publication(client, office):
    # A saved draft of a live unit changes its revision, not what the public sees.
    office.name = "Văn phòng Sở (tên mới, chưa duyệt)"
    revision = office.save_revision()
    assert "tên mới" not in client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    revision.publish()
    assert "tên mới, chưa duyệt" in client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()


def test_unpublish_removes_from_public_pages(client, director):
    assert "Nguyễn Văn Thành" in client.get("/gioi-thieu/lanh-dao/").content.decode()
    director.unpublish()
    assert "Nguyễn Văn Thành" not in client.get("/gioi-thieu/lanh-dao/").content.decode()


def test_admin_menu_is_vietnamese(admin_client, office):
    html = admin_client.get(reverse("wagtailsnippets_agency_unit:list")).content.decode()
    assert "Cơ cấu tổ chức" in html and "Văn phòng Sở" in html
