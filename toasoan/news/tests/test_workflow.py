"""Editorial workflow: groups and permissions, approval before publishing, drafts, scheduled publishing."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from toasoan.news.models import ArticlePage
from toasoan.search.models import SearchEntry
from toasoan.trust.testing import staff_login

REPORTERS = "Phóng viên"
EDITORS = "Biên tập viên"
APPROVERS = "Lãnh đạo duyệt tin"
WORKFLOW = "Duyệt tin"
PASSWORD = "mat-khau-that-dai-123"


def make_user(username: str, group: str | None = None, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(db):
    return make_user("phongvien", REPORTERS)


@pytest.fixture
def editor(db):
    return make_user("bientap", EDITORS)


@pytest.fixture
def approver(db):
    return make_user("lanhdao", APPROVERS)


@pytest.fixture
def outsider(db):
    return make_user("khach")


@pytest.fixture
def workflow(db) -> Workflow:
    return Workflow.objects.get(name=WORKFLOW)


def create_draft(section, user, title="Bài viết về cải cách hành chính chờ duyệt", **fields) -> ArticlePage:
    """What the admin's "add page" does for a reporter: a draft owned by them, with a revision."""
    article = ArticlePage(
        title=title,
        display_date=datetime.date(2022, 1, 10),
        body=[("paragraph", "<p>Nội dung bài viết về cải cách hành chính.</p>")],
        owner=user,
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    article.save_revision(user=user)
    article.refresh_from_db()
    return article


def is_searchable(client, title: str, q: str = "cai cach hanh chinh") -> bool:
    response = client.get("/tim-kiem/", {"q": q})
    assert response.status_code == 200
    return title in response.content.decode()


def public_status(page: Page, path: str | None = None) -> int:
    from django.test import Client

    return Client().get(path or page.url or f"{page.get_parent().url}{page.slug}/").status_code


def draft_path(page: Page) -> str:
    return f"{page.get_parent().url}{page.slug}/"


# --- Groups and the workflow created by the data migration ----------------------------------


def test_editorial_groups_exist(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {REPORTERS, EDITORS, APPROVERS} <= names


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        (REPORTERS, {"add_page"}),
        (EDITORS, {"add_page", "change_page"}),
        (APPROVERS, {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}),
    ],
)
def test_group_page_permissions_on_the_root(db, group, expected):
    root = Page.get_first_root_node()
    permissions = GroupPagePermission.objects.filter(group__name=group)
    assert {p.page_id for p in permissions} == {root.pk}
    assert {p.permission.codename for p in permissions} == expected


@pytest.mark.parametrize("group", [REPORTERS, EDITORS, APPROVERS])
def test_groups_can_use_the_admin(db, group):
    user = make_user("nguoidung", group)
    assert user.has_perm("wagtailadmin.access_admin")
    # Images and documents are granted per collection (the root collection).
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())

    assert image_policy.user_has_permission(user, "add")
    assert image_policy.user_has_permission(user, "choose")
    assert document_policy.user_has_permission(user, "add")
    assert document_policy.user_has_permission(user, "choose")


def test_approval_workflow_is_attached_to_the_root(workflow):
    assert workflow.active
    root = Page.get_first_root_node()
    assert root.get_workflow() == workflow
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1
    (task,) = tasks
    assert isinstance(task, GroupApprovalTask)
    assert task.active
    assert [g.name for g in task.groups.all()] == [APPROVERS]


def test_every_section_and_article_inherits_the_workflow(workflow, home, section, other_section, reporter):
    assert home.get_workflow() == workflow
    assert section.get_workflow() == workflow
    assert other_section.get_workflow() == workflow
    assert create_draft(section, reporter).get_workflow() == workflow


# --- Who may do what ---------------------------------------------------------------------------


def test_reporter_can_add_but_not_publish(section, reporter):
    assert not reporter.is_superuser
    assert section.permissions_for_user(reporter).can_add_subpage()
    draft = create_draft(section, reporter)
    permissions = draft.permissions_for_user(reporter)
    assert permissions.can_edit()  # their own page
    assert not permissions.can_publish()
    assert not section.permissions_for_user(reporter).can_publish_subpage()


def test_reporter_cannot_edit_someone_elses_article(section, reporter, approver):
    article = create_draft(section, approver)
    assert not article.permissions_for_user(reporter).can_edit()
    assert not article.permissions_for_user(reporter).can_publish()


