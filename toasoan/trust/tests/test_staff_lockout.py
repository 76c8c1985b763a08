"""Lockout (django-axes): 5 failures per username + client IP lock for 15 minutes, wrong codes
count like wrong passwords, X-Forwarded-For is believed from our own proxy only, unlocking."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from toasoan.trust.testing import password_login, totp_code

PASSWORD = "Kx9!mQ2#vLp8-dai"
VERIFY = "/admin/xac-thuc-hai-buoc/"
LOCKED_TEXT = "Tạm khóa đăng nhập"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_superuser("lanhdao", "ld@example.gov.vn", PASSWORD)


@pytest.fixture
def device(user):
    return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)


def fail(client, times: int, ip: str = "192.0.2.30", **extra):
    for _ in range(times):
        response = password_login(client, "lanhdao", "sai-mat-khau", ip=ip, **extra)
    return response


def test_lockout_after_five_failures_for_fifteen_minutes(client, user):
    with freeze_time("2026-03-02 09:00") as clock:
        assert fail(client, 4).status_code == 200  # the login form again, with its error
        response = fail(client, 1)
        assert response.status_code == 429
        html = response.content.decode()
        assert LOCKED_TEXT in html and "sai 5 lần" in html and "15 phút" in html
        # Even the right password is refused while locked.
        response = password_login(client, "lanhdao", PASSWORD, ip="192.0.2.30")
        assert response.status_code == 429 and "_auth_user_id" not in client.session
        clock.tick(datetime.timedelta(minutes=16))
        response = password_login(client, "lanhdao", PASSWORD, ip="192.0.2.30")
        assert response.status_code == 302


def test_lockout_is_per_username_and_ip(client, user):
    fail(client, 5, ip="192.0.2.30")
    assert password_login(client, "lanhdao", PASSWORD, ip="192.0.2.31").status_code == 302


def test_wrong_codes_count_and_lock_out_the_password_only_session(client, user, device):
    assert password_login(client, "lanhdao", PASSWORD, ip="192.0.2.40").status_code == 302
    with freeze_time() as clock:
        for _ in range(4):
            clock.tick(120)  # past django-otp's own back-off: axes is what stops this
            response = client.post(VERIFY, {"otp_token": "000000"}, REMOTE_ADDR="192.0.2.40")
            assert response.status_code == 200
        clock.tick(120)
        response = client.post(VERIFY, {"otp_token": "000000"}, REMOTE_ADDR="192.0.2.40")
        assert response.status_code == 429 and LOCKED_TEXT in response.content.decode()
        assert "_auth_user_id" not in client.session  # back to the password, which is locked
        assert password_login(client, "lanhdao", PASSWORD, ip="192.0.2.40").status_code == 429


def test_password_alone_does_not_clear_wrong_codes(client, user, device):
    """Who has the password cannot reset the count by logging in again between guesses."""
    with freeze_time() as clock:
        for _ in range(5):
            password_login(client, "lanhdao", PASSWORD, ip="192.0.2.41")
            clock.tick(120)
            response = client.post(VERIFY, {"otp_token": "000000"}, REMOTE_ADDR="192.0.2.41")
        assert response.status_code == 429


def test_full_login_clears_the_count(client, user, device):
    fail(client, 4, ip="192.0.2.42")
    password_login(client, "lanhdao", PASSWORD, ip="192.0.2.42")
    client.post(VERIFY, {"otp_token": totp_code(device)}, REMOTE_ADDR="192.0.2.42")
    assert not AccessAttempt.objects.filter(username="lanhdao").exists()
    client.post("/admin/logout/")
    assert fail(client, 4, ip="192.0.2.42").status_code == 200


def test_forged_forwarded_for_does_not_dodge_the_lockout(client, user):
    """A client not behind our proxy rotating X-Forwarded-For is still one address."""
    for n in range(5):
        response = fail(client, 1, ip="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_forged_forwarded_for_cannot_lock_someone_else_out(client, user):
    fail(client, 5, ip="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.50")
    assert password_login(client, "lanhdao", PASSWORD, ip="192.0.2.50").status_code == 302


def test_behind_our_proxy_the_forwarded_address_counts(client, user):
    fail(client, 5, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.60")
    assert AccessAttempt.objects.get().ip_address == "192.0.2.60"  # what nginx added, not the spoof
    locked = password_login(client, "lanhdao", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.60")
    assert locked.status_code == 429
    other = password_login(client, "lanhdao", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.61")
    assert other.status_code == 302


def test_admin_unlocks_with_axes_command(client, user):
    fail(client, 5)
    call_command("axes_reset_username", "lanhdao", stdout=open("/dev/null", "w"))
    assert password_login(client, "lanhdao", PASSWORD, ip="192.0.2.30").status_code == 302


def test_unknown_usernames_lock_too(client, db):
    for _ in range(5):
        response = password_login(client, "khong-co", "sai-mat-khau")
    assert response.status_code == 429


def test_superuser_unlocks_from_the_admin_and_it_is_logged(client, user):
    from wagtail.models import ModelLogEntry

    from toasoan.trust.testing import staff_login

    victim = get_user_model().objects.create_user("phongvien", password=PASSWORD)
    for _ in range(5):
        password_login(client, "phongvien", "sai-mat-khau", ip="192.0.2.70")
    admin = client.__class__()
    staff_login(admin, user)
    assert "/admin/dang-nhap-bi-khoa/" in admin.get("/admin/").content.decode()  # Settings menu
    html = admin.get("/admin/dang-nhap-bi-khoa/").content.decode()
    assert "phongvien" in html and "192.0.2.70" in html
    attempt = AccessAttempt.objects.get(username="phongvien")
    response = admin.post("/admin/dang-nhap-bi-khoa/", {"attempt": attempt.pk}, follow=True)
    assert "Đã mở khóa đăng nhập cho “phongvien” từ 192.0.2.70." in response.content.decode()
    assert password_login(client, "phongvien", PASSWORD, ip="192.0.2.70").status_code == 302
    entry = ModelLogEntry.objects.get(action="trust.login_unlock")
    assert entry.user_id == user.pk and entry.data["username"] == victim.username
    assert "Mở khóa đăng nhập" in admin.get("/admin/reports/site-history/").content.decode()


def test_only_superusers_see_lockouts(client, user):
    from django.contrib.auth.models import Group

    from toasoan.trust.testing import staff_login

    editor = get_user_model().objects.create_user("bientap", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    fail(client, 5)
    other = client.__class__()
    staff_login(other, editor)
    response = other.post("/admin/dang-nhap-bi-khoa/", {"attempt": AccessAttempt.objects.get().pk})
    assert response.status_code == 302 and AccessAttempt.objects.exists()
    assert "/admin/dang-nhap-bi-khoa/" not in other.get("/admin/").content.decode()


def test_wrong_codes_at_enrolment_count_too(client, user):
    password_login(client, "lanhdao", PASSWORD, ip="192.0.2.80")
    with freeze_time() as clock:
        for _ in range(5):
            clock.tick(120)
            response = client.post(
                "/admin/xac-thuc-hai-buoc/dang-ky/", {"otp_token": "000000"}, REMOTE_ADDR="192.0.2.80"
            )
    assert response.status_code == 429
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert "_auth_user_id" not in client.session
