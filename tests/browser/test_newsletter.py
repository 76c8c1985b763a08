"""A reader on a phone subscribes to the newsletter without JavaScript, opens the confirmation link
from the mail (read from the running portal's log: the console mail backend, printed by the task
worker bin/serve starts) and confirms; the archive of PDF issues and its download; axe and 360 px."""

import re
import time

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "subscribe": "/ban-tin/dang-ky/",
    "subscribe-sent": "/ban-tin/dang-ky/da-gui/",
    "archive": "/ban-tin/",
    "issue": "/ban-tin/so-2-2026/",
}
ADDRESS = "doc.gia.thu.nghiem@example.vn"


def phone(browser, javascript: bool = True):
    return browser.new_context(
        viewport={"width": 360, "height": 780}, locale="vi-VN", is_mobile=True, java_script_enabled=javascript
    )


def confirmation_link(tmp_path_factory, timeout: float = 30) -> str:
    """The confirmation URL of the mail to ADDRESS, once the durable task worker has sent it."""
    pattern = re.compile(r"To: " + re.escape(ADDRESS) + r".*?(https?://\S+/ban-tin/xac-nhan/\S+/)", re.S)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # The single server's var*/server.log, or each cluster server's (the worker of either sends it).
        for log in tmp_path_factory.getbasetemp().glob("**/server.log"):
            match = pattern.search(log.read_text(errors="replace"))
            if match:
                return match.group(1)
        time.sleep(0.5)
    pytest.fail("no confirmation mail in the portal's log")


def test_subscribe_without_javascript_then_confirm_from_the_mail(portal_url, browser, tmp_path_factory, screenshot):
    context = phone(browser, javascript=False)
    page = context.new_page()
    page.goto(portal_url + "/")
    page.locator("footer").get_by_role("link", name="Đăng ký nhận bản tin qua thư điện tử").click()
    page.wait_for_url("**/ban-tin/dang-ky/")
    assert page.locator("h1").inner_text() == "Đăng ký nhận bản tin"

    # Nothing chosen: a clear message, and what was typed is kept.
    page.locator("#id_email").fill(ADDRESS)
    time.sleep(3.2)  # the form refuses submissions faster than a person (3 s in dev settings)
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_load_state()
    assert "Hãy chọn ít nhất một chuyên mục." in page.content()
    assert "Cần bạn đồng ý" in page.content()
    assert page.locator("#id_email").input_value() == ADDRESS

    page.get_by_label("Cải cách hành chính").check()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url("**/ban-tin/dang-ky/da-gui/")
    assert page.locator("h1").inner_text() == "Kiểm tra hộp thư để xác nhận"
    screenshot(page, "newsletter-sent")
    context.close()

    link = confirmation_link(tmp_path_factory)
    assert link.startswith(portal_url)
    context = phone(browser)
    page = context.new_page()
    page.goto(link)
    assert page.locator("h1").inner_text() == "Xác nhận đăng ký nhận bản tin"  # a GET changes nothing
    page.get_by_role("button", name="Xác nhận đăng ký").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Đã xác nhận đăng ký"
    assert "Cải cách hành chính" in page.locator("main").inner_text()
    screenshot(page, "newsletter-confirmed")
    page.goto(link)
    page.get_by_role("button", name="Xác nhận đăng ký").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Đăng ký đã được xác nhận trước đó"
    context.close()


def test_the_archive_lists_issues_and_downloads_a_pdf(portal_url, browser):
    context = phone(browser)
    page = context.new_page()
    page.goto(portal_url + "/")
    page.locator("nav").get_by_role("link", name="Bản tin", exact=True).first.click()
    page.wait_for_url("**/ban-tin/")
    titles = page.locator(".nl-issue__title").all_inner_texts()
    assert titles[:3] == ["Bản tin KH&CN số 3/2026", "Bản tin KH&CN số 2/2026", "Bản tin KH&CN số 1/2026"]
    href = page.locator(".nl-download").first.get_attribute("href")
    response = page.request.get(portal_url + href)
    assert response.status == 200 and response.body().startswith(b"%PDF-")
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_newsletter_pages_accessible_and_fit_a_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert axe_violations(page) == []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"page-newsletter-{name}")
