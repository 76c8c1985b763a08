"""Every model staff can change logs create, edit and delete (and publish, unpublish, moderation)
with the acting user, proven through the real admin views.

`editable_models()` asks Wagtail and Django which models the admin can change (admin URL finders,
snippets, model viewsets, settings, page types, django.contrib.admin); each must have a scenario
in SCENARIOS below, so a model added later without one fails `test_every_editable_model_has_a_scenario`.
"""

import io
from collections.abc import Callable

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.admin.admin_url_finder import finder_classes
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.hooks import search_for_hooks
from wagtail.models import ModelLogEntry, Page, PageLogEntry, get_page_models
from wagtail.snippets.models import get_snippet_models

from toasoan.trust.audit import actions
from toasoan.trust.audit.testing import fill_required, form_post, rich_text
from toasoan.trust.testing import staff_login

User = get_user_model()


# --- which models the admin can change ---------------------------------------------------------


def _model_viewsets() -> list[ModelViewSet]:
    search_for_hooks()
    viewsets.populate()
    return [vs for vs in viewsets.viewsets if isinstance(vs, ModelViewSet)]


def editable_models() -> set[type[models.Model]]:
    search_for_hooks()
    found: set[type[models.Model]] = set()
    found.update(finder_classes.values_by_class)
    found.update(finder_classes.values_by_exact_class)
    found.update(get_snippet_models())
    found.update(settings_registry)
    found.update(vs.model for vs in _model_viewsets())
    found.update(m for m in get_page_models() if m.is_creatable)
    if apps.is_installed("django.contrib.admin"):
        from django.contrib import admin

        found.update(admin.site._registry)
    # The base Page class stands for the page types, each tested on its own.
    found.discard(Page)
    return {m for m in found if isinstance(m, type) and issubclass(m, models.Model)}


# --- helpers -----------------------------------------------------------------------------------


def entries(instance_or_model, pk, action: str, user) -> list:
    """Log entries for an object (still there or deleted) with this action and user."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    if issubclass(model, Page):
        return list(PageLogEntry.objects.filter(page_id=pk, action=action, user=user))
    found = ModelLogEntry.objects.filter(object_id=str(pk), action=action, user=user)
    return [e for e in found if e.content_type.model_class() and issubclass(model, e.content_type.model_class())]


def assert_logged(model, pk, action: str, user) -> None:
    assert entries(model, pk, action, user), (
        f"{model._meta.label} #{pk}: no {action!r} log entry by {user}; "
        f"found {list(ModelLogEntry.objects.filter(object_id=str(pk)).values_list('action', 'user__username'))}"
        f" {list(PageLogEntry.objects.filter(page_id=pk).values_list('action', 'user__username'))}"
    )


def newest(model):
    return model._default_manager.order_by("-pk").first()


def _errors(response) -> str:
    form = response.context.get("form") if response.context else None
    if form is None:
        return response.content.decode()[:2000]
    found = [form.errors.as_json()]
    for name, formset in getattr(form, "formsets", {}).items():
        found.append(f"{name}: {formset.errors} {formset.non_form_errors()}")
    return " ".join(found)


def ok(response, *codes) -> None:
    codes = codes or (302,)
    assert response.status_code in codes, (response.status_code, _errors(response))


def png(name: str = "anh-thu.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class Admin:
    """A superuser's verified admin session with helpers that submit forms like a browser."""

    def __init__(self, client, user):
        self.client, self.user, self.serial = client, user, 0

    def get(self, url: str):
        response = self.client.get(url)
        ok(response, 200)
        return response

    def submit(self, url: str, *, expect=(302,), files: dict | None = None, **overrides):
        """GET the form at `url`, fill what a person would, change `overrides`, POST it."""
        self.serial += 1
        response = self.get(url)
        data = fill_required(response, form_post(response), self.serial)
        for key, value in overrides.items():
            key = key.replace("__", "-")
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value if isinstance(value, list) else [value]
        response = self.client.post(url, {**data, **(files or {})})
        ok(response, *expect)
        return response

    def post(self, url: str, data: dict | None = None, expect=(302,)):
        response = self.client.post(url, data or {})
        ok(response, *expect)
        return response


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("kiemtra", "kiemtra@example.gov.vn", "mat-khau-thu-nghiem-dai")


