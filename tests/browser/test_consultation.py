"""Policy consultation as a citizen on a phone would use it, with and without JavaScript: find
the open draft, read it, send a comment and see it was received; the pages pass axe and fit
360 px."""

import time

import pytest

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 800}
INDEX = "/lay-y-kien-du-thao/"
OPEN_TITLE = "Dự thảo Quyết định ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh"
# The portal runs with the default minimum fill time (core.abuse): a person takes a few seconds.
FILL_SECONDS = 3.5


def _fits(page, width: int = 360) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal scroll at {width} px: {scroll_width}px wide"


def _draft_urls(page, portal_url: str) -> dict[str, str]:
    page.goto(portal_url + INDEX)
    return {
        phase: page.locator(f".consultation-card--{phase} h3 a").first.get_attribute("href")
        for phase in ("open", "closed")
    }


@pytest.mark.parametrize("javascript", [True, False])
def test_comment_on_a_draft_from_a_phone(portal_url, browser, screenshot, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(portal_url + INDEX)
    open_card = page.locator(".consultation-card--open").first
    assert open_card.get_by_text("Đang lấy ý kiến").is_visible()
    assert open_card.get_by_text("Còn ").is_visible()
    open_card.get_by_role("link", name=OPEN_TITLE).click()
    page.wait_for_url("**/du-thao-quyet-dinh-ban-hanh-quy-che-quan-ly-nhiem-vu-khoa-hoc-va-cong-nghe-cap-tinh/")
    assert page.locator("h1").inner_text() == OPEN_TITLE
    page.get_by_role("link", name="Gửi góp ý cho dự thảo").click()

    # Sent without consent and with a bad email: messages next to the fields, nothing lost.
    body = f"Đề nghị bổ sung quy định công khai kết quả nghiệm thu (thử nghiệm trình duyệt, JS={javascript})."
    page.locator("#id_name").fill("Nguyễn Văn An")
    page.locator("#id_organisation").fill("Trường Đại học Khoa học")
    page.locator("#id_email").fill("an@")
    page.locator("#id_section_ref").fill("Điều 8")
    page.locator("#id_body").fill(body)
    started = page.locator("input[name='form_started']")
    if javascript:  # the cached page asked for its start time when the form was first focused
        page.wait_for_function("document.querySelector(\"input[name='form_started']\").value !== ''")
    else:
        assert started.input_value() == ""
    page.get_by_role("button", name="Gửi góp ý", exact=True).click()
    assert page.locator("#id_email_error").is_visible()
    assert (started.input_value() != "") is javascript  # kept through the error page
    assert page.get_by_text("Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để gửi góp ý.").first.is_visible()
    assert page.locator("#id_body").input_value() == body
    assert page.locator("#id_name").input_value() == "Nguyễn Văn An"
    screenshot(page, f"consultation-errors-js-{javascript}")

    page.locator("#id_email").fill("nguyenvanan@example.com")
    page.locator("#id_consent").check()
    time.sleep(FILL_SECONDS)
    page.get_by_role("button", name="Gửi góp ý", exact=True).click()
    page.wait_for_url("**/da-nhan-gop-y/**")
    assert page.get_by_role("heading", name="Đã nhận góp ý").is_visible()
    assert page.get_by_text("sẽ được công khai trên trang dự thảo sau khi được kiểm duyệt").is_visible()
    _fits(page)
    screenshot(page, f"consultation-received-js-{javascript}")
    # Moderated first: not public yet.
    page.get_by_role("link", name="Quay lại dự thảo").click()
    assert page.get_by_text(body).count() == 0
    context.close()


@pytest.mark.parametrize("name", ["index", "open", "closed", "received", "errors"])
def test_consultation_pages_accessible_and_fit_phone(portal_url, page, axe_violations, screenshot, name):
    urls = _draft_urls(page, portal_url)
    if name == "index":
        response = page.goto(portal_url + INDEX)
    elif name == "received":
        response = page.goto(portal_url + urls["open"] + "da-nhan-gop-y/")
    else:
        response = page.goto(portal_url + urls["closed" if name == "closed" else "open"])
    assert response.status == 200
    if name == "errors":
        page.get_by_role("button", name="Gửi góp ý", exact=True).click()
        assert page.locator(".error-summary").is_visible()
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    _fits(page)
    screenshot(page, f"consultation-{name}")


def test_pages_fit_360_px_without_javascript(portal_url, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    urls = _draft_urls(page, portal_url)
    for path in (INDEX, urls["open"], urls["closed"], urls["open"] + "da-nhan-gop-y/"):
        page.goto(portal_url + path)
        assert page.locator("h1").count() == 1
        _fits(page)
    context.close()


def test_closed_draft_shows_its_summary_report_and_no_form(portal_url, page):
    urls = _draft_urls(page, portal_url)
    page.goto(portal_url + urls["closed"])
    assert page.get_by_role("heading", name="Báo cáo tổng hợp, tiếp thu, giải trình").is_visible()
    assert page.locator("form.consultation-form").count() == 0
    assert page.get_by_text("Đã hết hạn nhận góp ý").is_visible()
