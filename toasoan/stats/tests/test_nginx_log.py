"""Page views nginx serves from the page cache files: its statistics log (deploy/nginx) and the
job that adds it up from a saved offset, across appends, half-written lines and rotation."""

import datetime
import os
import re
from email.utils import formatdate
from pathlib import Path

import pytest

from tests.servers import REPO, free_port, request
from tests.servers.nginx import Nginx, require_nginx
from toasoan.stats import jobs, services
from toasoan.stats.models import LogCursor, PageViewDay, SiteDay
from toasoan.stats.rules import BOT_PATTERN

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 11, 27, 5, 0, tzinfo=datetime.UTC).timestamp()  # 12:00 in Hà Nội


def line(path: str, entry: int = 1, status: int = 200, host: str = "skhcn.gov.vn", at: float = NOON) -> str:
    return f"{at:.3f}\t{host}\t{path}\t{status}\t{entry}\n"


def page_counts() -> dict[str, tuple[int, int]]:
    """(views, entries) by path, all days together."""
    counts: dict[str, tuple[int, int]] = {}
    for row in PageViewDay.objects.all():
        views, entries = counts.get(row.path, (0, 0))
        counts[row.path] = (views + row.views, entries + row.entries)
    return counts


@pytest.fixture
def log(tmp_path, settings) -> Path:
    path = tmp_path / "stats" / "nginx.log"
    path.parent.mkdir()
    settings.TOASOAN_STATS = {**settings.TOASOAN_STATS, "NGINX_LOG": str(path)}
    return path


def test_lines_become_daily_counts(log):
    log.write_text(
        line("/tin-tuc/bai-a/")
        + line("/tin-tuc/bai-a/", entry=0)
        + line("/tin-tuc/?page=2", entry=0)
        + line("/", status=304)
        + line("/", at=NOON - 12.5 * 3600)  # 23:30 the day before in Hà Nội
    )
    result = jobs.ingest_nginx_log()
    assert (result.lines, result.views, result.skipped) == (5, 5, 0)
    assert page_counts() == {"/tin-tuc/bai-a/": (2, 1), "/tin-tuc/": (1, 0), "/": (2, 2)}
    days = {row.day: (row.views, row.visits) for row in SiteDay.objects.all()}
    assert days == {datetime.date(2026, 11, 27): (4, 2), datetime.date(2026, 11, 26): (1, 1)}


def test_junk_lines_are_skipped(log):
    log.write_text(
        "not a log line\n"
        + line("/sitemap.xml")
        + line("/tin-tuc/", status=404)
        + line("/tin-tuc/", entry=7)
        + "abc\tskhcn.gov.vn\t/\t200\t1\n"
        + line("/tin-tuc/")
    )
    result = jobs.ingest_nginx_log()
    assert (result.views, result.skipped) == (1, 5)
    assert page_counts() == {"/tin-tuc/": (1, 1)}


def test_resumes_from_the_saved_offset_and_waits_for_whole_lines(log):
    log.write_text(line("/a/") + line("/b/"))
    jobs.ingest_nginx_log()
    with log.open("a") as out:
        out.write(line("/b/") + line("/c/")[:10])  # nginx is still writing the last line
    assert jobs.ingest_nginx_log().views == 1
    with log.open("a") as out:
        out.write(line("/c/")[10:])
    assert jobs.ingest_nginx_log().views == 1
    assert jobs.ingest_nginx_log().views == 0  # nothing new: nothing counted twice
    assert page_counts() == {"/a/": (1, 1), "/b/": (2, 2), "/c/": (1, 1)}
    assert LogCursor.objects.get().offset == log.stat().st_size


def test_a_rotated_log_is_finished_before_the_new_one(log):
    log.write_text(line("/a/"))
    jobs.ingest_nginx_log()
    rotated = log.with_name("nginx.log.1")
    log.rename(rotated)  # logrotate renames the file...
    with rotated.open("a") as out:
        out.write(line("/b/"))  # ...nginx writes there until it reopens its log
    assert jobs.ingest_nginx_log().views == 1  # the new file does not exist yet
    with rotated.open("a") as out:
        out.write(line("/c/"))
    log.write_text(line("/d/"))  # nginx reopened: a new file
    result = jobs.ingest_nginx_log()
    assert result.rotated and result.views == 2
    assert page_counts() == {"/a/": (1, 1), "/b/": (1, 1), "/c/": (1, 1), "/d/": (1, 1)}
    cursor = LogCursor.objects.get()
    assert (cursor.inode, cursor.offset) == (log.stat().st_ino, log.stat().st_size)


def test_a_truncated_log_is_read_again_from_the_start(log):
    log.write_text(line("/a/") + line("/b/"))
    jobs.ingest_nginx_log()
    with log.open("r+") as out:  # copytruncate
        out.truncate(0)
    with log.open("a") as out:
        out.write(line("/c/"))
    assert jobs.ingest_nginx_log().rotated
    assert page_counts() == {"/a/": (1, 1), "/b/": (1, 1), "/c/": (1, 1)}


