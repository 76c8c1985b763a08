"""Agency information in a real browser: every page in Vietnamese and English is axe clean, has one
h1 and fits 360 px; the work schedule on a phone; the directory filter without JavaScript; the
language switch; the print view."""

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "about": "/gioi-thieu/",
    "organisation": "/gioi-thieu/co-cau-to-chuc/",
    "leaders": "/gioi-thieu/lanh-dao/",
    "contacts": "/danh-ba/",
    "contacts-filtered": "/danh-ba/?don-vi=thanh-tra-so",
    "contacts-bad-filter": "/danh-ba/?don-vi=khong-co",
    "schedule": "/lich-cong-tac/",
    "schedule-bad-week": "/lich-cong-tac/?tuan=2026-W99",
    "en-about": "/en/about/",
    "en-organisation": "/en/organisation/",
    "en-leaders": "/en/leaders/",
    "en-contacts": "/en/contacts/",
    "en-not-found": "/en/khong-co/",
}


def phone(browser, javascript: bool = True):
    return browser.new_context(
        viewport={"width": 360, "height": 780}, locale="vi-VN", is_mobile=True, java_script_enabled=javascript
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_agency_page_accessible_and_fits_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PAGES[name])
    assert response.status == (404 if name.endswith("not-found") else 200)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == ("en" if name.startswith("en-") else "vi")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"agency-{name}")


def test_schedule_on_a_phone(portal_url, browser, screenshot):
    context = phone(browser)
    page = context.new_page()
    page.goto(portal_url + "/lich-cong-tac/")
    assert page.locator("h1").inner_text() == "Lịch công tác"
    today = page.locator(".schedule-day--today")
    if today.count():  # weekdays, and weekends with an entry
        assert today.get_by_text("Hôm nay").is_visible()
    first_day = page.locator("section.schedule-day").first
    assert first_day.get_by_role("heading", level=3).inner_text().startswith("Thứ Hai, ")
    entry = page.locator(".schedule-entry").first
    assert entry.is_visible()
    # Readable as a list on a phone: the time sits above the content, not beside it.
    time_box, content_box = (
        entry.locator(".schedule-entry__time").bounding_box(),
        entry.locator(".schedule-entry__content").bounding_box(),
    )
    assert content_box["y"] >= time_box["y"] + time_box["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "agency-schedule-phone")

    page.get_by_role("link", name="Tuần sau ›").click()
    page.wait_for_url(re.compile(r"\?tuan=\d{4}-W\d{2}$"))
    assert page.get_by_role("link", name="Tuần này").is_visible()
    page.get_by_role("link", name="‹ Tuần trước").click()
    page.wait_for_url(re.compile(r"\?tuan=\d{4}-W\d{2}$"))
    assert page.locator(".schedule-entry").count() >= 1

    assert page.get_by_role("button", name="In trang này").is_visible()  # shown by JavaScript
    page.emulate_media(media="print")
    assert not page.locator(".week-nav").is_visible()
    assert not page.locator("header.site-header").is_visible()
    assert page.locator(".schedule-entry").first.is_visible()
    context.close()


def test_directory_filter_without_javascript(portal_url, browser):
    context = phone(browser, javascript=False)
    page = context.new_page()
    page.goto(portal_url + "/danh-ba/")
    assert not page.get_by_role("button", name="In trang này").is_visible()  # needs JavaScript
    page.get_by_label("Đơn vị").select_option(label="Thanh tra Sở")
    page.get_by_role("button", name="Xem danh bạ").click()
    page.wait_for_url("**/danh-ba/?don-vi=thanh-tra-so")
    groups = page.locator(".directory-group h2").all_inner_texts()
    assert groups == ["Thanh tra Sở"]
    phone_link = page.locator(".directory a[href^='tel:']").first
    assert phone_link.get_attribute("href").startswith("tel:0234")
    assert page.locator(".directory a[href^='mailto:']").count() >= 1
    context.close()


def test_language_switch(portal_url, page):
    page.goto(portal_url + "/gioi-thieu/co-cau-to-chuc/")
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url("**/en/organisation/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Organisation"
    assert page.get_by_role("link", name="Office of the Department").first.is_visible()
    page.get_by_role("link", name="Tiếng Việt", exact=True).click()
    page.wait_for_url("**/gioi-thieu/co-cau-to-chuc/")
    assert page.locator("h1").inner_text() == "Cơ cấu tổ chức"


def test_english_browser_gets_vietnamese_home(portal_url, browser):
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    page.goto(portal_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("link", name="English", exact=True).get_attribute("href") == "/en/"
    context.close()


def test_menu_has_the_agency_pages(portal_url, page):
    page.goto(portal_url + "/")
    menu = page.get_by_role("navigation", name="Menu chính")
    assert menu.get_by_role("link", name="Giới thiệu", exact=True).get_attribute("href") == "/gioi-thieu/"
    assert menu.get_by_role("link", name="Lịch công tác", exact=True).get_attribute("href") == "/lich-cong-tac/"
