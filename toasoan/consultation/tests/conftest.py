"""Fixtures for the consultation tests: an index page, drafts open or closed, a valid comment
form, moderators, and the page cache in front of Django (as toasoan/publishing/tests does)."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from django.utils import timezone

from toasoan.consultation.models import ConsultationIndexPage, ConsultationPage
from toasoan.consultation.services import MODERATOR_GROUP
from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD, form_token
from toasoan.publishing import pagecache
from toasoan.publishing.pagecache.app import PageCacheApp

VN = timezone.get_default_timezone()


def vn(*args) -> datetime.datetime:
    """An aware datetime in Vietnam time: vn(2026, 3, 1, 17)."""
    return datetime.datetime(*args, tzinfo=VN)


@pytest.fixture
def index(home) -> ConsultationIndexPage:
    page = home.add_child(instance=ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="lay-y-kien-du-thao"))
    page.save_revision().publish()
    return page


@pytest.fixture
def make_consultation(index):
    """make_consultation(title, opens_on=..., closes_at=..., **fields) -> a published draft."""

    def make(
        title: str = "Dự thảo Quy chế quản lý nhiệm vụ khoa học và công nghệ",
        opens_on: datetime.date | None = None,
        closes_at: datetime.datetime | None = None,
        **fields,
    ) -> ConsultationPage:
        now = timezone.now()
        fields.setdefault("drafting_agency", "Phòng Quản lý khoa học")
        fields.setdefault("summary", "Quy định việc tuyển chọn, nghiệm thu nhiệm vụ khoa học và công nghệ.")
        fields.setdefault("body", "<h4>Điều 5. Hội đồng tư vấn</h4><p>Hội đồng có từ 7 đến 9 thành viên.</p>")
        page = ConsultationPage(
            title=title,
            opens_on=opens_on or timezone.localdate(now, VN) - datetime.timedelta(days=3),
            closes_at=closes_at or now + datetime.timedelta(days=10),
            **fields,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def open_consultation(make_consultation) -> ConsultationPage:
    return make_consultation()


@pytest.fixture
def closed_consultation(make_consultation) -> ConsultationPage:
    now = timezone.now()
    return make_consultation(
        "Dự thảo Kế hoạch khởi nghiệp đổi mới sáng tạo",
        opens_on=timezone.localdate(now, VN) - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=20),
    )


@pytest.fixture
def no_min_time(settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 0


@pytest.fixture
def comment_data(no_min_time):
    """comment_data(**overrides) -> a valid POST for the comment form (filled at human speed)."""

    def make(**overrides) -> dict:
        data = {
            "name": "Trần Thị Minh Thư",
            "organisation": "Trường Đại học Khoa học",
            "email": "minhthu@example.com",
            "section_ref": "Điều 5",
            "body": "Đề nghị quy định rõ tiêu chí lựa chọn chuyên gia độc lập trong Hội đồng tư vấn.",
            "consent": "on",
            HONEYPOT_FIELD: "",
            STARTED_FIELD: form_token(),
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


def _user(django_user_model, username: str, *, groups=(), permissions=()):
    user = django_user_model.objects.create_user(username=username, password="mat-khau-thu-nghiem")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    for codename in permissions:
        app_label, codename = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def moderator(django_user_model):
    return _user(django_user_model, "bientap", groups=[MODERATOR_GROUP])


@pytest.fixture
def admin_without_rights(django_user_model):
    """Can enter the admin, nothing more."""
    return _user(django_user_model, "khach", permissions=["wagtailadmin.access_admin"])


@pytest.fixture
def app(page_store):
    """The real WSGI stack: the page cache in front of Django."""
    return PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)


def comment_url(consultation) -> str:
    return reverse("consultation:comment_post", args=[consultation.pk])


def post_comment(client, consultation, data, *, origin: str | None = "http://testserver"):
    """POST the comment form as a browser on this site does (it sends Origin)."""
    headers = {"Origin": origin} if origin else {}
    return client.post(comment_url(consultation), data, headers=headers)