def test_no_log_no_work(log):
    assert jobs.ingest_nginx_log() is None
    assert not LogCursor.objects.exists()


def test_a_failed_write_reads_the_same_lines_again(log, monkeypatch):
    log.write_text(line("/a/"))

    def locked(counts):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(services, "record_counts", locked)
    with pytest.raises(RuntimeError):
        jobs.ingest_nginx_log()
    monkeypatch.undo()
    assert jobs.ingest_nginx_log().views == 1
    assert page_counts() == {"/a/": (1, 1)}


def test_nginx_uses_the_same_robot_patterns():
    conf = (REPO / "deploy" / "nginx" / "toasoan.conf").read_text()
    match = re.search(r'map \$http_user_agent \$toasoan_robot \{\s*"" 1;\s*"~\*\((.*)\)" 1;', conf)
    assert match is not None and match.group(1) == BOT_PATTERN


# The shipped configuration, in a real nginx --------------------------------------------------
@pytest.fixture
def nginx_var(tmp_path):
    require_nginx()
    var = tmp_path / "var"
    page = var / "pagecache" / "g-1" / "127.0.0.1" / "tin-tuc" / "bai-a"
    page.mkdir(parents=True)
    (page / "index.html").write_text("<!doctype html><title>Bài A</title><h1>Bài A</h1>")
    (var / "pagecache" / "current").symlink_to("g-1")
    outage = var / "pagecache" / "static" / "127.0.0.1" / "tin-tuc" / "bai-b"
    outage.mkdir(parents=True)
    (outage / "index.html").write_text("<!doctype html><title>Bài B</title><h1>Bài B</h1>")
    (var / "stats").mkdir()
    return var


def test_nginx_logs_the_page_views_it_serves_itself_and_nothing_personal(nginx_var, tmp_path, settings):
    settings.TOASOAN_STATS = {**settings.TOASOAN_STATS, "NGINX_LOG": str(nginx_var / "stats" / "nginx.log")}
    dead_app = f"127.0.0.1:{free_port()}"  # the app is down: only files and outage copies answer
    with Nginx(tmp_path / "nginx", dead_app, nginx_var) as nginx:
        own = f"http://127.0.0.1:{nginx.port}"

        def get(path: str, method: str = "GET", **headers: str) -> tuple[int, str]:
            status, response_headers, _ = request(nginx.url, path, method=method, headers=headers)
            return status, response_headers.get("X-Cache", "")

        reader = {"User-Agent": BROWSER}
        assert get("/tin-tuc/bai-a/", **reader) == (200, "nginx")  # typed address: entry
        assert get("/tin-tuc/bai-a/", **reader, Referer=f"{own}/")[0] == 200  # from this site
        assert get("/tin-tuc/bai-a/", **reader, Referer="https://www.google.com/")[0] == 200  # entry
        assert get("/tin-tuc/bai-a/", **{"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})[0] == 200
        assert get("/tin-tuc/bai-a/")[0] == 200  # no User-Agent
        assert get("/tin-tuc/bai-a/", "HEAD", **reader)[0] == 200
        page = nginx_var / "pagecache" / "current" / "127.0.0.1" / "tin-tuc" / "bai-a" / "index.html"
        since = formatdate(int(page.stat().st_mtime), usegmt=True)  # nginx: if_modified_since exact
        assert get("/tin-tuc/bai-a/", **reader, Referer=f"{own}/", **{"If-Modified-Since": since})[0] == 304
        assert get("/tin-tuc/bai-b/", **reader) == (200, "STALE")  # nginx's outage copy
        assert get("/khong-co-trang-nay/", **reader)[0] == 503
        assert get("/static/core/css/site.css", **reader)[0] == 404
    # nginx flushed its log buffer on stopping.
    text = (nginx_var / "stats" / "nginx.log").read_text()
    assert BROWSER not in text and "google" not in text and "127.0.0.1\t/" in text
    assert all(len(row.split("\t")) == 5 for row in text.splitlines())
    result = jobs.ingest_nginx_log()
    assert (result.views, result.skipped) == (5, 0)
    assert page_counts() == {"/tin-tuc/bai-a/": (4, 2), "/tin-tuc/bai-b/": (1, 1)}
    assert os.path.exists(nginx_var / "stats" / "nginx.log")


def test_bin_nginx_config_renders_the_statistics_log(tmp_path):
    from tests.servers.nginx import render_config

    conf = render_config("127.0.0.1:8080", "127.0.0.1:8000", tmp_path)
    assert f"access_log {tmp_path}/stats/nginx.log toasoan_stats" in conf
    assert "$remote_addr" not in conf.split("log_format toasoan_stats", 1)[1].split(";", 1)[0]