@pytest.fixture
def admin(client, superuser, home) -> Admin:
    """What staff have uploaded or set up before: an image, a document, a procedure field."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from toasoan.procedures.models import ProcedureField

    get_image_model().objects.create(title="Ảnh có sẵn", file=png("co-san.png"), width=32, height=24)
    get_document_model().objects.create(
        title="Tài liệu có sẵn", file=SimpleUploadedFile("co-san.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    ProcedureField.objects.create(name="Khoa học và công nghệ")
    staff_login(client, superuser)
    return Admin(client, superuser)


# --- scenarios ---------------------------------------------------------------------------------


def _crud(admin: Admin, model, urls: Callable[[str], str], *, edit_field: str, delete=True, extra=None) -> None:
    """Create, edit and delete through the views at urls("add"|"edit"|"delete") (edit/delete take pk)."""
    before = set(model._default_manager.values_list("pk", flat=True))
    admin.submit(urls("add"), **(extra or {}))
    obj = model._default_manager.exclude(pk__in=before).get()
    assert_logged(model, obj.pk, "wagtail.create", admin.user)
    admin.submit(urls("edit", obj.pk), **{edit_field: f"Đã sửa {obj.pk}"})
    assert_logged(model, obj.pk, "wagtail.edit", admin.user)
    if delete:
        admin.post(urls("delete", obj.pk))
        assert not model._default_manager.filter(pk=obj.pk).exists()
        assert_logged(model, obj.pk, "wagtail.delete", admin.user)


def _viewset_urls(viewset) -> Callable:
    def url(name: str, pk=None) -> str:
        return reverse(viewset.get_url_name(name), args=[pk] if pk is not None else [])

    return url


def _viewset_for(model) -> ModelViewSet:
    if getattr(model, "snippet_viewset", None):
        return model.snippet_viewset
    return next(vs for vs in _model_viewsets() if vs.model is model)


def _text_field(model) -> str:
    for name in ("name", "title", "question", "short", "content", "subject"):
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if isinstance(field, models.CharField | models.TextField):
            return name
    raise AssertionError(f"{model._meta.label}: say which field the edit changes")


# What a person would type where a rule links two fields (the filler gives both the same value).
ADD_DATA = {
    "surveys.Poll": {"opens_at": "05/01/2026 08:00", "closes_at": "05/02/2026 08:00"},
    "procedures.ProcedurePage": {"code": "1.004227"},
    "consultation.ConsultationPage": {
        "body": rich_text("Điều 1. Phạm vi điều chỉnh"),
        "opens_on": "05/01/2026",
        "closes_at": "05/02/2026 17:00",
    },
}


def snippet_scenario(admin: Admin, model) -> None:
    """Snippets and model viewsets: create, edit, delete; with drafts, also publish and unpublish."""
    viewset = _viewset_for(model)
    urls = _viewset_urls(viewset)
    field = _text_field(model)
    extra = ADD_DATA.get(model._meta.label, {})
    has_drafts = hasattr(model, "live") and hasattr(model, "latest_revision")
    if not has_drafts:
        _crud(admin, model, urls, edit_field=field, extra=extra)
        return
    before = set(model._default_manager.values_list("pk", flat=True))
    admin.submit(urls("add"), **extra)
    obj = model._default_manager.exclude(pk__in=before).get()
    assert_logged(model, obj.pk, "wagtail.create", admin.user)
    admin.submit(urls("edit", obj.pk), **{field: f"Đã sửa {obj.pk}"})
    assert_logged(model, obj.pk, "wagtail.edit", admin.user)
    admin.submit(urls("edit", obj.pk), **{"action-publish": "action-publish"})
    obj.refresh_from_db()
    assert obj.live
    assert_logged(model, obj.pk, "wagtail.publish", admin.user)
    admin.post(urls("unpublish", obj.pk))
    assert_logged(model, obj.pk, "wagtail.unpublish", admin.user)
    admin.post(urls("delete", obj.pk))
    assert_logged(model, obj.pk, "wagtail.delete", admin.user)


def _parent_for(admin: Admin, page_model) -> Page:
    root = Page.get_first_root_node()
    if Page in page_model.allowed_parent_page_models() and page_model.can_create_at(root):
        return root
    for parent_model in page_model.allowed_parent_page_models():
        if parent_model is Page:
            continue
        parent = parent_model.objects.first()
        if parent is not None and page_model.can_create_at(parent):
            return parent
    for parent_model in page_model.allowed_parent_page_models():
        if parent_model is not Page and parent_model.is_creatable:
            parent = _create_page(admin, parent_model)
            if page_model.can_create_at(parent):
                return parent
    raise AssertionError(f"no place to create a {page_model.__name__}")


def _create_page(admin: Admin, page_model) -> Page:
    parent = _parent_for(admin, page_model)
    meta = page_model._meta
    before = set(Page.objects.values_list("pk", flat=True))
    admin.submit(
        reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]),
        **ADD_DATA.get(meta.label, {}),
    )
    page = Page.objects.exclude(pk__in=before).get().specific
    assert_logged(page_model, page.pk, "wagtail.create", admin.user)
    return page


def page_scenario(admin: Admin, page_model) -> None:
    """Create (draft), edit, publish, unpublish, delete one page of this type in the page editor."""
    page = _create_page(admin, page_model)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    admin.submit(edit, title=f"{page.title} (đã sửa)")
    assert_logged(page_model, page.pk, "wagtail.edit", admin.user)
    admin.submit(edit, **{"action-publish": "action-publish"})
    page.refresh_from_db()
    assert page.live
    assert_logged(page_model, page.pk, "wagtail.publish", admin.user)
    admin.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert_logged(page_model, page.pk, "wagtail.unpublish", admin.user)
    admin.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert_logged(page_model, page.pk, "wagtail.delete", admin.user)


def _named_urls(namespace: str, names: dict[str, str] | None = None) -> Callable:
    names = {"add": "add", "edit": "edit", "delete": "delete", **(names or {})}

    def url(name: str, pk=None) -> str:
        return reverse(f"{namespace}:{names[name]}", args=[pk] if pk is not None else [])

    return url


def image_scenario(admin: Admin, model) -> None:
    before = set(model.objects.values_list("pk", flat=True))
    admin.submit(reverse("wagtailimages:add"), files={"file": png()}, title="Ảnh thử nhật ký")
    image = model.objects.exclude(pk__in=before).get()
    assert_logged(model, image.pk, "wagtail.create", admin.user)
    admin.submit(reverse("wagtailimages:edit", args=[image.pk]), title="Ảnh đã sửa")
    assert_logged(model, image.pk, "wagtail.edit", admin.user)
    admin.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert_logged(model, image.pk, "wagtail.delete", admin.user)


def document_scenario(admin: Admin, model) -> None:
    before = set(model.objects.values_list("pk", flat=True))
    pdf = SimpleUploadedFile("van-ban.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    admin.submit(reverse("wagtaildocs:add"), files={"file": pdf}, title="Tài liệu thử")
    doc = model.objects.exclude(pk__in=before).get()
    assert_logged(model, doc.pk, "wagtail.create", admin.user)
    admin.submit(reverse("wagtaildocs:edit", args=[doc.pk]), title="Tài liệu đã sửa")
    assert_logged(model, doc.pk, "wagtail.edit", admin.user)
    admin.post(reverse("wagtaildocs:delete", args=[doc.pk]))
    assert_logged(model, doc.pk, "wagtail.delete", admin.user)


def collection_scenario(admin: Admin, model) -> None:
    _crud(admin, model, _named_urls("wagtailadmin_collections"), edit_field="name")


def redirect_scenario(admin: Admin, model) -> None:
    _crud(admin, model, _named_urls("wagtailredirects"), edit_field="old_path", extra={"old_path": "/cu/trang-thu"})


def site_scenario(admin: Admin, model) -> None:
    _crud(
        admin,
        model,
        _viewset_urls(_viewset_for(model)),
        edit_field="site_name",
        extra={
            "hostname": "thu.example.gov.vn",
            "port": "80",
            "root_page": str(Page.objects.filter(depth=2).first().pk),
        },
    )


def user_scenario(admin: Admin, model) -> None:
    """Create, edit (with a group joined: the membership is logged with the group's name), delete."""
    urls = _viewset_urls(_viewset_for(model))
    group = Group.objects.create(name="Nhóm thử")
    password = "Mat-khau-rat-dai-2026!"
    admin.submit(
        urls("add"),
        username="canbo.thu",
        email="canbo.thu@example.gov.vn",
        first_name="Cán bộ",
        last_name="Thử",
        password1=password,
        password2=password,
    )
    user = model.objects.get(username="canbo.thu")
    assert_logged(model, user.pk, "wagtail.create", admin.user)
    admin.submit(urls("edit", user.pk), first_name="Đã sửa", groups=str(group.pk), password1=None, password2=None)
    assert_logged(model, user.pk, "wagtail.edit", admin.user)
    (joined,) = entries(model, user.pk, actions.USER_GROUPS, admin.user)
    assert joined.data == {"added": ["Nhóm thử"], "removed": []}
    assert joined.message == "Thêm vào nhóm: Nhóm thử"
    admin.submit(urls("edit", user.pk), groups=None, password1=None, password2=None)
    left = entries(model, user.pk, actions.USER_GROUPS, admin.user)
    assert [e.data["removed"] for e in left] == [[], ["Nhóm thử"]] or sorted(len(e.data["removed"]) for e in left) == [
        0,
        1,
    ]
    admin.post(urls("delete", user.pk))
    assert_logged(model, user.pk, "wagtail.delete", admin.user)


def group_scenario(admin: Admin, model) -> None:
    """Create, edit (a permission granted then withdrawn: logged by codename), delete."""
    urls = _viewset_urls(_viewset_for(model))
    audit = Permission.objects.get(content_type__app_label="wagtailcore", codename="view_modellogentry")
    admin.submit(urls("add"), name="Nhóm kiểm tra")
    group = model.objects.get(name="Nhóm kiểm tra")
    assert_logged(model, group.pk, "wagtail.create", admin.user)
    admin.submit(urls("edit", group.pk), name="Kiểm tra nhật ký thử", permissions=str(audit.pk))
    assert_logged(model, group.pk, "wagtail.edit", admin.user)
    assert list(group.permissions.all()) == [audit]
    (granted,) = entries(model, group.pk, actions.GROUP_PERMISSIONS, admin.user)
    assert granted.data == {"added": ["wagtailcore.view_modellogentry"], "removed": []}
    admin.submit(urls("edit", group.pk), permissions=None)
    assert not group.permissions.exists()
    changes = [e.data for e in entries(model, group.pk, actions.GROUP_PERMISSIONS, admin.user)]
    assert {"added": [], "removed": ["wagtailcore.view_modellogentry"]} in changes
    admin.post(urls("delete", group.pk))
    assert_logged(model, group.pk, "wagtail.delete", admin.user)


def workflow_scenario(admin: Admin, model) -> None:
    """Create (covering a page), edit, take the page out, disable, enable again."""
    from wagtail.models import Task

    task = Task.objects.filter(active=True).first() or Task.objects.create(name="Bước thử")
    section = Page.objects.filter(depth=2).first()
    urls = _named_urls("wagtailadmin_workflows")
    before = set(model.objects.values_list("pk", flat=True))
    admin.submit(
        urls("add"),
        name="Quy trình thử",
        **{
            "workflow_tasks-TOTAL_FORMS": "1",
            "workflow_tasks-0-task": str(task.pk),
            "workflow_tasks-0-ORDER": "1",
            "pages-TOTAL_FORMS": "1",
            "pages-0-page": str(section.pk),
        },
    )
    workflow = model.objects.exclude(pk__in=before).get()
    assert_logged(model, workflow.pk, "wagtail.create", admin.user)
    (covered,) = entries(model, workflow.pk, actions.WORKFLOW_PAGES, admin.user)
    assert covered.data["added"] == [section.get_admin_display_title()]
    admin.submit(urls("edit", workflow.pk), name="Quy trình đã sửa")
    assert_logged(model, workflow.pk, "wagtail.edit", admin.user)
    admin.post(reverse("wagtailadmin_workflows:remove", args=[section.pk, workflow.pk]))
    removed = [e.data["removed"] for e in entries(model, workflow.pk, actions.WORKFLOW_PAGES, admin.user)]
    assert [section.get_admin_display_title()] in removed
    admin.post(reverse("wagtailadmin_workflows:disable", args=[workflow.pk]))
    assert_logged(model, workflow.pk, actions.WORKFLOW_DISABLE, admin.user)
    admin.post(reverse("wagtailadmin_workflows:enable", args=[workflow.pk]))
    assert_logged(model, workflow.pk, actions.WORKFLOW_ENABLE, admin.user)


def task_scenario(admin: Admin, model) -> None:
    from wagtail.models import GroupApprovalTask

    group = Group.objects.first() or Group.objects.create(name="Nhóm duyệt thử")
    before = set(model.objects.values_list("pk", flat=True))
    add = reverse("wagtailadmin_workflows:add_task", args=["wagtailcore", "groupapprovaltask"])
    admin.submit(add, name="Bước duyệt thử", groups=str(group.pk))
    task = model.objects.exclude(pk__in=before).get()
    assert_logged(GroupApprovalTask, task.pk, "wagtail.create", admin.user)
    admin.submit(reverse("wagtailadmin_workflows:edit_task", args=[task.pk]), name="Bước đã sửa")
    assert_logged(GroupApprovalTask, task.pk, "wagtail.edit", admin.user)
    admin.post(reverse("wagtailadmin_workflows:disable_task", args=[task.pk]))
    assert_logged(GroupApprovalTask, task.pk, actions.TASK_DISABLE, admin.user)
    admin.post(reverse("wagtailadmin_workflows:enable_task", args=[task.pk]))
    assert_logged(GroupApprovalTask, task.pk, actions.TASK_ENABLE, admin.user)


def settings_scenario(admin: Admin, model) -> None:
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk])
    admin.submit(url, name="Sở Khoa học và Công nghệ (thử)")
    instance = model.for_site(site)
    assert_logged(model, instance.pk, "wagtail.edit", admin.user)


