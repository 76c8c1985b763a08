"""The admin report (totals, most viewed pages by period, the 30-day trend as SVG and table), who
may see it, and the footer counter."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from toasoan.publishing.tests.wsgi_client import call
from toasoan.stats import charts, selectors, services
from toasoan.stats.demo import load_demo
from toasoan.stats.models import SiteDay
from toasoan.stats.templatetags.stats_tags import vn_count
from toasoan.trust.testing import staff_login

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/thong-ke-truy-cap/"
PASSWORD = "mat-khau-that-dai-123"


def make_user(username: str, group: str | None = None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def record(day: datetime.date, path: str, views: int, entries: int = 0, host: str = "localhost") -> None:
    services.record_counts({(day, host, path): [views, entries]})


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def counted(home, section, make_article, today):
    """Two articles and the home page, viewed over 40 days."""
    popular = make_article(section, "Bài được đọc nhiều")
    recent = make_article(section, "Bài mới được quan tâm")
    record(today, "/", 50, 40)
    record(today, popular.url, 5, 1)
    record(today - datetime.timedelta(days=3), recent.url, 30, 10)
    record(today - datetime.timedelta(days=20), popular.url, 100, 60)
    record(today - datetime.timedelta(days=35), popular.url, 1000, 600)
    record(today - datetime.timedelta(days=35), popular.url, 7, 1, host="skhcn.example.gov.vn")  # default site too
    record(today - datetime.timedelta(days=2), "/trang-da-xoa/", 3, 3)
    return {"popular": popular, "recent": recent}


def test_totals_today_this_month_and_all_time(counted, today):
    totals = selectors.totals(today)
    assert (totals.views_today, totals.visits_today) == (55, 41)
    assert totals.views_total == 55 + 30 + 100 + 1000 + 7 + 3
    assert totals.visits_total == 41 + 10 + 60 + 600 + 1 + 3
    in_month = [d for d in (0, 3, 20, 35, 35, 2) if (today - datetime.timedelta(days=d)).month == today.month]
    assert totals.views_month >= 55 and len(in_month) >= 1


def test_top_pages_are_mapped_to_pages_at_report_time(counted):
    week = selectors.top_pages(7)
    assert [(item.title, item.views) for item in week] == [
        ("Trang chủ", 50),
        ("Bài mới được quan tâm", 30),
        ("Bài được đọc nhiều", 5),
        ("/trang-da-xoa/", 3),  # no page at that path any more: shown by its path
    ]
    month = selectors.top_pages(30)
    assert month[0].title == "Bài được đọc nhiều" and month[0].views == 105
    ever = selectors.top_pages(None)
    # Both hosts lead to the default site's page: one row.
    assert ever[0].page.pk == counted["popular"].pk and ever[0].views == 1112


def test_a_renamed_page_keeps_its_old_counts_apart(counted, today):
    popular = counted["popular"]
    popular.slug = "bai-doi-ten"
    popular.save_revision().publish()
    titles = [item.title for item in selectors.top_pages(30)]
    assert popular.url_path not in titles and any(t.startswith("/") for t in titles)


def test_the_trend_has_every_day(counted, today):
    trend = selectors.daily_trend(30, today)
    assert len(trend) == 30 and trend[-1].day == today and trend[0].day == today - datetime.timedelta(days=29)
    assert trend[-1].views == 55 and trend[-4].views == 30 and sum(d.views for d in trend) == 55 + 30 + 100 + 3


def test_the_trend_chart_is_accessible_svg_without_styles(counted, today):
    svg = charts.trend_svg(selectors.daily_trend(30, today), "Lượt xem 30 ngày")
    soup = BeautifulSoup(svg, "html.parser")
    root = soup.find("svg")
    assert root["role"] == "img" and soup.find("title").text == "Lượt xem 30 ngày"
    assert "188 lượt xem" in soup.find("desc").text
    assert "style" not in svg and "<script" not in svg
    assert len(soup.find_all("rect")) > 4


def test_the_report_for_a_superuser(client, counted, today):
    staff_login(client, get_user_model().objects.create_superuser("quantri", password=PASSWORD))
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup.find("h1")) == "Thống kê truy cập"
    overview = text_of(soup.find(id="tong-quan").find_parent("section"))
    assert "Lượt truy cập 41" in overview and "Lượt xem trang 55 188 1.195" in overview
    top = soup.find(id="xem-nhieu").find_parent("section")
    assert "30 ngày qua" in text_of(top.find("strong", attrs={"aria-current": "page"}))
    rows = [text_of(tr) for tr in top.select("tbody tr")]
    assert rows[0].startswith("1 Bài được đọc nhiều") and "105" in rows[0]
    trend = soup.find(id="xu-huong-30").find_parent("section")
    assert trend.find("svg") is not None
    assert len(trend.select("tbody tr")) == 30
    assert text_of(trend.select_one("tbody tr")).startswith(today.strftime("%d/%m/%Y"))


def test_the_period_links(client, counted):
    staff_login(client, get_user_model().objects.create_superuser("quantri", password=PASSWORD))
    week = soup_of(client.get(REPORT_URL + "?ky=7")).find(id="xem-nhieu").find_parent("section")
    assert "Bài mới được quan tâm" in text_of(week.select_one("tbody tr:nth-of-type(2)"))
    ever = soup_of(client.get(REPORT_URL + "?ky=all")).find(id="xem-nhieu").find_parent("section")
    assert "1.112" in text_of(ever.select_one("tbody tr"))
    junk = client.get(REPORT_URL + "?ky=abc")
    assert junk.status_code == 200 and "30 ngày qua" in junk.content.decode()


def test_the_groups_that_may_see_the_report(client, counted):
    assert client.get(REPORT_URL).status_code == 302  # to the login page
    reporter = make_user("phongvien", "Phóng viên")
    staff_login(client, reporter)
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert '"name": "thong-ke-truy-cap"' not in client.get("/admin/").content.decode()  # the menu
    for group in ("Biên tập viên", "Lãnh đạo duyệt tin"):
        staff_login(client, make_user(f"u-{len(group)}", group))
        assert client.get(REPORT_URL).status_code == 200
    # An administrator gives the right to another group in the group editor.
    reporters = Group.objects.get(name="Phóng viên")
    from django.contrib.auth.models import Permission

    reporters.permissions.add(Permission.objects.get(content_type__app_label="stats", codename="view_report"))
    staff_login(client, get_user_model().objects.get(pk=reporter.pk))
    assert client.get(REPORT_URL).status_code == 200
    assert '"name": "thong-ke-truy-cap"' in client.get("/admin/").content.decode()


def test_the_group_editor_offers_the_permission(client, db):
    staff_login(client, get_user_model().objects.create_superuser("quantri", password=PASSWORD))
    group = Group.objects.get(name="Phóng viên")
    page = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "Xem thống kê truy cập" in page


def test_the_footer_counter_on_public_pages(application, counter, counted, today):
    response = call(application, "/", headers={"User-Agent": BROWSER})
    footer = BeautifulSoup(response.text, "html.parser").select_one("footer .site-footer__counter")
    totals = selectors.totals(today)
    assert text_of(footer) == (
        f"Lượt truy cập: hôm nay {vn_count(totals.visits_today)}, tháng này {vn_count(totals.visits_month)},"
        f" tổng {vn_count(totals.visits_total)}"
    )
    assert totals.visits_total == 715


def test_the_footer_counter_can_be_turned_off(client, counted, settings):
    settings.TOASOAN_STATS = {**settings.TOASOAN_STATS, "FOOTER": False}
    assert "Lượt truy cập:" not in client.get("/").content.decode()


def test_demo_figures_only_on_an_empty_table(home, section, make_article):
    make_article(section, "Bài demo")
    assert load_demo() == {"ngày có số liệu": 60}
    assert SiteDay.objects.count() == 60 and selectors.totals().views_total > 0
    total = selectors.totals().views_total
    assert load_demo() == {"ngày có số liệu": 0}
    assert selectors.totals().views_total == total


def test_the_footer_refreshes_with_the_cache_generation(application, counter, counted, today):
    """Counts never invalidate the cache: a cached page keeps its figures until the next change."""
    reader = {"User-Agent": BROWSER}

    def shown() -> tuple[str, str]:
        response = call(application, "/", headers=reader)
        footer = BeautifulSoup(response.text, "html.parser").select_one(".site-footer__counter")
        return response.headers["x-cache"], text_of(footer)

    first = shown()
    record(today, "/", 1000, 1000)
    assert shown() == ("HIT", first[1])
    inner = application
    while not hasattr(inner, "store"):
        inner = inner.app
    inner.store.bump()  # what any publish does
    state, text = shown()
    assert state == "MISS" and "hôm nay 1.041" in text


@pytest.mark.parametrize(("value", "top"), [(0, 1), (1, 1), (7, 8), (590, 600), (1001, 2000), (45_000, 50_000)])
def test_the_axis_maximum_is_round_and_not_far_above_the_data(value, top):
    assert charts.nice_ceiling(value) == top