def test_editor_can_edit_anyones_article_but_not_publish(section, reporter, editor):
    article = create_draft(section, reporter)
    permissions = article.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_approver_can_publish(section, reporter, approver):
    article = create_draft(section, reporter)
    assert article.permissions_for_user(approver).can_publish()
    assert section.permissions_for_user(approver).can_publish_subpage()


def test_user_outside_the_groups_can_do_nothing(section, outsider):
    assert not section.permissions_for_user(outsider).can_add_subpage()
    assert not section.permissions_for_user(outsider).can_publish()
    assert not outsider.has_perm("wagtailadmin.access_admin")


def test_only_approvers_can_approve(section, reporter, editor, approver, workflow):
    article = create_draft(section, reporter)
    state = workflow.start(article, reporter)
    task = state.current_task_state.task.specific
    assert task.get_actions(article, reporter) == []
    assert task.get_actions(article, editor) == []
    assert {name for name, _, _ in task.get_actions(article, approver)} >= {"approve", "reject"}


# --- Drafts ------------------------------------------------------------------------------------


def test_draft_is_not_public(client, section, reporter):
    draft = create_draft(section, reporter)
    assert not draft.live
    assert public_status(draft, draft_path(draft)) == 404
    assert not is_searchable(client, draft.title)
    assert not SearchEntry.objects.filter(object_id=draft.pk).exists()
    assert draft not in ArticlePage.objects.live()


def test_draft_is_not_listed_in_its_section(client, section, reporter):
    draft = create_draft(section, reporter)
    assert draft.title not in client.get(section.url).content.decode()


def test_new_draft_of_a_live_article_does_not_change_the_public_version(client, section, make_article, reporter):
    article = make_article(section, "Bản đã đăng về cải cách hành chính", owner=reporter)
    latest = article.get_latest_revision_as_object()
    latest.title = "Bản sửa chưa duyệt về cải cách hành chính"
    latest.save_revision(user=reporter)
    page = client.get(article.url).content.decode()
    assert "Bản đã đăng về cải cách hành chính" in page
    assert "Bản sửa chưa duyệt" not in page
    assert is_searchable(client, "Bản đã đăng về cải cách hành chính")
    assert not is_searchable(client, "Bản sửa chưa duyệt")


# --- Submit, approve, live -----------------------------------------------------------------------


def test_submit_then_approve_makes_the_article_live_and_searchable(client, section, reporter, approver, workflow):
    draft = create_draft(section, reporter)
    state = workflow.start(draft, reporter)
    draft.refresh_from_db()

    # Submitted: still a draft, invisible, awaiting the approvers.
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not draft.live
    assert public_status(draft, draft_path(draft)) == 404
    assert not is_searchable(client, draft.title)
    task_state = state.current_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.task.specific.groups.get().name == APPROVERS

    task_state.task.specific.on_action(task_state, approver, "approve")

    draft.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert draft.live
    assert not draft.has_unpublished_changes
    assert public_status(draft) == 200
    assert is_searchable(client, draft.title)


def test_rejected_article_stays_a_draft(client, section, reporter, approver, workflow):
    draft = create_draft(section, reporter)
    state = workflow.start(draft, reporter)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "reject")
    draft.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not draft.live
    assert public_status(draft, draft_path(draft)) == 404
    assert not is_searchable(client, draft.title)


# --- The same through the admin --------------------------------------------------------------


def edit_form_data(article: ArticlePage, title: str, action: str | None = None) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "sapo": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết về cải cách hành chính.</p>"))]),
            "author": "Phóng viên A",
            "featured_image": "",
            "featured_image_alt": "",
            "attachments": inline_formset([]),
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "is_featured": "",
            "source_url": "",
            "display_date": "2022-01-10",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_reporter_publish_through_the_admin_only_saves_a_draft(client, section, reporter):
    draft = create_draft(section, reporter)
    revisions_before = draft.revisions.count()
    staff_login(client, reporter)

    response = client.post(edit_url(draft), edit_form_data(draft, "Tiêu đề sửa bởi phóng viên", "action-publish"))

    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    # The form was valid (a new revision with the new title was saved) ...
    assert draft.revisions.count() == revisions_before + 1
    assert draft.get_latest_revision_as_object().title == "Tiêu đề sửa bởi phóng viên"
    # ... but nothing went live.
    assert not draft.live
    assert public_status(draft, draft_path(draft)) == 404
    assert not is_searchable(client, "Tiêu đề sửa bởi phóng viên")


