"""Counting page views through the real WSGI application: cache hits count, robots, editors,
the admin, static files and errors don't; the visit rule; flushing in batches; nothing personal."""

import datetime

import pytest
from django.db import connection

from toasoan.publishing import pagecache
from toasoan.publishing.tests.wsgi_client import call
from toasoan.stats import counting, services
from toasoan.stats.counter import Counter, flush
from toasoan.stats.models import LogCursor, PageViewDay, SiteDay
from toasoan.stats.rules import is_bot, is_entry

from .conftest import BROWSER

pytestmark = pytest.mark.django_db


def views(counter: Counter) -> dict[tuple[str, str], list[int]]:
    """What the counter holds, by (host, path), without emptying it."""
    counts = counter.drain()
    counter.restore(counts)
    return {(host, path): value for (_, host, path), value in counts.items()}


@pytest.fixture
def article(section, make_article):
    return make_article(section, "Thống kê lượt xem bài viết thử nghiệm")


def test_the_wsgi_application_counts_cache_misses_and_hits(application, counter, article):
    first = call(application, article.url, headers={"User-Agent": BROWSER})
    second = call(application, article.url, headers={"User-Agent": BROWSER})
    assert (first.status, first.headers["x-cache"]) == (200, "MISS")
    assert (second.status, second.headers["x-cache"]) == (200, "HIT")
    assert views(counter) == {("localhost", article.url): [2, 2]}


def test_a_revalidation_304_is_a_view(application, counter, article):
    etag = call(application, article.url, headers={"User-Agent": BROWSER}).headers["etag"]
    not_modified = call(application, article.url, headers={"User-Agent": BROWSER, "If-None-Match": etag})
    assert not_modified.status == 304
    assert views(counter)[("localhost", article.url)][0] == 2


def test_an_outage_copy_is_a_view(application, counter, article, monkeypatch):
    call(application, article.url, headers={"User-Agent": BROWSER})  # renders and writes the outage copy
    inner = application
    while not hasattr(inner, "store"):
        inner = inner.app
    inner.store.bump()  # nothing cached any more: the next request goes to Django...

    def broken(environ, start_response):  # ...which fails, as with the database down
        start_response("500 Internal Server Error", [("Content-Type", "text/html")])
        return [b"error"]

    monkeypatch.setattr(inner, "app", broken)
    stale = call(application, article.url, headers={"User-Agent": BROWSER})
    assert (stale.status, stale.headers["x-cache"]) == (200, "STALE")
    assert views(counter)[("localhost", article.url)][0] == 2


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("ARTICLE", "GET", {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}),
        ("ARTICLE", "GET", {"User-Agent": "Mozilla/5.0 (compatible; Zalo-link-preview)"}),
        ("ARTICLE", "GET", {}),  # no User-Agent: a tool
        ("ARTICLE", "HEAD", {"User-Agent": BROWSER}),
        ("ARTICLE", "GET", {"User-Agent": BROWSER, "Cookie": "sessionid=abc"}),  # an editor
        ("/admin/", "GET", {"User-Agent": BROWSER}),
        ("/admin/pages/2/edit/preview/", "GET", {"User-Agent": BROWSER}),
        ("/static/core/css/site.css", "GET", {"User-Agent": BROWSER}),
        ("/khong-co-trang-nay/", "GET", {"User-Agent": BROWSER}),  # 404
        ("/robots.txt", "GET", {"User-Agent": BROWSER}),  # not a page
    ],
)
def test_what_is_not_counted(application, counter, article, path, method, headers):
    response = call(application, article.url if path == "ARTICLE" else path, method=method, headers=headers)
    assert response.status in (200, 301, 302, 404)
    assert views(counter) == {}


def test_a_redirect_is_not_a_view(application, counter, article):
    response = call(application, article.url.rstrip("/"), headers={"User-Agent": BROWSER})
    assert response.status == 301
    assert views(counter) == {}


def test_visits_are_entries_from_elsewhere(application, counter, article, section):
    reader = {"User-Agent": BROWSER}
    call(application, "/", headers=reader)  # typed address: a visit
    call(application, section.url, headers={**reader, "Referer": "http://localhost/"})  # inside the site
    call(application, article.url, headers={**reader, "Referer": f"http://localhost{section.url}"})
    call(application, article.url, headers={**reader, "Referer": "https://www.google.com/"})  # a new visit
    call(application, article.url, headers={**reader, "Referer": "https://zalo.me/s/abc"})  # another
    assert views(counter) == {
        ("localhost", "/"): [1, 1],
        ("localhost", section.url): [1, 0],
        ("localhost", article.url): [3, 2],
    }