def _submission(subject: str = "Hỏi về lệ phí cấp giấy phép"):
    from toasoan.feedback import services

    data = services.SubmissionData(
        kind="hoi_dap",
        name="Nguyễn Văn An",
        email="an.nguyen@example.vn",
        subject=subject,
        content="Lệ phí cấp giấy phép tiến hành công việc bức xạ là bao nhiêu?",
        consent_text="đồng ý",
    )
    return services.submission_create(data=data, ip="10.0.0.1")


def submission_scenario(admin: Admin, model) -> None:
    """Feedback handling on its processing page: assign, note, start, answer, approve; reject;
    delete (a citizen's request to be erased)."""
    submission = _submission()
    url = reverse("phan-anh:edit", args=[submission.pk])
    steps = [
        ({"action": "assign", "assignee": str(admin.user.pk)}, "feedback.assign"),
        ({"action": "note", "text": "Đã gọi điện xác minh."}, "feedback.note"),
        ({"action": "start"}, "feedback.start"),
        ({"action": "answer", "answer": "Lệ phí là 1.000.000 đồng.", "publish": "on"}, "feedback.answer_submit"),
        (
            {"action": "approve", "public_subject": "Lệ phí cấp phép", "public_question": "Lệ phí?"},
            "feedback.answer_approve",
        ),
    ]
    for data, action in steps:
        admin.post(url, data)
        assert_logged(model, submission.pk, action, admin.user)
    other = _submission("Phản ánh thứ hai")
    admin.post(reverse("phan-anh:edit", args=[other.pk]), {"action": "reject", "reason": "Không thuộc thẩm quyền."})
    assert_logged(model, other.pk, "feedback.reject", admin.user)
    admin.post(reverse("phan-anh:delete", args=[other.pk]))
    assert_logged(model, other.pk, "wagtail.delete", admin.user)


