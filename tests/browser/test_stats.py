"""Statistics end to end, on bin/serve (granian workers counting, flushing every 5 s): a reader's
views of cached pages show up in the admin report; the footer counter is on every public page."""

import re
import time

import pytest

pytestmark = pytest.mark.browser

# Headless Chromium says "HeadlessChrome", which counts as a robot: read as a normal browser would.
READER_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)
SEED_TITLE = "Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2022"


def test_reader_views_reach_the_report_and_the_footer_counter(
    portal_url, browser, axe_violations, screenshot, admin_login
):
    reader = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN", user_agent=READER_UA)
    page = reader.new_page()
    for _ in range(3):  # the first render fills the page cache; the others are cache hits
        page.goto(portal_url + "/cai-cach-hanh-chinh/")
    page.get_by_role("link", name=SEED_TITLE).first.click()
    counter = page.locator("footer .site-footer__counter")
    assert re.fullmatch(r"Lượt truy cập: hôm nay [\d.]+, tháng này [\d.]+, tổng [\d.]+", counter.inner_text())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    reader.close()

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = staff.new_page()
    admin_login(admin, portal_url)
    deadline = time.monotonic() + 20
    while True:  # the workers flush every 5 s
        admin.goto(portal_url + "/admin/thong-ke-truy-cap/?ky=7")
        today = admin.locator("section:has(#tong-quan) tbody tr").nth(1).locator("td").first.inner_text()
        if int(today.replace(".", "")) >= 4 or time.monotonic() > deadline:
            break
        time.sleep(1)
    # Today starts at zero (the demo's figures stop yesterday); other tests read as HeadlessChrome.
    assert int(today.replace(".", "")) >= 4  # 3 views of the section (2 of them cache hits), 1 article
    visits = admin.locator("section:has(#tong-quan) tbody tr").nth(0).locator("td").first.inner_text()
    assert int(visits.replace(".", "")) >= 3  # 3 loads without a Referer; the click came from the site
    rows = admin.locator("section:has(#xem-nhieu) tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert any("Cải cách hành chính" in t for t in texts)
    assert admin.locator("h1").inner_text() == "Thống kê truy cập"
    assert admin.locator("svg.stats-chart").is_visible()
    assert admin.locator("section:has(#xu-huong-30) tbody tr").count() == 30
    screenshot(admin, "stats-report")
    staff.close()
