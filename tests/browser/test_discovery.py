"""Feeds and discovery in a browser: share buttons load nothing from other sites, copy-link works
with and without JavaScript, and the site map and feeds pages are accessible on a phone."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "/cai-cach-hanh-chinh/so-khoa-hoc-va-cong-nghe-ban-hanh-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2022/"
PAGES = {"article": ARTICLE, "site-map": "/so-do-trang/", "feeds": "/kenh-rss/"}


def test_share_buttons_load_nothing_off_site(portal_url, browser, screenshot):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=portal_url)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(portal_url + ARTICLE, wait_until="networkidle")

    off_site = [url for url in requested if urlsplit(url).hostname != "127.0.0.1"]
    assert off_site == [], off_site
    share = page.get_by_role("region", name="Chia sẻ bài viết")
    zalo = share.get_by_role("link", name="Zalo")
    facebook = share.get_by_role("link", name="Facebook")
    assert zalo.is_visible() and facebook.is_visible()
    assert zalo.get_attribute("href").startswith("https://button-share.zalo.me/share_external?")
    assert facebook.get_attribute("href").startswith("https://www.facebook.com/sharer/sharer.php?u=")

    copy = share.get_by_role("button", name="Sao chép liên kết")
    assert copy.is_visible()  # shown by share.js
    copy.click()
    status = share.get_by_role("status")
    status.filter(has_text="Đã sao chép liên kết.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == share.get_by_label("Liên kết bài viết").input_value()
    assert urlsplit(copied).path == ARTICLE
    screenshot(page, "discovery-share")
    # Still nothing off-site after the copy.
    assert [url for url in requested if urlsplit(url).hostname != "127.0.0.1"] == []
    context.close()


def test_share_without_javascript_shows_the_link(portal_url, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(portal_url + ARTICLE)
    share = page.get_by_role("region", name="Chia sẻ bài viết")
    assert not share.get_by_role("button", name="Sao chép liên kết").is_visible()
    field = share.get_by_label("Liên kết bài viết")
    assert field.is_visible() and urlsplit(field.input_value()).path == ARTICLE
    assert share.get_by_role("link", name="Zalo").is_visible()
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_discovery_pages_accessible_and_fit_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"discovery-{name}")


def test_site_map_and_feeds_are_linked_and_parse(portal_url, page):
    page.goto(portal_url + "/so-do-trang/")
    page.locator(".site-map").get_by_role("link", name="Kênh RSS").click()
    page.wait_for_url("**/kenh-rss/")
    rss = page.request.get(portal_url + "/rss/cai-cach-hanh-chinh/")
    assert rss.ok and rss.headers["content-type"].startswith("application/rss+xml")
    assert "Kế hoạch tuyên truyền cải cách hành chính" in rss.text()
    robots = page.request.get(portal_url + "/robots.txt").text()
    assert f"Sitemap: {portal_url}/sitemap.xml" in robots
