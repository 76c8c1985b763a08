"""Feedback end to end: a citizen submits on a phone, staff answer and approve in the admin, the
citizen reads the answer by code, and the public Q&A shows it without personal data."""

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
SUBJECT = "Hỏi thủ tục cấp giấy phép sử dụng thiết bị X-quang"
CONTENT = (
    "Tôi là Đỗ Thị Hạnh, chủ phòng khám nha khoa ở phường Vĩnh Ninh, điện thoại 0905 123 456. "
    "Xin hỏi hồ sơ cấp giấy phép sử dụng thiết bị X-quang chụp răng gồm những gì?"
)
ANSWER = "Hồ sơ gồm đơn đề nghị cấp giấy phép, báo cáo đánh giá an toàn và chứng chỉ nhân viên bức xạ."
PUBLIC_PAGES = {
    "form": "/phan-anh-kien-nghi/",
    "form-about-bad": "/phan-anh-kien-nghi/?ve=999999",
    "track": "/phan-anh-kien-nghi/tra-cuu/",
    "track-unknown": "/phan-anh-kien-nghi/tra-cuu/?ma=PA-2345-6789",
    "track-demo": "/phan-anh-kien-nghi/tra-cuu/?ma=PA-W5NC-2J3K",
    "receipt-demo": "/phan-anh-kien-nghi/da-gui/KN-T3HV-8G9H/",
    "qa": "/hoi-dap/",
    "qa-search": "/hoi-dap/?q=chuyen+giao+cong+nghe",
}


def field(page, label: str):
    """The form control labelled `label` (required fields add " (bắt buộc)" for screen readers)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\W*\(bắt buộc\))?$"))


def fill_form(page, subject: str, content: str) -> None:
    page.get_by_label("Hỏi đáp", exact=True).check()
    field(page, "Họ và tên").fill("Đỗ Thị Hạnh")
    field(page, "Thư điện tử").fill("hanh.do@example.vn")
    field(page, "Số điện thoại").fill("0905 123 456")
    field(page, "Tiêu đề").fill(subject)
    field(page, "Nội dung").fill(content)
    page.locator("#id_consent").check()
    time.sleep(3.2)  # a person takes longer than the minimum fill time (TOASOAN_FORM_MIN_SECONDS)


def assert_fits_phone(page) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal scroll at 360 px: {width}px wide"


def test_citizen_staff_citizen_public(portal_url, browser, screenshot, axe_violations, admin_login):
    citizen = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = citizen.new_page()
    page.goto(portal_url + "/phan-anh-kien-nghi/")
    # Bad input first: nothing typed is lost, the message is in Vietnamese next to the field.
    field(page, "Họ và tên").fill("Đỗ Thị Hạnh")
    field(page, "Số điện thoại").fill("12345")
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.get_by_text("Số điện thoại không hợp lệ")).to_be_visible()
    assert field(page, "Họ và tên").input_value() == "Đỗ Thị Hạnh"
    assert axe_violations(page) == []
    screenshot(page, "feedback-form-errors")

    fill_form(page, SUBJECT, CONTENT)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/phan-anh-kien-nghi/da-gui/**")
    code = page.locator(".fb-code--big").inner_text().strip()
    assert re.fullmatch(r"HD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code)
    assert page.locator("h1").inner_text() == "Đã tiếp nhận"
    assert "Đỗ Thị Hạnh" not in page.content() and "0905" not in page.content()
    assert axe_violations(page) == []
    assert_fits_phone(page)
    screenshot(page, "feedback-receipt")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = staff.new_page()
    admin_login(admin, portal_url)
    admin.goto(portal_url + "/admin/phan-anh/")
    assert admin.locator("tr.fb-overdue").count() >= 1  # the demo's overdue item stands out
    screenshot(admin, "feedback-admin-list")
    admin.get_by_role("link", name=code).click()
    admin.wait_for_url("**/admin/phan-anh/xu-ly/**")
    admin.locator("select[name=mau]").select_option(label="Hướng dẫn nộp hồ sơ trực tuyến")
    admin.get_by_role("button", name="Dùng mẫu").click()
    assert "Kính gửi Ông/Bà Đỗ Thị Hạnh" in admin.locator("textarea[name=answer]").input_value()
    admin.locator("textarea[name=answer]").fill(ANSWER)
    admin.get_by_role("button", name="Gửi lãnh đạo duyệt").click()
    expect(admin.get_by_text("Đã gửi câu trả lời cho lãnh đạo duyệt.")).to_be_visible()
    public_question = admin.locator("textarea[name=public_question]").input_value()
    assert "Đỗ Thị Hạnh" not in public_question and "0905 123 456" not in public_question
    screenshot(admin, "feedback-admin-process")
    admin.get_by_role("button", name="Duyệt và gửi trả lời").click()
    expect(admin.get_by_text("Đã duyệt").first).to_be_visible()
    staff.close()

    page.set_viewport_size(PHONE)
    page.goto(portal_url + "/phan-anh-kien-nghi/tra-cuu/")
    field(page, "Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.locator(".fb-status").get_by_text("Đã trả lời")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "feedback-tracking-answered")

    page.goto(portal_url + "/hoi-dap/")
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    html = page.content()
    for personal in ("Đỗ Thị Hạnh", "0905 123 456", "hanh.do@example.vn"):
        assert personal not in html
    assert "[họ tên]" in html and "[số điện thoại]" in html
    assert axe_violations(page) == []
    assert_fits_phone(page)
    screenshot(page, "feedback-qa-detail")
    citizen.close()


def test_form_works_without_javascript(portal_url, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(portal_url + "/phan-anh-kien-nghi/")
    fill_form(page, "Kiến nghị niêm yết phí thẩm định công nghệ", "Đề nghị Sở niêm yết công khai mức phí thẩm định.")
    page.get_by_label("Kiến nghị", exact=True).check()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "kien-nghi.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/phan-anh-kien-nghi/da-gui/KN-**")
    code = page.locator(".fb-code--big").inner_text().strip()
    page.goto(portal_url + "/phan-anh-kien-nghi/tra-cuu/")
    field(page, "Mã tra cứu").fill(code)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".fb-status").get_by_text(code)).to_be_visible()
    page.goto(portal_url + "/hoi-dap/?q=chuyen+giao")
    assert page.get_by_role("link", name="Hồ sơ đăng ký hợp đồng chuyển giao công nghệ gồm những gì?").count() == 1
    context.close()


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_page_accessible_and_fits_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PUBLIC_PAGES[name])
    assert response.status == (404 if name == "track-unknown" else 200)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    assert_fits_phone(page)
    screenshot(page, f"feedback-{name}")
