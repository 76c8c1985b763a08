"""Satisfaction ratings and polls as a citizen on a phone would use them, with and without
JavaScript: rate a unit, read the results (chart and table), vote in the home page's poll."""

import re
import time

import pytest

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 800}
HOME_POLL = "/tham-do-y-kien/kenh-biet-den-cong-thong-tin/"
PAGES = {
    "rating-form": "/danh-gia-hai-long/",
    "rating-results": "/danh-gia-hai-long/ket-qua/",
    "rating-results-filtered": "/danh-gia-hai-long/ket-qua/?doi-tuong=don-vi-1&tu-ngay=2020-01-01&den-ngay=2020-02-31",
    "poll-list": "/tham-do-y-kien/",
    "poll-open": HOME_POLL,
    "poll-closed": "/tham-do-y-kien/noi-dung-quan-tam-nhat/",
}
# The portal runs with the default minimum fill time (core.abuse): a person takes a few seconds.
FILL_SECONDS = 3.5


def results_count(page, portal_url: str, unit: str) -> int:
    page.goto(portal_url + "/danh-gia-hai-long/ket-qua/")
    caption = page.locator("figure.chart caption", has_text=f"Số liệu: {unit}")
    if caption.count() == 0:
        return 0
    total = caption.locator("xpath=..").locator("tfoot td").first.inner_text()
    return int(total)


@pytest.mark.parametrize(
    ("javascript", "unit", "level"),
    [(True, "Phòng Quản lý chuyên ngành", "Hài lòng"), (False, "Bộ phận Tiếp nhận và Trả kết quả", "Rất hài lòng")],
)
def test_rate_a_unit_on_a_phone(portal_url, browser, screenshot, javascript, unit, level):
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    before = results_count(page, portal_url, unit)
    page.goto(portal_url + "/danh-gia-hai-long/")
    # Sent without a level: a message next to the field, and nothing typed is lost.
    page.get_by_label("Bạn muốn đánh giá").select_option(label=unit)
    page.get_by_label("Ý kiến thêm (không bắt buộc)").fill("Cán bộ hướng dẫn rõ ràng.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.get_by_text("Hãy chọn một trong bốn mức độ hài lòng.").is_visible()
    assert page.get_by_label("Ý kiến thêm (không bắt buộc)").input_value() == "Cán bộ hướng dẫn rõ ràng."
    assert page.get_by_label("Bạn muốn đánh giá").locator("option:checked").inner_text() == unit
    page.get_by_label(level, exact=True).check()
    time.sleep(FILL_SECONDS)
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**/danh-gia-hai-long/cam-on/**")
    assert page.get_by_text("Đánh giá của bạn đã được ghi nhận và tính vào kết quả.").is_visible()
    screenshot(page, f"surveys-thanks-js-{javascript}")
    page.get_by_role("link", name="Xem kết quả đánh giá sự hài lòng").click()
    page.wait_for_url("**/danh-gia-hai-long/ket-qua/")
    chart = page.locator("svg[role=img]").first
    assert chart.is_visible()
    assert page.locator("table caption").first.is_visible()
    assert results_count(page, portal_url, unit) == before + 1
    screenshot(page, f"surveys-results-js-{javascript}")
    context.close()


def test_vote_in_the_home_page_poll(portal_url, browser, screenshot):
    # Without JavaScript: a plain form on the cached home page, posting to the vote endpoint.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(portal_url + "/")
    panel = page.locator("aside .poll-panel")
    assert panel.get_by_text("Bạn biết đến Cổng thông tin của Sở qua kênh nào?").is_visible()
    before = _poll_total(page, portal_url)
    page.goto(portal_url + "/")
    panel.get_by_label("Người quen").check()
    panel.get_by_role("button", name="Bình chọn").click()
    page.wait_for_url(re.compile(r".*/tham-do-y-kien/kenh-biet-den-cong-thong-tin/\?da-binh-chon=1$"))
    assert page.get_by_text("Cảm ơn bạn đã bình chọn.").is_visible()
    assert page.locator("svg[role=img]").is_visible()
    assert int(page.locator("figure.chart tfoot td").first.inner_text()) == before + 1
    screenshot(page, "surveys-poll-voted")
    context.close()
    # With JavaScript, the same reader again today: told so, and shown the results.
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(portal_url + "/")
    page.locator("aside .poll-panel").get_by_label("Zalo").check()
    page.locator("aside .poll-panel").get_by_role("button", name="Bình chọn").click()
    assert page.get_by_text("Hôm nay bạn đã bình chọn cho câu hỏi này.").is_visible()
    assert int(page.locator("figure.chart tfoot td").first.inner_text()) == before + 1
    context.close()


def _poll_total(page, portal_url: str) -> int:
    page.goto(portal_url + HOME_POLL + "?da-binh-chon=1")
    return int(page.locator("figure.chart tfoot td").first.inner_text())


@pytest.mark.parametrize("name", list(PAGES))
def test_survey_pages_accessible_and_fit_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"surveys-{name}")


def test_rating_form_errors_are_accessible(portal_url, page, axe_violations):
    page.goto(portal_url + "/danh-gia-hai-long/")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.get_by_text("Hãy chọn đơn vị, dịch vụ hoặc thủ tục bạn muốn đánh giá.").is_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_home_page_with_the_poll_is_accessible(portal_url, page, axe_violations):
    page.goto(portal_url + "/")
    assert page.locator("aside .poll-panel form").count() == 1
    assert axe_violations(page) == []
