"""Read replicas for real: a PostgreSQL hot standby streaming from the primary on loopback, and the
portal serving from both (tests/replicas/conftest.py).

Replay is paused on the standby (pg_wal_replay_pause) to make its lag visible: what a reader then
sees tells which server answered. Each test leaves the standby replaying and up."""

import base64
import html
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import psycopg
import pytest
from django_otp.oath import hotp
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.prepared import ADMIN_PASSWORD
from tests.servers import request
from toasoan.core.replicas import HEALTH_SQL

from .harness import CHECK_SECONDS, MAX_LAG_SECONDS, Replicated

pytestmark = pytest.mark.servers

PIN_COOKIE = "toasoan_primary"
EDITED = "Tiêu đề biên tập viên vừa sửa"


def get(replicated: Replicated, path: str, **cookies: str) -> tuple[int, dict, str]:
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())} if cookies else {}
    status, response_headers, body = request(replicated.url, path, headers=headers)
    return status, response_headers, body.decode()


class Editor:
    """The demo's admin in a cookie jar, logged in through the real flow: password, then the
    authenticator it enrols on the way (as tests/browser/conftest.py's admin_login does)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def open(self, path: str, fields: dict | None = None) -> tuple[int, str, str]:
        """(status, final URL, body); a POST when `fields` are given, with the CSRF token."""
        data = None
        if fields is not None:
            data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookie("csrftoken"), **fields}).encode()
        try:
            with self.opener.open(urllib.request.Request(self.url + path, data=data), timeout=60) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode(errors="replace")

    def login(self) -> None:
        self.open("/admin/login/")
        status, final, body = self.open("/admin/login/", {"username": "admin", "password": ADMIN_PASSWORD})
        assert status == 200 and "/dang-ky/" in final, (status, final, body[:1000])
        secret = re.search(r'id="totp-secret"[^>]*>([^<]+)<', body).group(1).replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        next_url = html.unescape(re.search(r'name="next" value="([^"]*)"', body).group(1))
        if time.time() % 30 > 27:  # the server must see the same step
            time.sleep(30 - time.time() % 30 + 0.2)
        code = f"{hotp(key, int(time.time()) // 30, digits=6):06d}"
        status, final, body = self.open(urllib.parse.urlsplit(final).path, {"otp_token": code, "next": next_url})
        assert status == 200 and "/ma-du-phong/moi/" in final, (status, final, body[:1000])


@pytest.fixture(scope="module")
def editor(replicated) -> Editor:
    editor = Editor(replicated.url)
    editor.login()
    return editor


def shown_title(body: str) -> str:
    match = re.search(r'<h1 class="article__title">(.*?)</h1>', body, re.S)
    assert match, body[:2000]
    return html.unescape(match.group(1)).strip()


def anonymous_title(replicated: Replicated, path: str) -> str:
    status, _, body = get(replicated, path)
    assert status == 200, body[:2000]
    return shown_title(body)


def uncached(replicated: Replicated) -> str:
    """The article under a query the page cache does not key on: rendered by Django every time,
    never stored (docs/page-cache.md), so an anonymous reader's copy comes from the replica."""
    return replicated.article_path + "?xem=1"


def set_title_on_primary(replicated: Replicated, title: str) -> None:
    replicated.on_primary("UPDATE wagtailcore_page SET title = %s WHERE id = %s", (title, replicated.article_id))


