"""A superuser resets another user's second factor from the admin; the audit log records it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from toasoan.trust.staff import services
from toasoan.trust.testing import staff_login

PASSWORD = "Kx9!mQ2#vLp8-dai"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("quantri", "qt@example.gov.vn", PASSWORD)


@pytest.fixture
def reporter(db):
    user = get_user_model().objects.create_user("phongvien", "pv@example.gov.vn", PASSWORD)
    user.groups.add(Group.objects.get(name="Phóng viên"))
    TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    services.backup_codes_generate(user=user)
    return user


def reset_url(user) -> str:
    return f"/admin/xac-thuc-hai-buoc/dat-lai/{user.pk}/"


def test_superuser_resets_and_it_is_logged(client, superuser, reporter):
    staff_login(client, superuser)
    html = client.get(reset_url(reporter)).content.decode()
    assert "Đặt lại xác thực hai bước" in html and "phongvien" in html
    response = client.post(reset_url(reporter))
    assert response["Location"] == f"/admin/users/edit/{reporter.pk}/"
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert not StaticDevice.objects.filter(user=reporter).exists()
    entry = ModelLogEntry.objects.get(action="trust.second_factor_reset")
    assert entry.user_id == superuser.pk and entry.object_id == str(reporter.pk)
    assert entry.data == {"devices": 2}
    assert entry.message == "Đặt lại xác thực hai bước (người dùng phải đăng ký lại)"


def test_reset_user_enrols_again_even_in_an_open_session(client, superuser, reporter):
    other = client.__class__()
    staff_login(other, reporter)
    assert other.get("/admin/").status_code == 200
    staff_login(client, superuser)
    client.post(reset_url(reporter))
    assert other.get("/admin/")["Location"].startswith("/admin/xac-thuc-hai-buoc/dang-ky/")


def test_only_superusers_reset(client, reporter, db):
    approver = get_user_model().objects.create_user("lanhdao", password=PASSWORD)
    approver.groups.add(Group.objects.get(name="Lãnh đạo duyệt tin"))
    staff_login(client, approver)
    client.post(reset_url(reporter))
    assert TOTPDevice.objects.filter(user=reporter, confirmed=True).exists()
    assert not ModelLogEntry.objects.filter(action="trust.second_factor_reset").exists()


def test_reset_needs_a_post(client, superuser, reporter):
    staff_login(client, superuser)
    client.get(reset_url(reporter))
    assert TOTPDevice.objects.filter(user=reporter).exists()


def test_no_reset_of_ones_own(client, superuser):
    staff_login(client, superuser)
    client.post(reset_url(superuser))
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_user_list_offers_the_reset_to_superusers(client, superuser, reporter):
    staff_login(client, superuser)
    html = client.get("/admin/users/").content.decode()
    assert reset_url(reporter) in html and reset_url(superuser) not in html


def test_action_has_a_vietnamese_label_in_the_site_history(client, superuser, reporter):
    staff_login(client, superuser)
    client.post(reset_url(reporter))
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Đặt lại xác thực hai bước" in html
