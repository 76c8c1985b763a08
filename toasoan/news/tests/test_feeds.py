"""RSS 2.0 and Atom feeds, site-wide and per section: parsed, never showing drafts or private pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from toasoan.core.models import AgencySettings
from toasoan.publishing.pagecache.keys import KeyRules, key_for

ATOM = "{http://www.w3.org/2005/Atom}"
HOST = "localhost"


def fetch(client, url: str):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    return response


def rss_items(client, url: str = "/rss/") -> list:
    response = fetch(client, url)
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    return channel.findall("item")


def atom_entries(client, url: str = "/atom/") -> tuple:
    response = fetch(client, url)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    return root, root.findall(f"{ATOM}entry")


@pytest.fixture
def articles(section, other_section, make_article):
    make_article(section, "Tin cũ nhất", date=datetime.date(2022, 1, 3), sapo="Sapo tin cũ", author="Diệu Hà")
    make_article(section, "Tin giữa", date=datetime.date(2022, 1, 5), sapo="Sapo tin giữa")
    make_article(other_section, "Tin khoa học mới nhất", date=datetime.date(2022, 1, 7), sapo="Sapo khoa học")
    return section, other_section


@pytest.mark.django_db
def test_site_rss_lists_live_articles_newest_first_with_required_elements(client, articles):
    items = rss_items(client)
    assert [i.findtext("title") for i in items] == ["Tin khoa học mới nhất", "Tin giữa", "Tin cũ nhất"]
    first = items[0]
    assert first.findtext("link") == "http://localhost/khoa-hoc-cong-nghe/tin-khoa-hoc-moi-nhat/"
    assert first.findtext("description") == "Sapo khoa học"
    assert first.findtext("category") == "Khoa học - Công nghệ"
    guid = first.find("guid")
    assert guid.text.startswith("urn:uuid:") and guid.get("isPermaLink") == "false"
    published = first.findtext("pubDate")
    assert published.startswith("Fri, 07 Jan 2022")
    creator = items[2].findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert creator == "Diệu Hà"


@pytest.mark.django_db
def test_section_feeds_hold_only_their_section(client, articles):
    section, other = articles
    titles = [i.findtext("title") for i in rss_items(client, f"/rss/{section.slug}/")]
    assert titles == ["Tin giữa", "Tin cũ nhất"]
    _, entries = atom_entries(client, f"/atom/{other.slug}/")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Tin khoa học mới nhất"]


@pytest.mark.django_db
def test_atom_entries_have_id_link_dates_author_and_summary(client, articles):
    root, entries = atom_entries(client)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/atom/"
    entry = entries[-1]
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert entry.find(f"{ATOM}link").get("href") == "http://localhost/cai-cach-hanh-chinh/tin-cu-nhat/"
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published == datetime.datetime(2022, 1, 3, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}summary") == "Sapo tin cũ"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Diệu Hà"


@pytest.mark.django_db
def test_drafts_unpublished_and_private_articles_never_appear(client, section, other_section, make_article):
    make_article(section, "Tin công khai")
    make_article(section, "Bản nháp bí mật", live=False)
    withdrawn = make_article(section, "Tin đã gỡ")
    withdrawn.unpublish()
    private = make_article(section, "Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private_section_article = make_article(other_section, "Tin chuyên mục kín")
    PageViewRestriction.objects.create(page=other_section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for url in ("/rss/", f"/rss/{section.slug}/"):
        assert [i.findtext("title") for i in rss_items(client, url)] == ["Tin công khai"], url
    _, entries = atom_entries(client)
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Tin công khai"]
    assert private_section_article.title.encode() not in fetch(client, "/atom/").content
    # A restricted section has no feed at all.
    assert client.get(f"/rss/{other_section.slug}/", HTTP_HOST=HOST).status_code == 404


@pytest.mark.django_db
def test_unknown_or_draft_section_is_404(client, home, section):
    from toasoan.news.models import SectionPage

    draft = home.add_child(instance=SectionPage(title="Chuyên mục nháp", slug="chuyen-muc-nhap", live=False))
    assert client.get("/rss/khong-co/", HTTP_HOST=HOST).status_code == 404
    assert client.get(f"/atom/{draft.slug}/", HTTP_HOST=HOST).status_code == 404


@pytest.mark.django_db
def test_featured_image_is_an_enclosure(client, section, make_article):
    image = Image.objects.create(title="Ảnh hội nghị", file=get_test_image_file())
    make_article(section, "Tin có ảnh", featured_image=image, featured_image_alt="Hội nghị")
    enclosure = rss_items(client)[0].find("enclosure")
    assert enclosure.get("url").startswith("http://localhost/media/images/")
    assert enclosure.get("type") == "image/png"
    assert int(enclosure.get("length")) > 0
    _, entries = atom_entries(client)
    assert entries[0].find(f"{ATOM}link[@rel='enclosure']") is not None


@pytest.mark.django_db
def test_feed_titles_are_escaped(client, section, make_article):
    make_article(section, 'Tin "đặc biệt" </title><script>alert(1)</script> & hơn', sapo="<b>sapo</b>")
    item = rss_items(client)[0]  # parses: nothing broke the XML
    assert item.findtext("title") == 'Tin "đặc biệt" </title><script>alert(1)</script> & hơn'
    assert item.findtext("description") == "<b>sapo</b>"


@pytest.mark.django_db
def test_feed_title_names_agency_and_section(client, home, section, make_article):
    site = home.get_site()
    AgencySettings.objects.update_or_create(site=site, defaults={"name": "Sở Khoa học và Công nghệ"})
    make_article(section, "Tin")
    channel = ElementTree.fromstring(fetch(client, f"/rss/{section.slug}/").content).find("channel")
    assert channel.findtext("title") == "Cải cách hành chính – Sở Khoa học và Công nghệ"
    assert channel.findtext("language") == "vi"
    assert channel.findtext("link") == "http://localhost/cai-cach-hanh-chinh/"


@pytest.mark.django_db
def test_feeds_are_public_cookie_free_and_cacheable(client, articles, settings):
    for url in ("/rss/", "/atom/", "/rss/cai-cach-hanh-chinh/"):
        response = fetch(client, url)
        assert "public" in response["Cache-Control"]
        assert not response.cookies
        assert response.has_header("Last-Modified")
    rules = KeyRules(
        excluded_prefixes=tuple(settings.TOASOAN_PAGE_CACHE["EXCLUDED_PATHS"]),
        query_params=frozenset(["page"]),
        ignored_query_params=frozenset(),
        session_cookie="sessionid",
        allowed_hosts=("localhost",),
    )
    for path in ("/rss/", "/atom/cai-cach-hanh-chinh/", "/kenh-rss/"):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": HOST, "QUERY_STRING": ""}
        assert key_for(environ, rules) is not None, path


@pytest.mark.django_db
def test_home_and_section_pages_advertise_their_feeds(client, articles):
    section, _ = articles
    home_links = BeautifulSoup(fetch(client, "/").content, "html.parser").select("link[rel=alternate]")
    assert {(link["type"], link["href"]) for link in home_links} >= {
        ("application/rss+xml", "/rss/"),
        ("application/atom+xml", "/atom/"),
    }
    section_html = BeautifulSoup(fetch(client, section.url).content, "html.parser")
    hrefs = {link["href"] for link in section_html.select("link[rel=alternate]")}
    assert {f"/rss/{section.slug}/", f"/atom/{section.slug}/"} <= hrefs


@pytest.mark.django_db
def test_feed_list_page_links_every_feed(client, articles):
    soup = BeautifulSoup(fetch(client, "/kenh-rss/").content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    hrefs = {a["href"] for a in soup.select(".feeds__table a")}
    assert {"/rss/", "/atom/", "/rss/cai-cach-hanh-chinh/", "/atom/khoa-hoc-cong-nghe/"} <= hrefs
    for href in hrefs:
        assert client.get(href, HTTP_HOST=HOST).status_code == 200, href


@pytest.mark.django_db
def test_feeds_and_sitemap_are_cached_and_refreshed_on_publish(page_store, section, make_article, committed):
    """Through the real WSGI stack: a HIT from the page cache, fresh again once a publish commits."""
    from django.core.handlers.wsgi import WSGIHandler

    from toasoan.publishing import pagecache
    from toasoan.publishing.pagecache.app import PageCacheApp
    from toasoan.publishing.tests.wsgi_client import call

    make_article(section, "Tin đầu tiên")
    app = PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)
    urls = ["/rss/", "/atom/", f"/rss/{section.slug}/", "/sitemap-trang.xml", "/robots.txt"]
    for url in urls:
        assert call(app, url).status == 200, url
        assert call(app, url).headers.get("x-cache") == "HIT", url
    with committed():
        make_article(section, "Tin vừa đăng", date=datetime.date(2022, 2, 1))
    for url in urls[:3]:
        response = call(app, url)
        assert response.headers.get("x-cache") == "MISS", url
        assert "Tin vừa đăng" in response.text, url
    assert "tin-vua-dang" in call(app, "/sitemap-trang.xml").text