@contextmanager
def replay_paused(replicated: Replicated):
    # The standby's last replayed commit is now: once paused, its lag starts from here.
    replicated.commit_now()
    replicated.wait_for_replay()
    replicated.on_replica("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replicated.on_replica("SELECT pg_wal_replay_resume()")
        replicated.wait_for_replay()


def test_a_row_written_on_the_primary_appears_on_the_replica(replicated):
    replicated.on_primary("CREATE TABLE replication_probe (note text)")
    replicated.on_primary("INSERT INTO replication_probe VALUES ('Sở Tài nguyên và Môi trường')")
    deadline = time.monotonic() + 20
    rows: list = []
    while time.monotonic() < deadline and not rows:
        try:
            rows = replicated.on_replica("SELECT note FROM replication_probe")
        except Exception:  # the table itself is not replayed yet
            rows = []
        time.sleep(0.05)
    assert rows == [("Sở Tài nguyên và Môi trường",)]
    assert replicated.on_replica("SELECT pg_is_in_recovery()") == [(True,)]


def test_the_health_check_works_for_an_application_user_without_monitoring_rights(replicated):
    # As the portal's own database user usually is: pg_stat_wal_receiver hides its status from it.
    replicated.on_primary("CREATE ROLE portal_reader LOGIN")
    replicated.on_primary("GRANT pg_read_all_data TO portal_reader")
    replicated.wait_for_replay()
    dsn = replicated.replica.dsn.replace("user=postgres", "user=portal_reader")
    with psycopg.connect(dsn, autocommit=True) as connection:
        assert connection.execute("SELECT status FROM pg_stat_wal_receiver").fetchall() == [(None,)]
        in_recovery, streaming, lag = connection.execute(HEALTH_SQL).fetchone()
    assert (in_recovery, streaming) == (True, True) and float(lag) < MAX_LAG_SECONDS


def edit_form(slug: str, title: str) -> dict:
    """The article's edit form, with a new title and the publish button."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "sapo": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
            "author": "",
            "display_date": "2026-11-20",
            "featured_image": "",
            "featured_image_alt": "",
            "attachments": inline_formset([]),
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "is_featured": "",
            "source_url": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    return {**data, "action-publish": "1"}


def test_the_editor_reads_what_they_saved_while_anonymous_readers_read_the_replica(replicated, editor):
    edit_path = f"/admin/pages/{replicated.article_id}/edit/"
    original = anonymous_title(replicated, uncached(replicated))
    assert original != EDITED
    assert editor.open(edit_path)[0] == 200

    with replay_paused(replicated):
        # The editor saves and publishes through the admin.
        status, final, body = editor.open(edit_path, edit_form(replicated.article_slug, EDITED))
        assert status == 200 and EDITED in html.unescape(body), (status, final, body[:3000])
        pin = editor.cookie(PIN_COOKIE)
        assert pin, "whoever wrote is pinned to the primary for a while"
        # The standby has not replayed the save: it still holds the old title, and an anonymous
        # reader is served from it.
        assert title_on_replica(replicated) == original
        assert anonymous_title(replicated, uncached(replicated)) == original

        # The editor's next page loads show the change: the admin, and the public page.
        status, _, page = editor.open(edit_path)
        assert status == 200 and f'value="{html.escape(EDITED)}"' in page
        assert shown_title(editor.open(uncached(replicated))[2]) == EDITED
        # So does the pin cookie alone (a citizen after sending a form, the editor's other browser).
        assert shown_title(get(replicated, uncached(replicated), **{PIN_COOKIE: pin})[2]) == EDITED

        # Except for a render the page cache keeps: it comes from the primary, or the new
        # generation would hold the old page until the next publish.
        status, headers, body = get(replicated, replicated.article_path)
        assert (status, headers["X-Cache"], shown_title(body)) == (200, "MISS", EDITED)
        status, headers, body = get(replicated, replicated.article_path)
        assert (headers["X-Cache"], shown_title(body)) == ("HIT", EDITED)

    # Replay resumed: the standby has caught up, and anonymous readers see the change.
    assert anonymous_title(replicated, uncached(replicated)) == EDITED


def title_on_replica(replicated: Replicated) -> str:
    return replicated.on_replica("SELECT title FROM wagtailcore_page WHERE id = %s", (replicated.article_id,))[0][0]


def test_a_replica_too_far_behind_is_skipped_until_it_catches_up(replicated):
    before = anonymous_title(replicated, uncached(replicated))
    with replay_paused(replicated):
        set_title_on_primary(replicated, "Tiêu đề khi bản sao bị trễ")
        started = time.monotonic()
        assert anonymous_title(replicated, uncached(replicated)) == before  # the standby, behind
        # Once it is MAX_LAG behind (seen at the next check), reads go to the primary.
        deadline = started + MAX_LAG_SECONDS + CHECK_SECONDS + 10
        while anonymous_title(replicated, uncached(replicated)) == before:
            assert time.monotonic() < deadline, "reads never left the lagging replica"
            time.sleep(0.25)
        assert time.monotonic() - started >= MAX_LAG_SECONDS - 1
        assert anonymous_title(replicated, uncached(replicated)) == "Tiêu đề khi bản sao bị trễ"


def test_a_replica_connection_dropped_under_a_request_is_retried_on_the_primary(replicated):
    path = uncached(replicated)
    time.sleep(CHECK_SECONDS + 0.1)
    anonymous_title(replicated, path)  # checks the standby afresh: fit for the next CHECK_SECONDS
    # The standby drops the portal's connection (as in a restart); the next read on it fails.
    dropped = replicated.on_replica(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    assert dropped, "the portal holds a connection to the standby"
    errors_before = logged_errors(replicated)
    status, _, body = get(replicated, path)
    assert status == 200, body[:2000]
    # It did fail on the standby (Django logged it), and the reader got the page from the primary.
    assert logged_errors(replicated) == errors_before + 1, replicated.log.read_text(errors="replace")[-3000:]
    assert get(replicated, path)[0] == 200


def logged_errors(replicated: Replicated) -> int:
    """Requests Django logged as failed (a database error is a 503: core.views.server_error)."""
    log = replicated.log.read_text(errors="replace")
    return len(re.findall(r"^(?:Internal Server Error|Service Unavailable): ", log, re.M))


def test_reads_fall_back_to_the_primary_when_the_replica_is_down(replicated):
    # The portal holds a connection to the standby (persistent): it breaks under the next request,
    # which runs again on the primary.
    anonymous_title(replicated, uncached(replicated))
    replicated.replica.halt()
    try:
        set_title_on_primary(replicated, "Tiêu đề khi bản sao ngừng")
        for _ in range(5):
            assert anonymous_title(replicated, uncached(replicated)) == "Tiêu đề khi bản sao ngừng"
        status, _, body = get(replicated, "/?xem=1")
        assert status == 200, body[:2000]
    finally:
        replicated.replica.restart()
    replicated.wait_for_replay()
    assert title_on_replica(replicated) == "Tiêu đề khi bản sao ngừng"