def test_reporter_cannot_publish_a_live_articles_changes_through_the_admin(client, section, make_article, reporter):
    article = make_article(section, "Bài đang đăng về cải cách hành chính", owner=reporter)
    staff_login(client, reporter)
    response = client.post(edit_url(article), edit_form_data(article, "Sửa trái phép", "action-publish"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bài đang đăng về cải cách hành chính"
    assert article.has_unpublished_changes
    assert "Sửa trái phép" not in client.get(article.url).content.decode()


def test_admin_submit_and_approve(client, section, reporter, approver, workflow):
    draft = create_draft(section, reporter)
    staff_login(client, reporter)
    response = client.post(
        edit_url(draft), edit_form_data(draft, "Bài gửi duyệt về cải cách hành chính", "action-submit")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.workflow == workflow
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not draft.live

    # The reporter may not approve their own article.
    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    response = client.post(approve_url, {"comment": ""})
    # Wagtail answers a permission error with a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert not draft.live

    staff_login(client, approver)
    response = client.post(approve_url, {"comment": "Đồng ý đăng."})
    assert response.status_code == 302
    assert response["Location"] == edit_url(draft)
    draft.refresh_from_db()
    assert draft.live
    assert draft.title == "Bài gửi duyệt về cải cách hành chính"
    assert public_status(draft) == 200
    assert is_searchable(client, "Bài gửi duyệt về cải cách hành chính")


def test_approver_can_publish_through_the_admin(client, section, reporter, approver):
    draft = create_draft(section, reporter)
    staff_login(client, approver)
    response = client.post(
        edit_url(draft), edit_form_data(draft, "Bài lãnh đạo đăng về cải cách hành chính", "action-publish")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert is_searchable(client, "Bài lãnh đạo đăng về cải cách hành chính")


def test_reporter_cannot_use_another_reporters_edit_view(client, section, reporter):
    other = make_user("phongvien2", REPORTERS)
    draft = create_draft(section, other)
    staff_login(client, reporter)
    response = client.post(edit_url(draft), edit_form_data(draft, "Sửa bài người khác", "action-publish"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title != "Sửa bài người khác"
    assert not draft.live


# --- Scheduled publishing --------------------------------------------------------------------


def later(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


def test_scheduled_article_goes_live_when_its_time_comes(client, section, reporter):
    draft = create_draft(section, reporter)
    go_live_at = later(days=1)
    draft.go_live_at = go_live_at
    revision = draft.save_revision(user=reporter)
    revision.publish()  # approved, but scheduled

    draft.refresh_from_db()
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live_at
    assert not draft.live
    assert public_status(draft, draft_path(draft)) == 404
    assert not is_searchable(client, draft.title)

    # Before its time, the scheduler leaves it alone.
    call_command("publish_scheduled")
    draft.refresh_from_db()
    assert not draft.live

    # A day and a bit later, the scheduler publishes it.
    with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    draft.refresh_from_db()
    revision.refresh_from_db()
    assert draft.live
    assert revision.approved_go_live_at is None
    assert public_status(draft) == 200
    assert is_searchable(client, draft.title)


def test_scheduled_article_goes_live_with_the_go_live_time_moved_into_the_past(client, section, reporter):
    # The same without patching the clock: move the approved go-live time into the past.
    draft = create_draft(section, reporter)
    draft.go_live_at = later(hours=2)
    revision = draft.save_revision(user=reporter)
    revision.publish()
    draft.refresh_from_db()
    assert not draft.live

    past = later(minutes=-5)
    content = dict(revision.content, go_live_at=past.isoformat())
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)
    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert draft.live
    assert public_status(draft) == 200
    assert is_searchable(client, draft.title)


def test_expired_article_is_unpublished_and_leaves_search(client, section, make_article):
    article = make_article(section, "Tin có hạn về cải cách hành chính")
    expire_at = later(days=1)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=expire_at)
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert is_searchable(client, article.title)

    with mock.patch("django.utils.timezone.now", return_value=expire_at + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    article.refresh_from_db()
    assert not article.live
    assert article.expired
    assert public_status(article, draft_path(article)) == 404
    assert not is_searchable(client, article.title)


def test_scheduled_article_approved_through_the_workflow(client, section, reporter, approver, workflow):
    draft = create_draft(section, reporter)
    go_live_at = later(days=2)
    draft.go_live_at = go_live_at
    draft.save_revision(user=reporter)
    state = workflow.start(draft, reporter)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")

    draft.refresh_from_db()
    assert not draft.live  # approved, but not before its time
    assert not is_searchable(client, draft.title)

    with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(seconds=30)):
        call_command("publish_scheduled")
    draft.refresh_from_db()
    assert draft.live
    assert is_searchable(client, draft.title)