def published_question_scenario(admin: Admin, model) -> None:
    """Published by approving an answer (logged on the question), then edited and deleted."""
    submission = _submission()
    url = reverse("phan-anh:edit", args=[submission.pk])
    admin.post(url, {"action": "answer", "answer": "Lệ phí là 1.000.000 đồng.", "publish": "on"})
    admin.post(url, {"action": "approve", "public_subject": "Lệ phí cấp phép", "public_question": "Lệ phí?"})
    question = model.objects.get()
    assert_logged(model, question.pk, "feedback.publish", admin.user)
    urls = _viewset_urls(_viewset_for(model))
    admin.submit(urls("edit", question.pk), subject="Lệ phí cấp phép (đã sửa)")
    assert_logged(model, question.pk, "wagtail.edit", admin.user)
    admin.post(urls("delete", question.pk))
    assert_logged(model, question.pk, "wagtail.delete", admin.user)


def comment_scenario(admin: Admin, model) -> None:
    """Consultation moderation: approve one comment, reject another with a reason."""
    import datetime

    from django.utils import timezone

    from toasoan.consultation.models import ConsultationIndexPage, ConsultationPage

    home = Page.objects.get(depth=2)
    index = home.add_child(instance=ConsultationIndexPage(title="Lấy ý kiến", slug="lay-y-kien"))
    draft = index.add_child(
        instance=ConsultationPage(
            title="Dự thảo quy chế",
            slug="du-thao-quy-che",
            drafting_agency="Văn phòng",
            summary="Quy định việc tuyển chọn nhiệm vụ.",
            body="<p>Điều 1.</p>",
            opens_on=timezone.localdate() - datetime.timedelta(days=1),
            closes_at=timezone.now() + datetime.timedelta(days=5),
        )
    )
    draft.save_revision().publish()
    # The consent record a public form stores with a comment (toasoan.core.consent).
    consent = {
        f.name: timezone.now() if isinstance(f, models.DateTimeField) else "đồng ý"
        for f in model._meta.concrete_fields
        if f.name.startswith("consent_")
    }
    made = [
        model.objects.create(
            consultation=draft, name=f"Người góp ý {i}", email=f"g{i}@example.vn", body="Đề nghị sửa.", **consent
        )
        for i in (1, 2)
    ]
    admin.post(reverse("consultation_comments:approve", args=[made[0].pk]))
    assert_logged(model, made[0].pk, "consultation.comment.approve", admin.user)
    admin.submit(reverse("consultation_comments:reject", args=[made[1].pk]), reason="Không liên quan đến dự thảo.")
    assert_logged(model, made[1].pk, "consultation.comment.reject", admin.user)


