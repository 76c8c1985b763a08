"""Staff accounts end to end on a phone-width page: a new editor's first login enrols an
authenticator (QR code and secret), gets backup codes once, logs out, logs in with the app's code
and with a backup code; a wrong code and the lockout page speak Vietnamese; a superuser's reset
sends the editor back to enrolment. Every step page is axe-clean and fits 360 px."""

import base64
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import totp_code

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
USERNAME = "bientap.thu"
PASSWORD = "Đọc-báo-sáng-7-giờ!"


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shoot(screenshot, page, name: str) -> None:
    screenshot(page, name)
    page.set_viewport_size(PHONE)  # the screenshot helper leaves the page at 1280 px


def submit_code(page, code: str) -> None:
    page.get_by_label("Mã xác thực").fill(code)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()


def password_step(page, portal_url: str, username: str = USERNAME, password: str = PASSWORD) -> None:
    page.goto(portal_url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()


def create_editor(admin, portal_url: str) -> None:
    admin.goto(portal_url + "/admin/users/new/")
    admin.locator("input[name=username]").fill(USERNAME)
    admin.locator("input[name=email]").fill("bientap.thu@example.gov.vn")
    admin.locator("input[name=first_name]").fill("Thu")
    admin.locator("input[name=last_name]").fill("Nguyễn")
    admin.locator("input[name=password1]").fill("Matkhau@1")
    admin.locator("input[name=password2]").fill("Matkhau@1")
    admin.get_by_role("tab", name="Vai trò").first.click()
    admin.get_by_label("Biên tập viên", exact=True).check()  # not the per-site "Biên tập viên — …"
    admin.get_by_role("button", name="Tạo", exact=True).click()
    # The password rules answer in Vietnamese, Django's length rule included.
    expect(admin.get_by_text("Mật khẩu quá ngắn: cần ít nhất 12 ký tự.")).to_be_visible()
    expect(admin.get_by_text("Mật khẩu chủ yếu là từ dễ đoán", exact=False)).to_be_visible()
    admin.locator("input[name=password1]").fill(PASSWORD)
    admin.locator("input[name=password2]").fill(PASSWORD)
    admin.get_by_role("button", name="Tạo", exact=True).click()
    admin.wait_for_url(re.compile(r".*/admin/users/$"))


def test_enrolment_login_logout_on_a_phone(portal_url, browser, admin_login, axe_violations, screenshot):
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = staff.new_page()
    admin_login(admin, portal_url)
    create_editor(admin, portal_url)

    phone = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = phone.new_page()

    # First login: enrolment.
    password_step(page, portal_url)
    assert "/admin/xac-thuc-hai-buoc/dang-ky/" in page.url
    expect(page.locator("h1")).to_have_text("Đăng ký xác thực hai bước")
    expect(page.get_by_role("img", name=re.compile("Mã QR"))).to_be_visible()
    assert axe_violations(page) == [] and fits_phone(page)
    shoot(screenshot, page, "staff-enrol")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    state = {"key": base64.b32decode(secret + "=" * (-len(secret) % 8)), "last_t": -1, "drift": 0}
    # The admin is out of reach until the code is given.
    page.goto(portal_url + "/admin/pages/")
    assert "/admin/xac-thuc-hai-buoc/dang-ky/" in page.url
    submit_code(page, "123456" if totp_code(dict(state)) != "123456" else "654321")
    expect(page.get_by_text("Mã xác thực không đúng hoặc đã hết hạn", exact=False).first).to_be_visible()
    assert axe_violations(page) == []
    page.wait_for_timeout(1100)  # django-otp's back-off after one wrong code
    submit_code(page, totp_code(state))

    # Backup codes, shown once.
    assert "/ma-du-phong/moi/" in page.url
    codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", c) for c in codes)
    assert axe_violations(page) == [] and fits_phone(page)
    shoot(screenshot, page, "staff-backup-codes")
    page.get_by_role("link", name="Tôi đã lưu mã, tiếp tục").click()
    page.wait_for_url(re.compile(r".*/admin/pages/$"))  # where the login was going

    # Log out from the admin's menu.
    page.get_by_role("button", name="Mở/đóng thanh bên").first.click()
    page.locator("[class*=sidebar-footer] button[aria-haspopup=menu]").click()  # the account menu
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r".*/admin/login/.*"))

    # Later logins: the app's code...
    password_step(page, portal_url)
    assert "/admin/xac-thuc-hai-buoc/?" in page.url
    expect(page.locator("h1")).to_have_text("Xác thực hai bước")
    assert axe_violations(page) == [] and fits_phone(page)
    shoot(screenshot, page, "staff-verify")
    submit_code(page, totp_code(state))
    assert page.url.endswith("/admin/")
    phone.clear_cookies()

    # ...or a backup code, once.
    password_step(page, portal_url)
    submit_code(page, codes[0])
    assert page.url.endswith("/admin/")
    expect(page.get_by_text("còn 9 mã", exact=False)).to_be_visible()
    phone.clear_cookies()
    password_step(page, portal_url)
    submit_code(page, codes[0])
    expect(page.get_by_role("listitem").filter(has_text="Mã dự phòng không đúng hoặc đã được dùng.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r".*/admin/login/.*"))

    # A superuser resets the editor's second factor (their phone was lost): enrolment again.
    admin.goto(portal_url + "/admin/users/")
    admin.get_by_role("button", name=re.compile(rf"{re.escape(USERNAME)}|Thu Nguyễn")).click()  # the row's menu
    admin.get_by_role("link", name="Đặt lại xác thực hai bước").click()
    admin.get_by_role("button", name="Đặt lại xác thực hai bước").click()
    expect(admin.get_by_text(f"Đã đặt lại xác thực hai bước của “{USERNAME}”", exact=False)).to_be_visible()
    password_step(page, portal_url)
    assert "/admin/xac-thuc-hai-buoc/dang-ky/" in page.url
    assert page.locator("#totp-secret").inner_text().replace(" ", "") != secret
    staff.close()

    # Five wrong passwords: the lockout page, in Vietnamese.
    phone.clear_cookies()
    for _ in range(5):
        password_step(page, portal_url, username="khong-ton-tai", password="sai-mat-khau")
    expect(page.locator("h1")).to_have_text("Tạm khóa đăng nhập")
    assert axe_violations(page) == [] and fits_phone(page)
    shoot(screenshot, page, "staff-lockout")
    phone.close()
