"""Public pages: article, section, home and news by date."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction, Site

from toasoan.core.models import AgencySettings
from toasoan.news.models import ArticlePage

NOT_FOUND_TITLE = "Không tìm thấy trang"


def day(n: int, month: int = 1) -> datetime.date:
    return datetime.date(2022, month, n)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def get_ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def listed_titles(soup: BeautifulSoup, selector: str = ".article-card__title a") -> list[str]:
    return [text_of(a) for a in soup.select(selector)]


def assert_not_found(response):
    assert response.status_code == 404
    content = response.content.decode()
    assert NOT_FOUND_TITLE in content
    assert '<html lang="vi">' in content


# --- Article page -------------------------------------------------------------------------


@pytest.fixture
def dated_articles(section, other_section, make_article):
    """15 articles in `section` on 1..15 January 2022, and 4 in `other_section` between them."""
    mine = [make_article(section, f"Tin cải cách số {n:02d}", date=day(n)) for n in range(1, 16)]
    for n in (3, 8, 12, 14):
        make_article(other_section, f"Tin công nghệ ngày {n:02d}", date=day(n))
    return mine


def other_news_titles(soup: BeautifulSoup) -> list[str]:
    return [text_of(a) for a in soup.select(".other-news__list li a")]


def test_article_page_shows_title_date_body_and_byline(client, section, make_article):
    article = make_article(
        section,
        "Sở ban hành Kế hoạch tuyên truyền cải cách hành chính",
        date=datetime.date(2022, 1, 10),
        body="Căn cứ Kế hoạch số 405/KH-UBND của UBND tỉnh.",
        author="Diệu Hà",
        sapo="Tóm tắt bài viết.",
    )
    response = get_ok(client, article.url)
    soup = soup_of(response)
    content = response.content.decode()

    h1s = soup.find_all("h1")
    assert len(h1s) == 1
    assert text_of(h1s[0]) == "Sở ban hành Kế hoạch tuyên truyền cải cách hành chính"

    meta = soup.select_one("article .meta")
    assert text_of(meta) == "Ngày cập nhật 10/01/2022"
    assert meta.find("time")["datetime"] == "2022-01-10"

    assert "Căn cứ Kế hoạch số 405/KH-UBND của UBND tỉnh." in text_of(soup.select_one(".rich-text"))
    assert "Tóm tắt bài viết." in text_of(soup.select_one(".lead"))

    byline = soup.select_one(".byline")
    assert text_of(byline) == "Diệu Hà"
    # The byline comes after the body (the head names the author too: Dublin Core, JSON-LD).
    body = content[content.index("<body") :]
    assert body.index("Căn cứ Kế hoạch số 405") < body.index("Diệu Hà")
    assert byline in soup.select_one(".rich-text").find_all_next("p")


def test_article_page_without_author_has_no_byline(client, section, make_article):
    article = make_article(section, "Tin không tác giả")
    soup = soup_of(get_ok(client, article.url))
    assert soup.select_one(".byline") is None


def test_article_page_display_date_defaults_to_first_publication_day(client, section, make_article):
    article = make_article(section, "Tin không có ngày cập nhật", date=datetime.date(2022, 3, 4))
    # conftest sets display_date explicitly; clear it and let save() derive it from first_published_at
    # (08:00 on 4 March, Vietnam time).
    article.display_date = None
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.display_date == datetime.date(2022, 3, 4)
    soup = soup_of(get_ok(client, article.url))
    assert text_of(soup.select_one("article .meta")) == "Ngày cập nhật 04/03/2022"


def test_display_date_default_uses_the_vietnamese_day(section, make_article):
    from django.utils import timezone

    article = make_article(section, "Tin đăng lúc nửa đêm")
    # 23:30 UTC on 3 March is 06:30 on 4 March in Vietnam.
    article.first_published_at = datetime.datetime(2022, 3, 3, 23, 30, tzinfo=datetime.UTC)
    article.display_date = None
    article.save()
    assert timezone.localdate(article.first_published_at) == datetime.date(2022, 3, 4)
    assert article.display_date == datetime.date(2022, 3, 4)


def test_article_page_has_breadcrumbs_and_skip_link(client, home, section, make_article):
    article = make_article(section, "Tin có đường dẫn")
    soup = soup_of(get_ok(client, article.url))

    crumbs = soup.select("nav.breadcrumbs li")
    assert [text_of(li) for li in crumbs] == ["Trang chủ", "Cải cách hành chính", "Tin có đường dẫn"]
    links = [a["href"] for a in soup.select("nav.breadcrumbs a")]
    assert links == [home.url, section.url]
    assert crumbs[-1].find(attrs={"aria-current": "page"}) is not None

    skip = soup.select_one("a.skip-link")
    assert skip is not None
    assert skip["href"] == "#noi-dung"
    assert soup.find(id="noi-dung").name == "main"
    # The skip link is the first thing in the body.
    assert soup.body.find("a") is skip


def test_other_news_lists_the_ten_previous_articles_of_the_section_newest_first(client, dated_articles):
    current = dated_articles[12]  # 13 January
    soup = soup_of(get_ok(client, current.url))
    expected = [f"Tin cải cách số {n:02d}" for n in range(12, 2, -1)]
    assert other_news_titles(soup) == expected
    assert len(expected) == 10
    dates = [text_of(span) for span in soup.select(".other-news__list .meta")]
    assert dates == [f"({n:02d}/01/2022)" for n in range(12, 2, -1)]
    listed = text_of(soup.select_one(".other-news"))
    for excluded in ("Tin cải cách số 13", "Tin cải cách số 14", "Tin cải cách số 15", "Tin cải cách số 02"):
        assert excluded not in listed
    assert "Tin công nghệ" not in listed


def test_other_news_links_point_to_the_articles(client, dated_articles):
    soup = soup_of(get_ok(client, dated_articles[5].url))
    hrefs = [a["href"] for a in soup.select(".other-news__list li a")]
    assert hrefs == [a.url for a in reversed(dated_articles[:5])]


def test_other_news_for_the_oldest_article_is_empty(client, dated_articles):
    soup = soup_of(get_ok(client, dated_articles[0].url))
    assert other_news_titles(soup) == []
    assert "Không có tin cũ hơn trong chuyên mục này." in text_of(soup.select_one(".other-news"))


def test_other_news_orders_same_day_articles_by_publication_time(client, section, make_article):
    from django.utils import timezone

    def at(hour):
        return timezone.make_aware(datetime.datetime(2022, 1, 10, hour))

    early = make_article(section, "Tin sáng sớm")
    late = make_article(section, "Tin buổi chiều")
    noon = make_article(section, "Tin buổi trưa")
    # Created in a different order from their publication times (and pk order).
    for article, hour in ((early, 7), (late, 15), (noon, 12)):
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=at(hour))
    make_article(section, "Tin hôm trước", date=day(9))
    for article, expected in [
        (late, ["Tin buổi trưa", "Tin sáng sớm", "Tin hôm trước"]),
        (noon, ["Tin sáng sớm", "Tin hôm trước"]),
        (early, ["Tin hôm trước"]),
    ]:
        soup = soup_of(get_ok(client, article.url))
        assert other_news_titles(soup) == expected, article.title


def test_other_news_skips_drafts_and_restricted_articles(client, section, make_article):
    make_article(section, "Tin cũ công khai", date=day(1))
    make_article(section, "Tin nháp", date=day(2), live=False)
    restricted = make_article(section, "Tin có mật khẩu", date=day(3))
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="bi-mat-123")
    current = make_article(section, "Tin hiện tại", date=day(4))
    soup = soup_of(get_ok(client, current.url))
    assert other_news_titles(soup) == ["Tin cũ công khai"]


def test_link_to_newer_news_on_the_section_page_one(client, section, dated_articles):
    soup = soup_of(get_ok(client, dated_articles[12].url))  # 2 newer articles: page 1
    link = soup.select_one(".other-news p a")
    assert link is not None
    assert link["href"] == section.url
    assert "Xem các tin mới hơn" in text_of(link)


def test_link_to_newer_news_points_to_the_section_page_holding_them(client, section, dated_articles):
    # 3 January: 12 newer articles fill page 1 (10) and the start of page 2, where the two just newer are.
    soup = soup_of(get_ok(client, dated_articles[2].url))
    link = soup.select_one(".other-news p a")
    assert link["href"] == f"{section.url}?page=2"
    section_page_2 = soup_of(get_ok(client, link["href"]))
    assert listed_titles(section_page_2)[:2] == ["Tin cải cách số 05", "Tin cải cách số 04"]


def test_no_link_to_newer_news_for_the_newest_article(client, dated_articles):
    soup = soup_of(get_ok(client, dated_articles[-1].url))
    assert soup.select_one(".other-news p a") is None
    assert "Xem các tin mới hơn" not in soup.decode()


def _article_page_queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_article_page_query_count_does_not_grow_with_the_section(client, section, other_section, make_article):
    small = [make_article(section, f"Tin nhỏ {n}", date=day(n)) for n in range(1, 4)]
    big = [make_article(other_section, f"Tin lớn {n}", date=day(1) + datetime.timedelta(days=n)) for n in range(30)]
    # Newest of each section: 2 vs 10 "other news" items.
    assert _article_page_queries(client, small[-1].url) == _article_page_queries(client, big[-1].url)
    # Middle article: also shows the link to newer news.
    assert _article_page_queries(client, small[1].url) == _article_page_queries(client, big[15].url)


def test_article_page_query_count_is_bounded(client, django_assert_max_num_queries, section, make_article):
    articles = [make_article(section, f"Tin {n}", date=day(n)) for n in range(1, 21)]
    client.get(articles[-1].url)
    with django_assert_max_num_queries(20):
        assert client.get(articles[-1].url).status_code == 200


# --- Section page -------------------------------------------------------------------------


@pytest.fixture
def many_articles(section, other_section, make_article):
    """25 articles in `section` (1..25 January) plus one in `other_section`."""
    articles = [make_article(section, f"Bài số {n:02d}", date=day(n)) for n in range(1, 26)]
    make_article(other_section, "Bài chuyên mục khác", date=day(20))
    return articles


def test_section_page_lists_articles_newest_first_ten_per_page(client, section, many_articles):
    soup = soup_of(get_ok(client, section.url))
    assert len(soup.find_all("h1")) == 1
    assert text_of(soup.find("h1")) == "Cải cách hành chính"
    assert listed_titles(soup) == [f"Bài số {n:02d}" for n in range(25, 15, -1)]
    assert "Bài chuyên mục khác" not in soup.decode()
    assert text_of(soup.select_one(".pagination [aria-current]")) == "Trang 1/3"
    assert soup.select_one('.pagination a[rel="next"]')["href"] == "?page=2"
    assert soup.select_one('.pagination a[rel="prev"]') is None

    soup = soup_of(get_ok(client, f"{section.url}?page=2"))
    assert listed_titles(soup) == [f"Bài số {n:02d}" for n in range(15, 5, -1)]
    assert soup.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"

    soup = soup_of(get_ok(client, f"{section.url}?page=3"))
    assert listed_titles(soup) == [f"Bài số {n:02d}" for n in range(5, 0, -1)]
    assert soup.select_one('.pagination a[rel="next"]') is None


def test_section_page_shows_dates(client, section, many_articles):
    soup = soup_of(get_ok(client, section.url))
    assert text_of(soup.select_one(".article-card .meta")) == "25/01/2022"


def test_section_page_tolerates_bad_page_numbers(client, section, many_articles):
    # Junk, zero and negative numbers give the first page, too-large ones the last.
    for page, expected_first in [("0", 25), ("-1", 25), ("abc", 25), ("", 25), ("1.5", 25), ("999999", 5)]:
        soup = soup_of(get_ok(client, f"{section.url}?page={page}"))
        assert listed_titles(soup)[0] == f"Bài số {expected_first:02d}", page


def test_section_page_excludes_drafts_and_unpublished(client, section, make_article):
    make_article(section, "Tin đã đăng")
    make_article(section, "Tin nháp chưa đăng", live=False)
    gone = make_article(section, "Tin đã gỡ")
    gone.unpublish()
    soup = soup_of(get_ok(client, section.url))
    assert listed_titles(soup) == ["Tin đã đăng"]


def test_empty_section_says_so(client, section):
    soup = soup_of(get_ok(client, section.url))
    assert "Chuyên mục chưa có tin bài." in text_of(soup)
    assert soup.select_one(".pagination") is None


def test_section_page_query_count_does_not_grow_with_the_page(client, section, other_section, make_article):
    for n in range(1, 4):
        make_article(section, f"Tin nhỏ {n}", date=day(n))
    for n in range(1, 11):
        make_article(other_section, f"Tin lớn {n}", date=day(n))
    assert _article_page_queries(client, section.url) == _article_page_queries(client, other_section.url)


# --- Home page ----------------------------------------------------------------------------


@pytest.fixture
def site(home) -> Site:
    return Site.objects.get(is_default_site=True)


def test_home_page_shows_latest_news_and_each_sections_latest(client, home, section, other_section, make_article):
    for n in range(1, 8):
        make_article(section, f"Cải cách {n}", date=day(n * 2))  # 2, 4, ..., 14 January
    for n in range(1, 8):
        make_article(other_section, f"Công nghệ {n}", date=day(n * 2 + 1))  # 3, 5, ..., 15 January
    make_article(section, "Tin nháp trang chủ", date=day(30), live=False)

    soup = soup_of(get_ok(client, home.url))
    latest = soup.find(id="tin-moi").find_parent("section")
    assert listed_titles(latest) == [
        "Công nghệ 7",
        "Cải cách 7",
        "Công nghệ 6",
        "Cải cách 6",
        "Công nghệ 5",
        "Cải cách 5",
        "Công nghệ 4",
        "Cải cách 4",
    ]

    main = soup.select_one(".layout__main")  # the sidebar has panels of other apps
    blocks = {text_of(h2): h2.find_parent("section") for h2 in main.select("section.block h2") if h2.find("a")}
    assert list(blocks) == ["Cải cách hành chính", "Khoa học - Công nghệ"]
    assert blocks["Cải cách hành chính"].find("h2").find("a")["href"] == section.url
    assert listed_titles(blocks["Cải cách hành chính"]) == [f"Cải cách {n}" for n in range(7, 2, -1)]
    assert listed_titles(blocks["Khoa học - Công nghệ"]) == [f"Công nghệ {n}" for n in range(7, 2, -1)]
    assert "Tin nháp trang chủ" not in soup.decode()


def test_home_page_without_news(client, home, section):
    soup = soup_of(get_ok(client, home.url))
    assert "Chưa có tin bài nào." in text_of(soup)
    # A section with no articles gets no block.
    assert soup.select(".layout__main section.block h2 a") == []


def test_home_page_has_search_box_and_date_field(client, home):
    soup = soup_of(get_ok(client, home.url))
    search_input = soup.select_one('form[role="search"] input[name="q"]')
    assert search_input is not None
    assert search_input.find_parent("form")["action"] == "/tim-kiem/"
    date_input = soup.select_one('input[type="date"][name="ngay"]')
    assert date_input is not None
    assert date_input.find_parent("form")["action"] == "/tin-theo-ngay/"
    assert date_input.find_parent("form")["method"] == "get"
    # Every input has a label.
    for field in (search_input, date_input):
        assert soup.find("label", attrs={"for": field["id"]}) is not None
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one("a.skip-link")["href"] == "#noi-dung"


def test_featured_articles_block(client, home, section, make_article):
    make_article(section, "Tin thường", date=day(5))
    make_article(section, "Tin nổi bật đặc biệt", date=day(1), is_featured=True)
    soup = soup_of(get_ok(client, home.url))
    featured = soup.find(id="tin-noi-bat").find_parent("section")
    assert listed_titles(featured) == ["Tin nổi bật đặc biệt"]


def test_footer_shows_agency_name_and_contacts(client, home, site):
    agency = AgencySettings.for_site(site)
    agency.name = "Sở Khoa học và Công nghệ"
    agency.parent_name = "UBND tỉnh Thừa Thiên Huế"
    agency.address = "Số 26 Hà Nội, thành phố Huế"
    agency.phone = "0234 3822 498"
    agency.email = "skhcn@thuathienhue.gov.vn"
    agency.responsible_person = "Giám đốc Sở"
    agency.save()

    soup = soup_of(get_ok(client, home.url))
    footer = soup.select_one("footer.site-footer")
    assert text_of(footer.select_one(".site-footer__name")) == "Sở Khoa học và Công nghệ"
    contacts = text_of(footer.select_one(".contact-list"))
    assert "Địa chỉ: Số 26 Hà Nội, thành phố Huế" in contacts
    assert "Điện thoại: 0234 3822 498" in contacts
    assert "Chịu trách nhiệm nội dung: Giám đốc Sở" in contacts
    assert footer.select_one('a[href="mailto:skhcn@thuathienhue.gov.vn"]') is not None
    assert footer.select_one('a[href="tel:02343822498"]') is not None
    assert "UBND tỉnh Thừa Thiên Huế" in text_of(soup.select_one("header"))
    assert soup.title.string.endswith("| Sở Khoa học và Công nghệ")


def test_footer_hides_empty_contacts(client, home, site):
    agency = AgencySettings.for_site(site)
    agency.name = "Sở Tư pháp"
    agency.save()
    soup = soup_of(get_ok(client, home.url))
    footer = soup.select_one("footer.site-footer")
    assert text_of(footer.select_one(".site-footer__name")) == "Sở Tư pháp"
    assert footer.select(".contact-list li") == []


@pytest.fixture
def badge_image(db):
    from wagtail.images.models import Image

    return Image.objects.create(title="Tín Nhiệm Mạng", file=get_test_image_file())


BADGE_URL = "https://tinnhiemmang.vn/danh-ba-tin-nhiem/example"


@pytest.mark.parametrize(("with_image", "with_url"), [(False, False), (True, False), (False, True)])
def test_trust_badge_hidden_unless_image_and_link_are_both_set(client, home, site, badge_image, with_image, with_url):
    agency = AgencySettings.for_site(site)
    agency.trust_badge_image = badge_image if with_image else None
    agency.trust_badge_url = BADGE_URL if with_url else ""
    agency.save()
    soup = soup_of(get_ok(client, home.url))
    assert soup.select_one(".trust-badge") is None
    assert BADGE_URL not in soup.decode()


def test_trust_badge_shown_when_image_and_link_are_set(client, home, site, badge_image):
    agency = AgencySettings.for_site(site)
    agency.trust_badge_image = badge_image
    agency.trust_badge_url = BADGE_URL
    agency.save()
    soup = soup_of(get_ok(client, home.url))
    link = soup.select_one("footer .trust-badge a")
    assert link is not None
    assert link["href"] == BADGE_URL
    image = link.find("img")
    assert image is not None
    assert image["alt"] == "Chứng nhận Tín Nhiệm Mạng"
    assert image["src"]


# --- News by date -------------------------------------------------------------------------


@pytest.fixture
def news_by_date(section, other_section, make_article):
    make_article(section, "Tin ngày 10 cải cách", date=day(10))
    make_article(other_section, "Tin ngày 10 công nghệ", date=day(10))
    make_article(section, "Tin ngày 9", date=day(9))
    make_article(section, "Tin ngày 11", date=day(11))
    make_article(section, "Tin cuối tháng 1", date=day(31))
    make_article(section, "Tin ngày 5 tháng 2", date=day(5, month=2))
    make_article(section, "Tin tháng 12 năm trước", date=datetime.date(2021, 12, 31))
    make_article(section, "Tin nháp ngày 10", date=day(10), live=False)


def test_by_day_lists_every_article_of_that_day(client, news_by_date):
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-10/"))
    assert text_of(soup.find("h1")) == "Tin ngày 10/01/2022"
    assert sorted(listed_titles(soup)) == sorted(["Tin ngày 10 cải cách", "Tin ngày 10 công nghệ"])
    assert "Có 2 tin." in text_of(soup)
    assert "Tin ngày 9" not in soup.decode()
    assert "Tin ngày 11" not in soup.decode()
    assert "Tin nháp ngày 10" not in soup.decode()
    # The date field shows the day being viewed.
    assert soup.select_one('input[name="ngay"]')["value"] == "2022-01-10"


def test_by_month_lists_the_month(client, news_by_date):
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01/"))
    assert text_of(soup.find("h1")) == "Tin tháng 01/2022"
    titles = listed_titles(soup)
    assert titles[0] == "Tin cuối tháng 1"
    assert titles[-1] == "Tin ngày 9"
    assert sorted(titles) == sorted(
        ["Tin cuối tháng 1", "Tin ngày 11", "Tin ngày 10 cải cách", "Tin ngày 10 công nghệ", "Tin ngày 9"]
    )
    assert "Tin ngày 5 tháng 2" not in soup.decode()
    assert "Tin tháng 12 năm trước" not in soup.decode()


def test_by_day_is_paginated(client, section, make_article):
    for n in range(25):
        make_article(section, f"Tin cùng ngày {n:02d}", date=day(10))
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-10/"))
    assert len(listed_titles(soup)) == 20
    assert "Có 25 tin." in text_of(soup)
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-10/?page=2"))
    assert len(listed_titles(soup)) == 5
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-10/?page=abc"))
    assert len(listed_titles(soup)) == 20


def test_empty_day_says_so_and_links_the_nearest_days_with_news(client, news_by_date):
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-20/"))
    assert listed_titles(soup) == []
    notice = text_of(soup.select_one(".notice"))
    assert notice.startswith("Không có tin")
    assert "20/01/2022" in notice
    links = {a["href"]: text_of(a) for a in soup.select(".nearby-days a")}
    assert list(links) == ["/tin-theo-ngay/2022-01-11/", "/tin-theo-ngay/2022-01-31/"]
    assert "11/01/2022" in links["/tin-theo-ngay/2022-01-11/"]


def test_empty_day_ignores_drafts_when_looking_for_nearest_days(client, section, make_article):
    make_article(section, "Tin thật", date=day(1))
    make_article(section, "Tin nháp gần", date=day(19), live=False)
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-20/"))
    assert [a["href"] for a in soup.select(".nearby-days a")] == ["/tin-theo-ngay/2022-01-01/"]


def test_empty_day_before_all_news_links_only_later_day(client, news_by_date):
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2000-01-01/"))
    assert [a["href"] for a in soup.select(".nearby-days a")] == ["/tin-theo-ngay/2021-12-31/"]


def test_empty_month_links_the_nearest_days_around_the_month(client, news_by_date):
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-03/"))
    assert text_of(soup.select_one(".notice")).startswith("Không có tin nào trong tháng 03/2022")
    assert [a["href"] for a in soup.select(".nearby-days a")] == ["/tin-theo-ngay/2022-02-05/"]
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2021-11/"))
    assert [a["href"] for a in soup.select(".nearby-days a")] == ["/tin-theo-ngay/2021-12-31/"]


def test_empty_day_without_any_news(client, home):
    soup = soup_of(get_ok(client, "/tin-theo-ngay/2022-01-10/"))
    assert "Không có tin" in text_of(soup.select_one(".notice"))
    assert soup.select(".nearby-days a") == []


@pytest.mark.parametrize(
    "url",
    [
        "/tin-theo-ngay/2022-02-31/",
        "/tin-theo-ngay/2022-13-01/",
        "/tin-theo-ngay/2022-00-10/",
        "/tin-theo-ngay/2022-01-00/",
        "/tin-theo-ngay/2022-1-5/",
        "/tin-theo-ngay/22-01-10/",
        "/tin-theo-ngay/abcd-01-01/",
        "/tin-theo-ngay/0000-01-01/",
        "/tin-theo-ngay/2022-13/",
        "/tin-theo-ngay/2022-00/",
        "/tin-theo-ngay/0000-01/",
        "/tin-theo-ngay/?ngay=garbage",
        "/tin-theo-ngay/?ngay=2022-02-31",
        "/tin-theo-ngay/?ngay=",
        "/tin-theo-ngay/",
    ],
)
def test_invalid_dates_give_the_vietnamese_404(client, home, url):
    assert_not_found(client.get(url))


def test_date_form_redirects_to_the_canonical_url(client, home):
    response = client.get("/tin-theo-ngay/?ngay=2022-01-10")
    assert response.status_code == 302
    assert response["Location"] == "/tin-theo-ngay/2022-01-10/"
    # And the target is the day's page.
    assert get_ok(client, response["Location"])


def test_extreme_valid_dates_do_not_fail(client, home):
    get_ok(client, "/tin-theo-ngay/9999-12-31/")
    get_ok(client, "/tin-theo-ngay/0001-01-01/")
    get_ok(client, "/tin-theo-ngay/9999-12/")
    get_ok(client, "/tin-theo-ngay/0001-01/")


# --- Drafts and 404 -----------------------------------------------------------------------


def test_draft_article_is_a_404_for_the_public(client, section, make_article):
    draft = make_article(section, "Tin nháp bí mật", live=False)
    url = section.url + draft.slug + "/"
    assert_not_found(client.get(url))


def test_unknown_page_is_the_vietnamese_404(client, home):
    response = client.get("/khong-ton-tai/")
    assert_not_found(response)
    soup = soup_of(response)
    assert soup.select_one('form[role="search"] input[name="q"]') is not None