def test_the_visit_rule():
    assert is_entry("", "localhost")
    assert is_entry("https://www.google.com/search?q=x", "skhcn.gov.vn")
    assert not is_entry("https://skhcn.gov.vn/tin-tuc/", "skhcn.gov.vn")
    assert not is_entry("http://SKHCN.gov.vn:8080/", "skhcn.gov.vn")
    assert is_entry("https://skhcn.gov.vn.evil.example/", "skhcn.gov.vn")
    assert is_entry("android-app://com.zing.zalo/", "skhcn.gov.vn")
    assert is_bot("") and is_bot("curl/8.5.0") and is_bot("Mozilla/5.0 (compatible; bingbot/2.0)")
    assert not is_bot(BROWSER)


def test_flush_writes_daily_rows_in_one_batch(counter, django_assert_num_queries):
    day = datetime.date(2026, 11, 27)
    for _ in range(3):
        counter.add("localhost", "/tin-tuc/", entry=False, day=day)
    counter.add("localhost", "/tin-tuc/", entry=True, day=day)
    counter.add("localhost", "/", entry=True, day=day)
    for n in range(20):
        counter.add("localhost", f"/trang-{n}/", entry=False, day=day - datetime.timedelta(days=1))
    # One statement per table (inside a savepoint), however many paths: 22 here.
    with django_assert_num_queries(4):
        assert flush(counter, services.record_counts)
    counter.add("localhost", "/", entry=True, day=day)
    flush(counter, services.record_counts)  # added to the existing rows
    assert counter.pending() == 0
    rows = {r.path: (r.views, r.entries) for r in PageViewDay.objects.filter(day=day)}
    assert rows == {"/tin-tuc/": (4, 1), "/": (2, 2)}
    site = SiteDay.objects.get(day=day, host="localhost")
    assert (site.views, site.visits) == (6, 3)


def test_a_failed_flush_keeps_the_counts_for_the_next(counter):
    counter.add("localhost", "/", entry=True)

    def database_down(counts):
        raise RuntimeError("database is locked")

    assert not flush(counter, database_down)
    assert counter.pending() == 1
    assert flush(counter, services.record_counts)
    assert SiteDay.objects.get().visits == 1


def test_memory_is_bounded_between_flushes():
    counter = Counter("Asia/Ho_Chi_Minh", max_keys=2)
    for n in range(5):
        counter.add("localhost", f"/trang-{n}/", entry=False)
    counter.add("localhost", "/trang-0/", entry=False)  # an existing key still counts
    assert counter.pending() == 3 and counter.dropped == 3


def test_the_day_is_the_local_day():
    counter = Counter("Asia/Ho_Chi_Minh")
    # 17:30 UTC on 26/11 is 00:30 on 27/11 in Hà Nội.
    moment = datetime.datetime(2026, 11, 26, 17, 30, tzinfo=datetime.UTC).timestamp()
    assert counter.today(moment - 3600) == datetime.date(2026, 11, 26)
    assert counter.today(moment) == datetime.date(2026, 11, 27)


def test_flushing_counts_never_invalidates_the_page_cache(counter, page_store, committed):
    generation = page_store.generation()
    counter.add("localhost", "/", entry=True)
    with committed():
        counting.flush()
    assert SiteDay.objects.get().views == 1
    assert pagecache.get_store().generation() == generation


def test_nothing_personal_is_stored():
    """Aggregates only: no IP, user agent, referrer, cookie or timestamp of a view."""
    with connection.cursor() as cursor:
        tables = {
            model: [c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)]
            for model in (PageViewDay, SiteDay, LogCursor)
        }
    assert tables[PageViewDay] == ["id", "day", "host", "path", "views", "entries"]
    assert tables[SiteDay] == ["id", "day", "host", "views", "visits"]
    assert tables[LogCursor] == ["id", "path", "inode", "offset", "updated_at"]


def test_counting_can_be_turned_off(settings, counter, article):
    settings.TOASOAN_STATS = {**settings.TOASOAN_STATS, "ENABLED": False}
    from django.core.handlers.wsgi import WSGIHandler

    assert counting.wrap(WSGIHandler()).__class__ is WSGIHandler


def test_hosts_are_normalised_when_flushed(counter):
    day = datetime.date(2026, 11, 27)
    counter.add("SKHCN.gov.vn:8080", "/", entry=True, day=day)
    counter.add("skhcn.gov.vn", "/", entry=False, day=day)
    counting.flush()
    assert [(r.host, r.views, r.entries) for r in PageViewDay.objects.all()] == [("skhcn.gov.vn", 2, 1)]
    assert [(s.host, s.views, s.visits) for s in SiteDay.objects.all()] == [("skhcn.gov.vn", 2, 1)]


def test_the_flush_thread_writes_in_the_background():
    import threading

    from toasoan.stats.counter import Flusher

    written = threading.Event()
    batches = []

    def record(counts):
        batches.append(counts)
        written.set()

    counter = Counter("Asia/Ho_Chi_Minh")
    flusher = Flusher(counter, record, interval=0.05)
    counter.add("localhost", "/", entry=True)
    flusher.ensure_started()
    assert flusher.started
    try:
        assert written.wait(5)
    finally:
        flusher.stop()
    assert [list(batch.values()) for batch in batches] == [[[1, 1]]]
    assert counter.pending() == 0
