"""The admin requires a second factor: a password-only session reaches no admin page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from toasoan.trust.testing import password_login, staff_login

PASSWORD = "Kx9!mQ2#vLp8-dai"
ENROL = "/admin/xac-thuc-hai-buoc/dang-ky/"
VERIFY = "/admin/xac-thuc-hai-buoc/"

# Every step of the admin, Wagtail's and Django's (the middleware answers before URL routing, so
# /django-admin/ is covered even while no Django admin is mounted).
ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/account/",
    "/admin/reports/site-history/",
    "/admin/xac-thuc-hai-buoc/ma-du-phong/",
    "/admin/xac-thuc-hai-buoc/ma-du-phong/moi/",
    "/django-admin/",
    "/django-admin/auth/user/",
]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("quantri", "qt@example.gov.vn", PASSWORD)


def password_only(client: Client, user) -> Client:
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_password_only_session_is_sent_to_enrolment_keeping_next(client, superuser, url):
    response = password_only(client, superuser).get(url + "?q=1")
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL + "?next=")
    assert response["Location"].endswith(re.sub("/", "%2F", url) + "%3Fq%3D1")


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_enrolled_but_unverified_session_is_sent_to_verification(client, superuser, url):
    TOTPDevice.objects.create(user=superuser, name="Điện thoại", confirmed=True)
    response = password_only(client, superuser).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY + "?next=")


def test_reset_page_needs_the_second_factor_too(client, superuser):
    other = get_user_model().objects.create_user("phongvien", password=PASSWORD)
    response = password_only(client, superuser).post(f"/admin/xac-thuc-hai-buoc/dat-lai/{other.pk}/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_verified_session_gets_in(client, superuser, url):
    staff_login(client, superuser)
    response = client.get(url)
    if url.startswith("/django-admin/"):
        assert response.status_code == 404  # not mounted; nothing to reach
    else:
        assert response.status_code == 200


def test_password_login_leads_to_the_step_and_back_to_next(client, superuser):
    response = client.post(
        "/admin/login/", {"username": "quantri", "password": PASSWORD, "next": "/admin/pages/"}, REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    response = client.get("/admin/pages/")
    assert response["Location"] == ENROL + "?next=%2Fadmin%2Fpages%2F"
    # Back on the login page (bookmark, back button): still the step, with its next.
    response = client.get("/admin/login/?next=/admin/users/")
    assert response["Location"] == ENROL + "?next=%2Fadmin%2Fusers%2F"


def test_unverified_user_may_log_out(client, superuser):
    response = password_only(client, superuser).post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_page_itself_needs_no_session(client, db):
    assert client.get("/admin/login/").status_code == 200


def test_user_without_admin_access_gets_wagtails_refusal_not_a_loop(client, db):
    user = get_user_model().objects.create_user("bandoc", password=PASSWORD)
    response = password_only(client, user).get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"]).status_code == 200


def test_editor_groups_need_it_as_well(client, db):
    user = get_user_model().objects.create_user("phongvien", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Phóng viên"))
    assert password_only(client, user).get("/admin/")["Location"].startswith(ENROL)
    staff_login(client, user)
    assert client.get("/admin/").status_code == 200


def test_private_pages_need_the_second_factor(client, superuser, section, make_article):
    article = make_article(section, "Tin nội bộ")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = password_only(client, superuser).get(article.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    staff_login(client, superuser)
    assert client.get(article.url).status_code == 200


def test_the_real_login_from_password_to_dashboard(client, superuser):
    from toasoan.trust.testing import totp_code

    device = TOTPDevice.objects.create(user=superuser, name="Điện thoại", confirmed=True)
    assert password_login(client, "quantri", PASSWORD).status_code == 302
    response = client.post(VERIFY, {"otp_token": totp_code(device), "next": "/admin/"}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/sprite/", "/admin/jsi18n/"])
def test_what_the_step_pages_load_is_not_redirected(client, superuser, url):
    """The admin's script injects the icon sprite into the page: a redirect there would inject
    the whole step page a second time."""
    response = password_only(client, superuser).get(url)
    assert response.status_code == 200


def test_unverified_session_is_anonymous_outside_the_admin(rf, superuser):
    from django.http import HttpResponse

    from toasoan.trust.staff.middleware import StaffAccessMiddleware

    seen = {}

    def view(request):
        seen["user"] = request.user
        return HttpResponse()

    request = rf.get("/tin-tuc/")
    superuser.otp_device = None
    superuser.is_verified = lambda: False
    request.user = superuser
    StaffAccessMiddleware(view)(request)
    user = seen["user"]
    assert user.is_anonymous and not user.is_authenticated
    assert user.is_verified() is False and user.otp_device is None
