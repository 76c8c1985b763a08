"""Two agencies on one installation: every public page shows the request's own site — its name,
contacts, logo and trust badge, its articles in listings, feeds, news by date and sitemaps, and
absolute URLs on its own host."""

import datetime
import json

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from toasoan.core.models import AgencySettings
from toasoan.core.sites import agency_site_create
from toasoan.news.models import SectionPage

HOST = "so-yte.example.vn"
NAME = "Sở Y tế"


@pytest.fixture
def two_sites(home, section, make_article):
    default = AgencySettings.for_site(home.get_site())
    default.name, default.email, default.phone = "Sở Khoa học và Công nghệ", "skhcn@example.vn", "0234 111"
    default.save()
    created = agency_site_create(hostname=HOST, name=NAME, port=80, email="syt@example.vn", phone="0234 999")
    agency = AgencySettings.for_site(created.site)
    Image = get_image_model()
    agency.logo = Image.objects.create(title="Logo sở y tế", file=get_test_image_file())
    agency.trust_badge_image = Image.objects.create(title="Nhãn", file=get_test_image_file())
    agency.trust_badge_url = "https://tinnhiemmang.vn/danh-ba-tin-nhiem/so-y-te"
    agency.security_email = "attt-syt@example.vn"
    agency.save()
    theirs = SectionPage.objects.child_of(created.home).first()
    make_article(section, "Tin khoa học ngày mười", date=datetime.date(2022, 1, 10))
    make_article(theirs, "Tin y tế ngày mười", date=datetime.date(2022, 1, 10))
    return created


def get(client, path: str, host: str) -> str:
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, host, response.status_code)
    return response.content.decode()


def test_each_host_shows_its_own_agency(client, two_sites):
    theirs, ours = get(client, "/", HOST), get(client, "/", "localhost")
    assert NAME in theirs and "syt@example.vn" in theirs and "0234 999" in theirs
    assert "Sở Khoa học và Công nghệ" not in theirs and "skhcn@example.vn" not in theirs
    logo = AgencySettings.for_site(two_sites.site).logo
    assert logo.get_rendition("height-64").url in theirs and "brand__logo" not in ours
    assert "tinnhiemmang.vn/danh-ba-tin-nhiem/so-y-te" in theirs
    assert "Sở Khoa học và Công nghệ" in ours and "0234 111" in ours
    assert NAME not in ours and "tinnhiemmang.vn" not in ours
    assert "Tin y tế ngày mười" in theirs and "Tin khoa học ngày mười" not in theirs


def test_news_by_date_lists_only_the_sites_own_articles(client, two_sites):
    for path in ("/tin-theo-ngay/2022-01-10/", "/tin-theo-ngay/2022-01/"):
        theirs, ours = get(client, path, HOST), get(client, path, "localhost")
        assert "Tin y tế ngày mười" in theirs and "Tin khoa học ngày mười" not in theirs
        assert "Tin khoa học ngày mười" in ours and "Tin y tế ngày mười" not in ours
    # The nearest days with news are the site's own too.
    assert "2022-01-10" in get(client, "/tin-theo-ngay/2022-01-12/", HOST)


def test_feeds_sitemaps_robots_and_security_txt_are_per_site(client, two_sites):
    rss = get(client, "/rss/", HOST)
    assert f"<title>{NAME}</title>" in rss and "Tin y tế ngày mười" in rss and "Tin khoa học" not in rss
    assert f"http://{HOST}/tin-tuc-su-kien/tin-y-te-ngay-muoi/" in rss

    pages = get(client, "/sitemap-trang.xml", HOST)
    assert f"http://{HOST}/tin-tuc-su-kien/tin-y-te-ngay-muoi/" in pages
    assert "tin-khoa-hoc-ngay-muoi" not in pages
    assert "tin-y-te-ngay-muoi" not in get(client, "/sitemap-trang.xml", "localhost")

    assert f"Sitemap: http://{HOST}/sitemap.xml" in get(client, "/robots.txt", HOST)
    security = get(client, "/.well-known/security.txt", HOST)
    assert "Contact: mailto:attt-syt@example.vn" in security and f"://{HOST}/" in security
    assert "attt-syt" not in get(client, "/.well-known/security.txt", "localhost")


def test_structured_data_names_the_sites_agency(client, two_sites):
    html = get(client, "/tin-tuc-su-kien/tin-y-te-ngay-muoi/", HOST)
    start = html.index('<script type="application/ld+json"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    graph = data.get("@graph", [data])
    article = next(item for item in graph if item.get("@type") in ("NewsArticle", "Article"))
    assert article["publisher"]["name"] == NAME
    assert article["mainEntityOfPage"]["@id"] == f"http://{HOST}/tin-tuc-su-kien/tin-y-te-ngay-muoi/"


def test_newsletter_sign_up_offers_the_sites_own_sections(client, two_sites):
    import re as regex

    def offered(host: str) -> set[str]:
        html = get(client, "/ban-tin/dang-ky/", host)
        return set(regex.findall(r'name="sections" value="(\d+)"', html))

    theirs = {str(pk) for pk in SectionPage.objects.child_of(two_sites.home).values_list("pk", flat=True)}
    assert offered(HOST) == theirs
    assert not offered("localhost") & theirs and offered("localhost")
