"""Enrolment (QR code, secret, one code to confirm), backup codes shown once and single use,
verification with the app's code or a backup code, wrong codes, throttling."""

import base64
import re
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from toasoan.trust.staff import services
from toasoan.trust.testing import staff_login, totp_code

PASSWORD = "Kx9!mQ2#vLp8-dai"
ENROL = "/admin/xac-thuc-hai-buoc/dang-ky/"
VERIFY = "/admin/xac-thuc-hai-buoc/"
NEW_CODES = "/admin/xac-thuc-hai-buoc/ma-du-phong/moi/"
IP = {"REMOTE_ADDR": "192.0.2.20"}


@pytest.fixture
def user(db):
    return get_user_model().objects.create_superuser("bientap", "bt@example.gov.vn", PASSWORD)


@pytest.fixture
def logged_in(client, user):
    """Past the password, not yet the second factor."""
    client.force_login(user)
    return client


def secret_on_page(html: str) -> bytes:
    secret = re.search(r'id="totp-secret"[^>]*>([^<]+)<', html).group(1).replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def test_enrolment_page_shows_qr_code_and_secret_of_one_device(logged_in, user):
    html = logged_in.get(ENROL + "?next=/admin/pages/").content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert secret_on_page(html) == device.bin_key
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" width="250" height="250" alt="Mã QR', html)
    assert "<script" not in html.split('id="main"')[1] and "style=" not in html.split('id="main"')[1]
    assert 'value="/admin/pages/"' in html
    # Reloading keeps the same secret: what the person scanned stays valid.
    assert secret_on_page(logged_in.get(ENROL).content.decode()) == device.bin_key
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_qr_code_encodes_the_otpauth_url(user):
    device = services.enrolment_device(user=user)
    svg = unquote(services.totp_qr_data_uri(device))
    assert svg.startswith("data:image/svg+xml") and "<path" in svg
    assert device.config_url.startswith("otpauth://totp/T%C3%B2a%20so%E1%BA%A1n%3Abientap?secret=")


def test_enrolment_confirmed_by_a_code_computed_from_the_shown_secret(logged_in, user):
    key = secret_on_page(logged_in.get(ENROL).content.decode())
    response = logged_in.post(ENROL, {"otp_token": f"{totp(key):06d}", "next": "/admin/pages/"}, **IP)
    assert response.status_code == 302 and response["Location"] == NEW_CODES + "?next=%2Fadmin%2Fpages%2F"
    assert TOTPDevice.objects.get(user=user).confirmed

    html = logged_in.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert 'href="/admin/pages/"' in html
    # Shown once only.
    again = logged_in.get(NEW_CODES).content.decode()
    assert not re.findall(r"<li><code>", again) and "chỉ hiện một lần" in again
    assert logged_in.get("/admin/pages/").status_code == 200


def test_wrong_enrolment_code_is_refused_in_vietnamese(logged_in, user):
    logged_in.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    html = logged_in.post(ENROL, {"otp_token": wrong}, **IP).content.decode()
    assert "Mã xác thực không đúng hoặc đã hết hạn" in html
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert logged_in.get("/admin/")["Location"].startswith(ENROL)
    html = logged_in.post(ENROL, {"otp_token": "12ab"}, **IP).content.decode()
    assert "Mã gồm 6 chữ số" in html


def test_enrolment_page_is_gone_once_enrolled(client, user):
    staff_login(client, user)
    assert client.get(ENROL)["Location"] == "/admin/"


@pytest.fixture
def enrolled(logged_in, user):
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    codes = services.backup_codes_generate(user=user)
    return device, codes


def test_verification_with_the_apps_code(logged_in, enrolled):
    device, _ = enrolled
    response = logged_in.post(VERIFY, {"otp_token": totp_code(device), "next": "/admin/users/"}, **IP)
    assert response["Location"] == "/admin/users/"
    assert logged_in.get("/admin/users/").status_code == 200


def test_a_code_works_once(client, user, enrolled):
    device, _ = enrolled
    code = totp_code(device)
    client.force_login(user)
    assert client.post(VERIFY, {"otp_token": code}, **IP)["Location"] == "/admin/"
    client.post("/admin/logout/")
    client.force_login(user)
    html = client.post(VERIFY, {"otp_token": code}, **IP).content.decode()
    assert "Mã xác thực không đúng hoặc đã hết hạn" in html


def test_backup_code_is_single_use(client, user, enrolled):
    _, codes = enrolled
    client.force_login(user)
    response = client.post(VERIFY, {"otp_token": codes[0].upper()}, follow=True, **IP)
    assert response.redirect_chain[0][0] == "/admin/"
    assert "còn 9 mã" in response.content.decode()
    client.post("/admin/logout/")
    client.force_login(user)
    html = client.post(VERIFY, {"otp_token": codes[0]}, **IP).content.decode()
    assert "Mã dự phòng không đúng hoặc đã được dùng" in html
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_wrong_codes_are_throttled(logged_in, enrolled):
    device, _ = enrolled
    with freeze_time() as clock:
        html = logged_in.post(VERIFY, {"otp_token": "000000"}, **IP).content.decode()
        assert "Mã xác thực không đúng" in html
        html = logged_in.post(VERIFY, {"otp_token": "000001"}, **IP).content.decode()
        assert "Bạn đã nhập sai nhiều lần liên tiếp. Vui lòng chờ 1 giây" in html
        clock.tick(2)
        response = logged_in.post(VERIFY, {"otp_token": totp_code(device)}, **IP)
        assert response.status_code == 302


def test_a_backup_code_never_counts_against_the_app(logged_in, enrolled):
    device, _ = enrolled
    logged_in.post(VERIFY, {"otp_token": "abcdefgh"}, **IP)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_next_stays_on_this_site(logged_in, enrolled):
    device, _ = enrolled
    response = logged_in.post(VERIFY, {"otp_token": totp_code(device), "next": "https://evil.example/"}, **IP)
    assert response["Location"] == "/admin/"


def test_session_id_changes_when_verified(logged_in, enrolled):
    device, _ = enrolled
    before = logged_in.cookies["sessionid"].value
    logged_in.post(VERIFY, {"otp_token": totp_code(device)}, **IP)
    assert logged_in.cookies["sessionid"].value != before


def test_account_page_regenerates_backup_codes(client, user, enrolled):
    _, old_codes = enrolled
    staff_login(client, user)
    account = client.get("/admin/account/").content.decode()
    assert "/admin/xac-thuc-hai-buoc/ma-du-phong/" in account
    page = client.get("/admin/xac-thuc-hai-buoc/ma-du-phong/").content.decode()
    assert re.search(r"Bạn còn <strong>10</strong> mã dự phòng", page)
    response = client.post("/admin/xac-thuc-hai-buoc/ma-du-phong/")
    html = client.get(response["Location"]).content.decode()
    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(new_codes)
