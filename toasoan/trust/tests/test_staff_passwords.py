"""Password rules: Django's (12 characters, similarity, common, numeric) in Vietnamese in the
admin, plus variety and guessable words."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from toasoan.trust.testing import staff_login

PASSWORD = "Kx9!mQ2#vLp8-dai"


def errors(password: str, user=None) -> list[str]:
    try:
        with translation.override("vi"):
            validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password",
    [
        "Kx9!mQ2#vLp8",
        "Đồng hồ treo tường bảy giờ",  # a long passphrase needs no variety
        "correct horse battery staple",
        "Mat-khau-rat-dai-2026!",
    ],
)
def test_strong_passwords_pass(password, db):
    assert errors(password) == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!xyz", "Mật khẩu quá ngắn: cần ít nhất 12 ký tự."),
        ("123456789012345", "Mật khẩu này hoàn toàn là số."),
        ("liverpool123", "Mật khẩu này quá phổ biến."),
        ("banxemtintuc", "Mật khẩu phải có ít nhất 3 trong 4 loại ký tự"),
        ("aaaaaaaaaaaaA1!", "Mật khẩu lặp lại quá nhiều: cần ít nhất 6 ký tự khác nhau."),
        ("Matkhau@2024!", "Mật khẩu chủ yếu là từ dễ đoán"),
        ("Mật khẩu 2024!!", "Mật khẩu chủ yếu là từ dễ đoán"),
        ("Toasoan#123456", "Mật khẩu chủ yếu là từ dễ đoán"),
        ("QuanTri@11112222", "Mật khẩu chủ yếu là từ dễ đoán"),
    ],
)
def test_weak_passwords_fail_in_vietnamese(password, message, db):
    assert any(m.startswith(message) for m in errors(password)), errors(password)


def test_similar_to_the_username(db):
    user = get_user_model()(username="nguyenvanhoang", email="hoang@example.gov.vn")
    assert any(m.startswith("Mật khẩu quá giống với") for m in errors("Nguyenvanhoang!1", user))


def test_admin_password_change_form_speaks_vietnamese(client, db):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.gov.vn", PASSWORD)
    staff_login(client, user)
    response = client.post(
        "/admin/account/",
        {
            "password-old_password": PASSWORD,
            "password-new_password1": "Matkhau@2024",
            "password-new_password2": "Matkhau@2024",
            "name_email-first_name": "Biên",
            "name_email-last_name": "Tập",
            "name_email-email": "bt@example.gov.vn",
            "locale-preferred_language": "vi",
            "locale-current_time_zone": "Asia/Ho_Chi_Minh",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn" not in html  # 12 characters: long enough
    assert "Mật khẩu chủ yếu là từ dễ đoán" in html
    response = client.post(
        "/admin/account/",
        {"password-old_password": PASSWORD, "password-new_password1": "ngan", "password-new_password2": "ngan"},
    )
    html = response.content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in html
    # Django's own rules speak Vietnamese there too (its catalogue, the page's language).
    response = client.post(
        "/admin/account/",
        {
            "password-old_password": PASSWORD,
            "password-new_password1": "liverpool123",
            "password-new_password2": "liverpool123",
        },
    )
    assert "Mật khẩu này quá phổ biến." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
