"""Per-site editors (toasoan.core.sites): an agency's editors work under their own site's root and
collection only, and its own approvers approve its content."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, WorkflowState

from toasoan.core.sites import agency_site_create
from toasoan.news.models import SectionPage
from toasoan.trust.testing import staff_login

from .test_workflow import create_draft, edit_form_data, edit_url

A = "Sở Tài nguyên và Môi trường"
B = "Sở Y tế"


def member(username: str, group: str):
    user = get_user_model().objects.create_user(username=username, password="mat-khau-that-dai-123")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def agencies(home):
    a = agency_site_create(hostname="so-tnmt.example.vn", name=A, port=80)
    b = agency_site_create(hostname="so-yte.example.vn", name=B, port=80)
    return a, b


@pytest.fixture
def people(agencies):
    return {
        "editor_a": member("bientap-a", f"Biên tập viên — {A}"),
        "approver_a": member("duyet-a", f"Người duyệt — {A}"),
        "approver_b": member("duyet-b", f"Người duyệt — {B}"),
        "editor_b": member("bientap-b", f"Biên tập viên — {B}"),
    }


def page_html(response) -> str:
    """The HTML of an admin page, or of a chooser (a JSON envelope)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def section_of(created) -> SectionPage:
    return SectionPage.objects.child_of(created.home).first()


def test_editor_edits_and_submits_under_their_own_root(client, agencies, people):
    a, _ = agencies
    editor = people["editor_a"]
    staff_login(client, editor)
    section = section_of(a)

    add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk])
    assert client.get(add_url).status_code == 200
    draft = create_draft(section, editor, title="Bài của sở tài nguyên")
    response = client.post(edit_url(draft), edit_form_data(draft, "Bài của sở tài nguyên (sửa)", "action-submit"))
    assert response.status_code == 302 and response["Location"] != reverse("wagtailadmin_home")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.workflow == a.workflow and state.status == WorkflowState.STATUS_IN_PROGRESS
    draft.refresh_from_db()
    assert not draft.live


def test_editor_can_neither_see_nor_edit_another_sites_pages(client, home, section, agencies, people):
    a, b = agencies
    theirs = create_draft(section_of(b), people["editor_b"], title="Bài riêng của sở y tế")
    default_sites = create_draft(section, people["editor_b"], title="Bài riêng của trang mặc định")
    staff_login(client, people["editor_a"])

    denied = reverse("wagtailadmin_home")
    for page in (theirs, default_sites):
        response = client.get(edit_url(page))
        assert response.status_code == 302 and response["Location"] == denied
        response = client.post(edit_url(page), edit_form_data(page, "Sửa trái phép", "action-submit"))
        assert response.status_code == 302 and response["Location"] == denied
        page.refresh_from_db()
        assert page.get_latest_revision_as_object().title != "Sửa trái phép"
    add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", section_of(b).pk])
    assert client.get(add_url)["Location"] == denied

    # The page explorer starts at their own site's home and shows nothing of the others.
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True).content.decode()
    assert f'href="{edit_url(section_of(a))}"' in explorer
    assert f'href="{edit_url(section_of(b))}"' not in explorer
    for other_home in (b.home, home):
        listing = client.get(reverse("wagtailadmin_explore", args=[other_home.pk]), follow=True).content.decode()
        assert f'href="{edit_url(section_of(b))}"' not in listing and f'href="{edit_url(section)}"' not in listing
    found = client.get(reverse("wagtailadmin_pages:search"), {"q": "bài riêng"}).content.decode()
    assert "Bài riêng của sở y tế" not in found and "Bài riêng của trang mặc định" not in found


def test_editor_sees_only_their_sites_images_and_documents(client, agencies, people):
    a, b = agencies
    Image, Document = get_image_model(), get_document_model()
    own_image = Image.objects.create(title="Ảnh của sở tài nguyên", file=get_test_image_file(), collection=a.collection)
    other_image = Image.objects.create(title="Ảnh của sở y tế", file=get_test_image_file(), collection=b.collection)
    shared_image = Image.objects.create(
        title="Ảnh thư mục gốc", file=get_test_image_file(), collection=Collection.get_first_root_node()
    )
    own_doc = Document.objects.create(
        title="Tài liệu của sở tài nguyên", file=ContentFile(b"%PDF-1.4", name="a.pdf"), collection=a.collection
    )
    other_doc = Document.objects.create(
        title="Tài liệu của sở y tế", file=ContentFile(b"%PDF-1.4", name="b.pdf"), collection=b.collection
    )
    staff_login(client, people["editor_a"])

    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        html = page_html(client.get(url))
        assert own_image.title in html
        assert other_image.title not in html and shared_image.title not in html
    for url in (reverse("wagtaildocs:index"), reverse("wagtaildocs_chooser:choose")):
        html = page_html(client.get(url))
        assert own_doc.title in html and other_doc.title not in html

    assert client.get(reverse("wagtailimages:edit", args=[own_image.pk])).status_code == 200
    for url in (reverse("wagtailimages:edit", args=[other_image.pk]), reverse("wagtaildocs:edit", args=[other_doc.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert response.status_code != 302 or response["Location"] == reverse("wagtailadmin_home")


def test_only_the_sites_own_approvers_approve_its_content(client, agencies, people):
    a, _ = agencies
    draft = create_draft(section_of(a), people["editor_a"], title="Bài chờ duyệt của sở tài nguyên")
    staff_login(client, people["editor_a"])
    client.post(edit_url(draft), edit_form_data(draft, "Bài chờ duyệt của sở tài nguyên", "action-submit"))
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.current_task_state.pk])

    for outsider in ("editor_a", "approver_b"):
        staff_login(client, people[outsider])
        response = client.post(approve_url, {"comment": ""})
        assert response["Location"] == reverse("wagtailadmin_home")
        draft.refresh_from_db()
        assert not draft.live

    staff_login(client, people["approver_a"])
    response = client.post(approve_url, {"comment": "Đồng ý."})
    assert response.status_code == 302 and response["Location"] == edit_url(draft)
    draft.refresh_from_db()
    assert draft.live
    assert client.get(draft.url, HTTP_HOST="so-tnmt.example.vn").status_code == 200