def moderation_scenario(admin: Admin, model) -> None:
    """Ratings and votes: accept one, reject another, delete one."""
    import datetime

    from django.utils import timezone

    from toasoan.surveys.models import Poll, PollOption, Rating, RatingUnit

    if model is Rating:
        unit = RatingUnit.objects.create(name="Bộ phận một cửa")
        made = [model.objects.create(subject="unit", unit=unit, level=5, client_key=f"k{i}") for i in range(3)]
    else:
        poll = Poll.objects.create(
            question="Bạn đánh giá cổng thông tin thế nào?",
            slug="danh-gia",
            closes_at=timezone.now() + datetime.timedelta(days=30),
        )
        option = PollOption.objects.create(poll=poll, label="Tốt")
        made = [model.objects.create(poll=poll, option=option, client_key=f"k{i}") for i in range(3)]
    viewset = _viewset_for(model)
    for item, decision, action in (
        (made[0], "accept", "surveys.moderation.accept"),
        (made[1], "reject", "surveys.moderation.reject"),
    ):
        admin.post(reverse(viewset.get_url_name("inspect"), args=[item.pk]), {"decision": decision})
        assert_logged(model, item.pk, action, admin.user)
    admin.post(reverse(viewset.get_url_name("delete"), args=[made[2].pk]))
    assert_logged(model, made[2].pk, "wagtail.delete", admin.user)


