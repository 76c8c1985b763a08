"""One installation, several agencies, in a real browser: the demo's provincial portal
(tinh.localhost, with its "Tin các đơn vị" page) and second agency (so-tnmt.localhost) on the same
server as the default site. Chromium resolves *.localhost to the loopback address."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PROVINCE = "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
AGENCY = "Sở Tài nguyên và Môi trường"
PAGES = {
    "provincial-news": ("tinh", "/tin-cac-don-vi/", "Tin các đơn vị", PROVINCE),
    "province-home": ("tinh", "/", PROVINCE, PROVINCE),
    "agency-home": ("so-tnmt", "/", AGENCY, AGENCY),
}


def on_host(portal_url: str, name: str) -> str:
    """The portal's URL under another host name: http://<name>.localhost:<port>."""
    return f"http://{name}.localhost:{urlsplit(portal_url).port}"


@pytest.mark.parametrize("name", list(PAGES))
def test_agency_site_accessible_and_fits_phone(portal_url, page, axe_violations, screenshot, name):
    host, path, heading, agency = PAGES[name]
    response = page.goto(on_host(portal_url, host) + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().casefold() == heading.casefold()
    assert agency.casefold() in page.locator("header").first.inner_text().casefold()
    assert agency.casefold() in page.locator("footer").first.inner_text().casefold()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"multisite-{name}")


def test_provincial_page_without_javascript(portal_url, browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    province = on_host(portal_url, "tinh")
    page.goto(province + "/tin-cac-don-vi/")
    headings = page.locator("main h2, .layout__main h2").all_inner_texts()
    # Every agency of the installation, the default site's included, under its own name.
    assert {AGENCY.casefold(), PROVINCE.casefold(), "sở khoa học và công nghệ"} <= {h.casefold() for h in headings}
    block = page.locator("section.block", has=page.get_by_role("heading", name=AGENCY))
    link = block.locator(".article-card__title a").first
    assert link.get_attribute("href").startswith("http://so-tnmt.localhost:")  # the article's own site
    # The province's own articles link within its site: follow one, no JavaScript needed.
    own = page.locator("section.block", has=page.get_by_role("heading", name=PROVINCE))
    title = own.locator(".article-card__title a").first.inner_text()
    own.locator(".article-card__title a").first.click()
    assert page.locator("h1").inner_text() == title
    assert urlsplit(page.url).hostname == "tinh.localhost"
    context.close()
