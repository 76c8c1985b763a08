"""The provincial page: the latest news of every agency site, each linking to its own site."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from toasoan.core.sites import agency_site_create
from toasoan.news import selectors
from toasoan.news.models import ProvincialNewsPage, SectionPage

PROVINCE = "tinh.example.vn"


def new_site(hostname: str, name: str):
    return agency_site_create(hostname=hostname, name=name, port=80)


def first_section(created) -> SectionPage:
    return SectionPage.objects.child_of(created.home).first()


@pytest.fixture
def province(home):
    created = new_site(PROVINCE, "Cổng thông tin tỉnh")
    page = ProvincialNewsPage(title="Tin các đơn vị", per_site=2)
    created.home.add_child(instance=page)
    page.save_revision().publish()
    return created, page


def day(n: int) -> datetime.date:
    return datetime.date(2022, 1, 1) + datetime.timedelta(days=n)


def test_each_agency_shows_its_newest_articles_linking_to_its_own_site(client, home, section, make_article, province):
    created, _ = province
    agency = new_site("so-tnmt.example.vn", "Sở Tài nguyên và Môi trường")
    make_article(section, "Tin sở mặc định", date=day(1))
    for n in range(3):
        make_article(first_section(agency), f"Tin tài nguyên số {n}", date=day(n))
    make_article(first_section(agency), "Bản nháp tài nguyên", date=day(9), live=False)
    make_article(first_section(created), "Tin của tỉnh", date=day(5))

    html = client.get("/tin-cac-don-vi/", HTTP_HOST=PROVINCE).content.decode()

    blocks = re.findall(r'<h2 id="don-vi-\d+" class="block__title"><a href="([^"]*)">([^<]*)</a></h2>', html)
    # Sorted by name without diacritics; the default site has no settings row: its Site's name.
    assert [name for _, name in blocks] == ["Cổng thông tin tỉnh", "Sở Tài nguyên và Môi trường", "Thử nghiệm"]
    assert blocks[0][0] == "/" and blocks[1][0] == "http://so-tnmt.example.vn/"
    # Two per site (per_site), newest first; drafts never.
    assert "Tin tài nguyên số 2" in html and "Tin tài nguyên số 1" in html
    assert "Tin tài nguyên số 0" not in html and "Bản nháp" not in html
    assert html.index("Tin tài nguyên số 2") < html.index("Tin tài nguyên số 1")
    tnmt = selectors.latest_news_by_site(2)[1].articles[0]
    assert f'href="http://so-tnmt.example.vn/tin-tuc-su-kien/{tnmt.slug}/"' in html
    assert 'href="/tin-tuc-su-kien/tin-cua-tinh/"' in html  # the province's own, relative
    assert 'href="http://localhost/cai-cach-hanh-chinh/tin-so-mac-dinh/"' in html


def test_queries_do_not_grow_with_the_number_of_sites(client, home, section, make_article, province):
    def render() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as selector_queries:
            selectors.latest_news_by_site(5)
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get("/tin-cac-don-vi/", HTTP_HOST=PROVINCE).status_code == 200
        return len(selector_queries), len(page_queries)

    make_article(section, "Tin có ảnh? không", date=day(1))
    before = render()
    for n in range(3):
        created = new_site(f"so-{n}.example.vn", f"Sở số {n}")
        for k in range(3):
            make_article(first_section(created), f"Tin {k} của sở {n}", date=day(k))
    after = render()
    assert after == before, (before, after)
    assert after[0] <= 3


def test_sites_with_different_root_depths_are_told_apart(home, section, make_article):
    nested = home.add_child(instance=SectionPage(title="Trang con"))  # a site rooted deeper, inside another
    Site.objects.create(hostname="sau.example.vn", port=80, root_page=nested, site_name="Trang sâu")
    make_article(section, "Tin của trang gốc", date=day(1))
    make_article(nested, "Tin của trang sâu", date=day(2))
    news = {item.agency_name: [a.title for a in item.articles] for item in selectors.latest_news_by_site(5)}
    # The longest root wins: the deeper site's article is only its own.
    assert news == {"Trang sâu": ["Tin của trang sâu"], "Thử nghiệm": ["Tin của trang gốc"]}


def test_any_sites_publish_refreshes_the_cached_provincial_page(page_store, committed, home, make_article, province):
    from django.core.handlers.wsgi import WSGIHandler

    from toasoan.core.models import AgencySettings
    from toasoan.publishing import pagecache
    from toasoan.publishing.pagecache.app import PageCacheApp
    from toasoan.publishing.tests.wsgi_client import call

    with committed():  # the fixtures' own invalidations first
        agency = new_site("so-tnmt.example.vn", "Sở Tài nguyên và Môi trường")
        bystander = new_site("so-yte.example.vn", "Sở Y tế")
        for site in Site.objects.all():
            AgencySettings.for_site(site)
    app = PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)
    pages = {PROVINCE: "/tin-cac-don-vi/", "so-yte.example.vn": "/", "so-tnmt.example.vn": "/"}
    for host, path in pages.items():
        call(app, path, host=host)
        assert call(app, path, host=host).headers["x-cache"] == "HIT"

    with committed():
        make_article(first_section(agency), "Tin mới của sở tài nguyên", date=day(20))

    provincial = call(app, "/tin-cac-don-vi/", host=PROVINCE)
    assert provincial.headers["x-cache"] == "MISS" and "Tin mới của sở tài nguyên" in provincial.text
    assert call(app, "/", host="so-tnmt.example.vn").headers["x-cache"] == "MISS"
    assert call(app, "/", host=bystander.site.hostname).headers["x-cache"] == "HIT"