def subscriber_scenario(admin: Admin, model) -> None:
    subscriber = model.objects.create(email="ban.doc@example.vn")
    admin.post(reverse(_viewset_for(model).get_url_name("delete"), args=[subscriber.pk]))
    assert_logged(model, subscriber.pk, "wagtail.delete", admin.user)


def digest_scenario(admin: Admin, model) -> None:
    """ "Send now" on the digest preview: one entry on the run, with the week."""
    from toasoan.newsletter.periods import previous_week

    week = previous_week()
    admin.post(reverse("newsletter_digests:preview"), {"tuan": week.start.isoformat()})
    run = model.objects.get()
    assert_logged(model, run.pk, "newsletter.digest.send", admin.user)


def _page_scenarios() -> dict[str, Callable]:
    return {m._meta.label: page_scenario for m in get_page_models() if m.is_creatable and m is not Page}


SCENARIOS: dict[str, Callable[[Admin, type], None]] = {
    "wagtailimages.Image": image_scenario,
    "wagtaildocs.Document": document_scenario,
    "wagtailcore.Collection": collection_scenario,
    "wagtailredirects.Redirect": redirect_scenario,
    "wagtailcore.Site": site_scenario,
    "wagtailcore.Workflow": workflow_scenario,
    "wagtailcore.Task": task_scenario,
    "auth.User": user_scenario,
    "auth.Group": group_scenario,
    "core.AgencySettings": settings_scenario,
    "agency.AgencyProfile": snippet_scenario,
    "agency.Unit": snippet_scenario,
    "agency.Leader": snippet_scenario,
    "agency.Official": snippet_scenario,
    "agency.ScheduleEntry": snippet_scenario,
    "documents.DocumentType": snippet_scenario,
    "documents.DocumentField": snippet_scenario,
    "procedures.ProcedureField": snippet_scenario,
    "search.Abbreviation": snippet_scenario,
    "surveys.Poll": snippet_scenario,
    "surveys.RatingUnit": snippet_scenario,
    "feedback.AnswerTemplate": snippet_scenario,
    "feedback.Holiday": snippet_scenario,
    "feedback.Submission": submission_scenario,
    "feedback.PublishedQuestion": published_question_scenario,
    "consultation.Comment": comment_scenario,
    "surveys.Rating": moderation_scenario,
    "surveys.Vote": moderation_scenario,
    "newsletter.Subscriber": subscriber_scenario,
    "newsletter.DigestRun": digest_scenario,
    **_page_scenarios(),
}


