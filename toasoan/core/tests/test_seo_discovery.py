"""sitemap.xml (index + sections), robots.txt, the human site map and the registry behind them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import PageViewRestriction

from toasoan.core import discovery
from toasoan.core.models import StandardPage

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOST = "localhost"


def fetch(client, url: str):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    return response


def sitemap_urls(client) -> dict[str, str | None]:
    """Every <url> reachable from /sitemap.xml: location -> lastmod."""
    index = ElementTree.fromstring(fetch(client, "/sitemap.xml").content)
    assert index.tag == f"{SM}sitemapindex"
    found = {}
    for sitemap in index.findall(f"{SM}sitemap"):
        location = sitemap.findtext(f"{SM}loc")
        assert location.startswith("http://localhost/sitemap-")
        urlset = ElementTree.fromstring(fetch(client, location.removeprefix("http://localhost")).content)
        assert urlset.tag == f"{SM}urlset"
        for url in urlset.findall(f"{SM}url"):
            found[url.findtext(f"{SM}loc")] = url.findtext(f"{SM}lastmod")
    return found


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_with_lastmod(client, home, section, other_section, make_article):
    for page in (home, section):
        page.save_revision().publish()
    article = make_article(section, "Tin công khai")
    make_article(section, "Bản nháp", live=False)
    private = make_article(section, "Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    hidden = make_article(other_section, "Tin trong chuyên mục kín")
    PageViewRestriction.objects.create(page=other_section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    urls = sitemap_urls(client)
    for page in (home, section, article):
        location = f"http://localhost{page.url}"
        assert location in urls, location
        assert datetime.date.fromisoformat(urls[location][:10]) <= timezone.localdate()
    for page in (private, other_section, hidden):
        assert f"http://localhost{page.url}" not in urls
    assert not any("ban-nhap" in location for location in urls)


@pytest.mark.django_db
def test_sitemap_includes_registered_views(client, home):
    when = timezone.make_aware(datetime.datetime(2025, 3, 4, 9, 0))
    discovery.register("test", lambda: [discovery.Entry("/thu-nghiem/", "Thử nghiệm", lastmod=when)])
    try:
        urls = sitemap_urls(client)
    finally:
        discovery.unregister("test")
    assert urls["http://localhost/thu-nghiem/"].startswith("2025-03-04")
    # Apps' own registrations (AppConfig.ready): the feeds page, the site map, Q&A, polls.
    registered = ("/kenh-rss/", "/so-do-trang/", "/hoi-dap/", "/tham-do-y-kien/", "/danh-gia-hai-long/", "/danh-ba/")
    for path in registered:
        assert f"http://localhost{path}" in urls, path


@pytest.mark.django_db
def test_sitemap_lists_public_questions(client, home):
    from toasoan.feedback.models import PublishedQuestion
    from toasoan.feedback.models.submission import Kind

    when = timezone.make_aware(datetime.datetime(2025, 5, 6, 7, 0))
    fields = {"kind": Kind.choices[0][0], "question": "?", "answer": "!", "published_at": when}
    day = datetime.date(2025, 5, 1)
    shown = PublishedQuestion.objects.create(subject="Hỏi", asked_on=day, answered_on=day, **fields)
    hidden = PublishedQuestion.objects.create(subject="Ẩn", asked_on=day, answered_on=day, is_public=False, **fields)
    urls = sitemap_urls(client)
    assert urls[f"http://localhost/hoi-dap/{shown.pk}/"].startswith("2025-05-06")
    assert f"http://localhost/hoi-dap/{hidden.pk}/" not in urls


@pytest.mark.django_db
def test_sitemap_is_paginated_past_its_limit(client, home, section, make_article, monkeypatch):
    from toasoan.core.sitemaps import PagesSitemap

    for n in range(3):
        make_article(section, f"Tin {n}")
    monkeypatch.setattr(PagesSitemap, "limit", 2)
    index = ElementTree.fromstring(fetch(client, "/sitemap.xml").content)
    locations = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]
    assert "http://localhost/sitemap-trang.xml?p=2" in locations
    page_two = ElementTree.fromstring(fetch(client, "/sitemap-trang.xml?p=2").content)
    assert len(page_two.findall(f"{SM}url")) == 2
    assert client.get("/sitemap-khong-co.xml", HTTP_HOST=HOST).status_code == 404


@pytest.mark.django_db
def test_robots_txt(client, home, settings):
    response = fetch(client, "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "public" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ("/admin/", "/tim-kiem/", "/phan-anh-kien-nghi/tra-cuu/", "/ban-tin/huy/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


@pytest.mark.django_db
def test_robots_txt_takes_app_disallows(client, home):
    discovery.disallow("/ban-tin/xac-nhan/")
    try:
        lines = fetch(client, "/robots.txt").content.decode().splitlines()
    finally:
        discovery._disallowed.remove("/ban-tin/xac-nhan/")
    assert "Disallow: /ban-tin/xac-nhan/" in lines


@pytest.mark.django_db
def test_human_site_map_shows_the_page_tree(client, home, section, make_article):
    make_article(section, "Một bài viết")
    intro = home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu"))
    intro.add_child(instance=StandardPage(title="Chức năng nhiệm vụ", slug="chuc-nang-nhiem-vu"))
    home.add_child(instance=StandardPage(title="Trang nháp", slug="trang-nhap", live=False))
    response = fetch(client, "/so-do-trang/")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert len(soup.find_all("h1")) == 1
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".site-map__tree a")}
    assert links["Cải cách hành chính"] == section.url
    assert links["Chức năng nhiệm vụ"] == "/gioi-thieu/chuc-nang-nhiem-vu/"
    assert "Một bài viết" not in links  # sections' articles are an archive, not the map
    assert "Trang nháp" not in links
    assert links["Kênh RSS"] == "/kenh-rss/"
    assert links["Hỏi đáp"] == "/hoi-dap/"


def test_named_urls_skips_unknown_names():
    source = discovery.named_urls("core:site_map", "khong:co", titles={"core:site_map": "Sơ đồ trang"})
    assert [(e.path, e.title) for e in source()] == [("/so-do-trang/", "Sơ đồ trang")]


@pytest.mark.django_db
def test_footer_links_the_site_map_and_feeds(client, home):
    soup = BeautifulSoup(fetch(client, "/").content.decode(), "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("footer .site-footer__discovery a")}
    assert links == {
        "Sơ đồ trang": "/so-do-trang/",
        "Kênh RSS": "/kenh-rss/",
        "Liên hệ về an toàn thông tin": "/lien-he-an-toan-thong-tin/",
    }
