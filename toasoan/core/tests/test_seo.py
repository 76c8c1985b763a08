"""Head metadata (canonical, Open Graph, Twitter, Dublin Core, JSON-LD NewsArticle) and share links."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from toasoan.core import seo, share
from toasoan.core.models import AgencySettings

HOST = "localhost"
TRICKY_TITLE = 'Hội nghị "Chuyển đổi số" </script><script>alert(1)</script> & <b>đậm</b>'


def page_soup(client, url: str) -> BeautifulSoup:
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def ld_json(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture
def agency(home):
    logo = Image.objects.create(title="Logo", file=get_test_image_file(size=(300, 300)))
    settings, _ = AgencySettings.objects.update_or_create(
        site=home.get_site(), defaults={"name": "Sở Khoa học và Công nghệ", "logo": logo}
    )
    return settings


@pytest.fixture
def article(section, make_article, agency):
    image = Image.objects.create(title="Ảnh", file=get_test_image_file(size=(1600, 900)))
    return make_article(
        section,
        TRICKY_TITLE,
        sapo='Tóm tắt có "ngoặc kép" và </script> bên trong.',
        author="Diệu Hà",
        featured_image=image,
        featured_image_alt="Toàn cảnh hội nghị",
    )


@pytest.mark.django_db
def test_article_open_graph_twitter_and_canonical(client, article):
    soup = page_soup(client, article.url)
    url = f"http://localhost{article.url}"
    assert soup.find("link", rel="canonical")["href"] == url
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == TRICKY_TITLE  # attribute-escaped, read back intact
    assert meta(soup, "og:description") == 'Tóm tắt có "ngoặc kép" và </script> bên trong.'
    assert meta(soup, "og:url") == url
    assert meta(soup, "og:site_name") == "Sở Khoa học và Công nghệ"
    assert meta(soup, "og:locale") == "vi_VN"
    assert meta(soup, "og:image").startswith("http://localhost/media/images/")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt") == "Toàn cảnh hội nghị"
    assert meta(soup, "article:published_time").startswith("2022-01-10T08:00:00+07:00")
    assert meta(soup, "article:modified_time")
    assert meta(soup, "article:section") == "Cải cách hành chính"
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == meta(soup, "og:image")


@pytest.mark.django_db
def test_article_dublin_core(client, article):
    soup = page_soup(client, article.url)
    assert meta(soup, "DC.title") == TRICKY_TITLE
    assert meta(soup, "DC.creator") == "Diệu Hà"
    assert meta(soup, "DC.date") == "2022-01-10"
    assert meta(soup, "DC.description").startswith("Tóm tắt có")
    assert meta(soup, "DC.publisher") == "Sở Khoa học và Công nghệ"
    assert meta(soup, "DC.identifier") == f"http://localhost{article.url}"
    assert meta(soup, "DC.language") == "vi"


@pytest.mark.django_db
def test_json_ld_news_article_is_valid_and_escaped(client, article):
    response = client.get(article.url, HTTP_HOST=HOST)
    html = response.content.decode()
    # The title's "</script>" cannot close the JSON-LD element: only one closing tag per script.
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    data = ld_json(BeautifulSoup(html, "html.parser"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == TRICKY_TITLE
    assert data["datePublished"].startswith("2022-01-10T08:00:00")
    assert data["dateModified"]
    assert data["author"] == [{"@type": "Person", "name": "Diệu Hà"}]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Sở Khoa học và Công nghệ"
    assert publisher["logo"]["url"].startswith("http://localhost/media/images/")
    assert publisher["logo"]["width"] == 300
    assert data["image"] == [BeautifulSoup(html, "html.parser").find("meta", attrs={"property": "og:image"})["content"]]
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"http://localhost{article.url}"}
    assert data["articleSection"] == "Cải cách hành chính"


@pytest.mark.django_db
def test_article_without_image_uses_logo_and_summary_card(client, section, make_article, agency):
    article = make_article(section, "Tin không ảnh")
    soup = page_soup(client, article.url)
    assert meta(soup, "twitter:card") == "summary"
    assert meta(soup, "og:image").startswith("http://localhost/media/images/")
    assert meta(soup, "og:image:width") == "300"
    data = ld_json(soup)
    assert "image" not in data
    assert data["author"][0]["@type"] == "Organization"  # no byline: the agency


@pytest.mark.django_db
def test_other_pages_get_defaults(client, section, agency):
    soup = page_soup(client, section.url)
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost{section.url}"
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:title") == "Cải cách hành chính"
    assert meta(soup, "DC.title") == "Cải cách hành chính"
    assert meta(soup, "DC.creator") == "Sở Khoa học và Công nghệ"
    assert not soup.find_all("script", attrs={"type": "application/ld+json"})
    home = page_soup(client, "/")
    assert home.find("link", rel="canonical")["href"] == "http://localhost/"


@pytest.mark.django_db
def test_canonical_keeps_only_a_real_page_number(client, section, make_article):
    for n in range(12):
        make_article(section, f"Tin {n}")
    soup = page_soup(client, f"{section.url}?page=2&utm_source=zalo")
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost{section.url}?page=2"


@pytest.mark.django_db
def test_share_buttons_are_plain_links(client, article):
    soup = page_soup(client, article.url)
    box = soup.select_one(".share")
    url = f"http://localhost{article.url}"
    facebook = box.select_one(".share__link--facebook")["href"]
    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?")
    assert parse_qs(urlsplit(facebook).query)["u"] == [url]
    zalo = box.select_one(".share__link--zalo")["href"]
    payload = parse_qs(urlsplit(zalo).query)["d"][0]
    assert json.loads(base64.b64decode(payload)) == {"url": url}
    copy = box.select_one("[data-copy-link]")
    assert copy.name == "button" and copy.has_attr("hidden")  # shown by share.js only
    assert box.select_one("input[readonly]")["value"] == url  # no-JS fallback
    assert box.select_one("[aria-live=polite]") is not None
    # Nothing from another site loads with the page: no third-party script, iframe or image.
    for tag in soup.find_all(["script", "iframe", "img", "link"]):
        source = tag.get("src") or (tag.get("href") if tag.name == "link" and tag.get("rel") != ["schema.DC"] else "")
        assert not source or source.startswith("/") or source.startswith("http://localhost"), source
    assert not soup.select("script:not([src]):not([type='application/ld+json'])")  # no inline script


def test_zalo_link_encodes_the_url_as_base64_json():
    link = share.zalo_link("https://example.gov.vn/tin-tuc/bai-viet/?a=1&b=2")
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://button-share.zalo.me/share_external?")
    assert json.loads(base64.b64decode(query["d"][0])) == {"url": "https://example.gov.vn/tin-tuc/bai-viet/?a=1&b=2"}


def test_json_ld_escapes_markup():
    text = str(seo.json_ld({"headline": "</script><!-- & -->"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": "</script><!-- & -->"}


@pytest.mark.django_db
def test_views_that_are_not_pages_name_themselves_in_previews(client, home, agency):
    soup = page_soup(client, "/tham-do-y-kien/")
    assert meta(soup, "og:title") == "Thăm dò ý kiến"
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/tham-do-y-kien/"
    assert meta(soup, "og:image").startswith("http://localhost/media/images/")  # the logo