def test_every_editable_model_has_a_scenario():
    editable = {m._meta.label for m in editable_models()}
    missing = sorted(editable - set(SCENARIOS))
    assert not missing, f"models staff can change with no audit-log test: {missing}"
    stale = sorted(set(SCENARIOS) - editable)
    assert not stale, f"scenarios for models the admin no longer edits: {stale}"


def test_a_model_added_later_without_a_scenario_is_caught(db):
    """The guard above can fail: a model given an admin edit URL joins editable_models()."""
    from taggit.models import Tag
    from wagtail.admin.admin_url_finder import ModelAdminURLFinder

    finder_classes.register(Tag, value=ModelAdminURLFinder)
    try:
        assert "taggit.Tag" in {m._meta.label for m in editable_models()} - set(SCENARIOS)
    finally:
        del finder_classes.values_by_class[Tag]
    assert Tag not in editable_models()


@pytest.mark.parametrize("label", sorted(SCENARIOS))
def test_admin_changes_are_logged_with_the_user(admin, label):
    SCENARIOS[label](admin, apps.get_model(label))


# --- admin actions that are not one model's create/edit/delete ---------------------------------


def test_page_approval_workflow_is_logged(admin, section):
    """Submit for approval, reject, resubmit, approve: each step on the page's history."""
    from wagtail.models import WorkflowState

    from toasoan.news.models import ArticlePage

    page = _create_page(admin, ArticlePage)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for decision in ("reject", "approve"):
        admin.submit(edit, **{"action-submit": "action-submit"})
        assert_logged(ArticlePage, page.pk, "wagtail.workflow.start", admin.user)
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk), status="in_progress")
        task_state = state.current_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, decision, task_state.pk])
        admin.post(url, {"comment": "Ý kiến của lãnh đạo"}, expect=(200, 302))
        assert_logged(ArticlePage, page.pk, f"wagtail.workflow.{decision}", admin.user)
    page.refresh_from_db()
    assert page.live


def test_procedure_import_is_one_entry_with_counts(admin):
    """Importing a list in the admin logs one entry with the counts, not one per row."""
    from toasoan.procedures.models import ProcedureIndexPage

    home = Page.objects.get(depth=2)
    index = home.add_child(instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh"))
    index.save_revision().publish()
    template = admin.get(reverse("procedure_import:template")).content
    upload = SimpleUploadedFile("danh-sach.csv", template, content_type="text/csv")
    admin.post(reverse("procedure_import:index"), {"file": upload, "publish": "on"}, expect=(200,))
    (entry,) = entries(type(index), index.pk, "procedures.import", admin.user)
    assert entry.data["created"] == 1 and entry.data["filename"] == "danh-sach.csv"
    assert "1 tạo mới" in entry.message


def test_consultation_export_is_logged(admin):
    from toasoan.consultation.models import Comment

    comment_scenario(admin, Comment)
    draft = Comment.objects.first().consultation
    response = admin.get(reverse("consultation_comments:export") + f"?consultation={draft.pk}")
    b"".join(getattr(response, "streaming_content", [response.content]))
    assert_logged(type(draft), draft.pk, "consultation.comments.export", admin.user)


def test_django_admin_has_nothing_unlisted(client, db):
    """Django's own admin is not installed (nothing to edit there); if it is added, its models
    join editable_models() and need scenarios above."""
    if apps.is_installed("django.contrib.admin"):
        from django.contrib import admin

        assert set(admin.site._registry) <= editable_models()
    else:
        assert client.get("/django-admin/").status_code == 404
