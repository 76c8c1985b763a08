"""Two application servers behind nginx (tests/servers/cluster.py) behave as one portal: a staff
session opened on one is open on the other, one publish refreshes the page cache of both, the API
limit counts the requests of both, and a scheduled page is published once although both servers
run the scheduler, and each server's own search index finds what was published anywhere. Each
check talks to each server directly and through nginx."""

import base64
import html
import http.cookiejar
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django_otp.oath import hotp

pytestmark = pytest.mark.servers

STAFF_PASSWORD = "Cum-may-chu-2026!"


class Browser:
    """A cookie jar and urllib: cookies are per host, not per port, so the session cookie that
    server A sets goes to server B and to nginx as well, as for a reader behind a load balancer."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, str, str]:
        """(status, final URL after redirects, body)"""
        return self._open(urllib.request.Request(url))

    def post(self, url: str, fields: dict[str, str]) -> tuple[int, str, str]:
        fields = {"csrfmiddlewaretoken": self.csrf_token(), **fields}
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(url, data=data, headers={"Referer": url}))

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode(errors="replace")


def get(url: str, source: str = "127.0.0.1", headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
    """One anonymous GET from the loopback address `source` (127.0.0.0/8 is all ours on Linux):
    nginx then sees a client of its own, as a reader's address."""
    parsed = urllib.parse.urlsplit(url)
    with socket.create_connection((parsed.hostname, parsed.port), timeout=60, source_address=(source, 0)) as sock:
        target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        lines = [f"GET {target} HTTP/1.1", f"Host: {parsed.netloc}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    if found.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    return int(status_line.split()[1]), found, body.decode(errors="replace")


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out, data = out + data[:size], data[size + 2 :]
    return out


def title_of(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert match, body[:500]
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


class Staff(Browser):
    """A superuser with an authenticator: logs in through the real flow, password then code."""

    def __init__(self, username: str) -> None:
        super().__init__()
        self.username = username
        self.key = b""
        self.last_step = -1

    def code(self) -> str:
        # A code works once; the portal accepts one step ahead, so a second login within the same
        # 30 s takes the next step (as tests/browser/conftest.py's totp_code does).
        if time.time() % 30 > 27:
            time.sleep(30 - time.time() % 30 + 0.2)  # not on a step boundary
        step = max(int(time.time()) // 30, self.last_step + 1)
        self.last_step = step
        return f"{hotp(self.key, step, digits=6):06d}"

    def login(self, url: str) -> None:
        # A new session each time: tests run in random order, and a session still open would
        # skip the login form (the admin sends a logged-in user straight on).
        self.cookies.clear()
        self.get(url + "/admin/login/")
        status, final, body = self.post(url + "/admin/login/", {"username": self.username, "password": STAFF_PASSWORD})
        assert status == 200 and "/admin/xac-thuc-hai-buoc/" in final, (status, final, body[:500])
        next_url = html.unescape(re.search(r'name="next" value="([^"]*)"', body).group(1))
        if "/dang-ky/" in final:  # the first login: enrol the authenticator the page shows
            secret = re.search(r'id="totp-secret"[^>]*>([^<]+)<', body).group(1).replace(" ", "")
            self.key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        status, final, body = self.post(final.split("?")[0], {"otp_token": self.code(), "next": next_url})
        assert status == 200 and "/xac-thuc-hai-buoc/" not in final.replace("/ma-du-phong/moi/", ""), (
            status,
            final,
            body[:500],
        )


@pytest.fixture(scope="module")
def staff(cluster, remote) -> Staff:
    """A new superuser, enrolled and logged in on server A."""
    staff = Staff(f"cum-{uuid.uuid4().hex[:6]}")
    remote("create_superuser", username=staff.username, password=STAFF_PASSWORD)
    staff.login(cluster.app_urls[0])
    return staff


def test_a_staff_session_opened_on_one_server_is_open_on_the_other(cluster, staff):
    a, b = cluster.app_urls
    for url in (a, b, cluster.url):
        status, final, body = staff.get(url + "/admin/")
        assert (status, final) == (200, url + "/admin/"), (url, status, final, body[:300])
        assert staff.username in body

    # Logging out on B ends the session everywhere: it lived in the shared store, not in B.
    staff.post(b + "/admin/logout/", {})
    for url in (a, cluster.url):
        status, final, _ = staff.get(url + "/admin/")
        assert status == 200 and "/admin/login/" in final, (url, final)


def test_one_publish_on_a_refreshes_the_page_cache_of_every_server(cluster, remote, staff: Staff):
    a, b = cluster.app_urls
    article = remote("articles")[0]
    path = article["path"]

    new_title = f"Tin đã sửa trên máy chủ A {uuid.uuid4().hex[:6]}"
    task_state = remote("submit_title", page_id=article["id"], title=new_title, username=staff.username)
    # Every server has the page in its per-process memory tier (the second GET is a HIT).
    old = {}
    for url in (a, b, cluster.url):
        get(url + path)
        status, headers, body = get(url + path)
        assert (status, headers.get("x-cache")) == (200, "HIT"), (url, status, headers)
        old[url] = title_of(body)
    assert set(old.values()) == {old[a]} and old[a] != new_title

    # The approver publishes on A, through the workflow's "approve" action.
    staff.login(a)
    status, _, body = staff.post(f"{a}/admin/pages/workflow/action/{article['id']}/approve/{task_state}/", {})
    assert status == 200, body[:500]

    # At once, no waiting: the first server asked renders the page again (MISS) into the new
    # generation; the others find it there (HIT) or render it too, never the old copy.
    for url in (a, b, cluster.url):
        status, headers, body = get(url + path)
        assert status == 200 and title_of(body) == new_title, (url, headers.get("x-cache"), title_of(body))
        assert headers.get("x-cache") in ("MISS", "HIT"), (url, headers)


def test_the_api_limit_counts_requests_on_every_server(cluster):
    """TOASOAN_API_RATE=10/min for the cluster: 6 requests on A and 6 on B from one address,
    the 11th and 12th are refused; through nginx, another address gets its own 10."""
    a, b = cluster.app_urls
    client = f"198.51.100.{uuid.uuid4().int % 250 + 1}"  # told by a trusted proxy (loopback)
    statuses = []
    for n, url in enumerate([a] * 6 + [b] * 6):
        statuses.append(get(f"{url}/api/v1/sections/?lan={n}", headers={"X-Forwarded-For": client})[0])
    assert statuses == [200] * 10 + [429] * 2, statuses

    source = f"127.0.{uuid.uuid4().int % 250 + 1}.{uuid.uuid4().int % 250 + 1}"
    statuses = [get(f"{cluster.url}/api/v1/sections/?lan={n}", source=source)[0] for n in range(12)]
    assert statuses == [200] * 10 + [429] * 2, statuses


def test_a_due_page_is_published_once_although_both_servers_run_the_scheduler(cluster, remote, staff):
    pages = [article["id"] for article in remote("articles")[1:4]]
    scheduled = remote("schedule", page_ids=pages, username=staff.username)
    assert scheduled["live"] == []  # scheduled, not yet live
    interval = 5  # TOASOAN_SCHEDULER_INTERVAL
    deadline = time.monotonic() + 12 * interval  # slow machines: a tick may wait for a long job
    while not all(p["live"] for p in remote("publications", page_ids=pages).values()):
        assert time.monotonic() < deadline, remote("publications", page_ids=pages)
        time.sleep(0.5)
    time.sleep(interval + 1)  # both schedulers have had a turn since
    for page_id, state in remote("publications", page_ids=pages).items():
        assert state["live"] and state["scheduled_publishes"] == 1, (page_id, state)


def search_finds(url: str, word: str) -> bool:
    """Whether a result's title holds `word` (the page also repeats the query itself)."""
    status, _, body = get(f"{url}/tim-kiem/?q={word}")
    assert status == 200, (url, status)
    titles = re.findall(r'class="result__title"><a [^>]*>(.*?)</a>', body, re.S)
    return any(word in html.unescape(title) for title in titles)


def test_search_on_every_server_finds_what_any_committed_even_out_of_order(cluster, remote, staff):
    """Each server searches its own tantivy index, which follows the database's changes
    (toasoan/search/follow.py). Transaction ids are taken at the first write but commits land in
    any order: here an older transaction commits after a younger one that every scheduler has
    seen. A follower that kept the highest id it had read would skip the older one for ever."""
    import psycopg

    older_article, younger_article = remote("news_articles")[5:7]
    older_word, younger_word = (f"kiemtra{uuid.uuid4().hex[:8]}" for _ in range(2))
    with psycopg.connect(cluster.postgres.url.replace("postgres://", "postgresql://")) as held:
        # What search.services.index_object writes, in a transaction left open: the entry and a
        # change row stamped with this transaction's id.
        held.execute(
            "UPDATE search_searchentry SET title = %s WHERE page_id = %s", [f"Tin {older_word}", older_article["id"]]
        )
        held.execute(
            "INSERT INTO search_searchchange (content_type_id, object_id, xid, created_at)"
            " SELECT content_type_id, object_id, pg_current_xact_id()::text::bigint, now()"
            " FROM search_searchentry WHERE page_id = %s",
            [older_article["id"]],
        )
        # A younger transaction publishes and commits; both schedulers get a tick meanwhile.
        remote("publish_title", page_id=younger_article["id"], title=f"Tin {younger_word}", username=staff.username)
        time.sleep(5 + 1)  # TOASOAN_SCHEDULER_INTERVAL
        held.commit()

    deadline = time.monotonic() + 60  # a tick may wait behind another job on a slow machine
    for url in (*cluster.app_urls, cluster.url):
        for word in (younger_word, older_word):
            while not search_finds(url, word):
                assert time.monotonic() < deadline, (url, word, "not found")
                time.sleep(0.5)


def test_a_rebuild_on_one_server_rebuilds_every_server_index(cluster, remote):
    """After a restore the entries are other rows, with no change recorded: the rebuild that
    manage.py restore and reindex end with tells every server to index everything again."""
    import psycopg

    article = remote("news_articles")[8]
    word = f"phuchoi{uuid.uuid4().hex[:8]}"
    with psycopg.connect(cluster.postgres.url.replace("postgres://", "postgresql://")) as conn:
        conn.execute("UPDATE search_searchentry SET title = %s WHERE page_id = %s", [f"Tin {word}", article["id"]])
    assert not search_finds(cluster.app_urls[1], word)  # no change row: nobody follows this

    remote("rebuild_search_index")
    deadline = time.monotonic() + 60
    for url in cluster.app_urls:
        while not search_finds(url, word):
            assert time.monotonic() < deadline, (url, word, "not found")
            time.sleep(0.5)


def test_nginx_skips_a_server_that_is_down(cluster):
    """A rolling restart: while B is stopped, every request through nginx is answered (by A);
    then B starts again and serves."""
    b = cluster.apps[1]
    b.stop()
    try:
        for n in range(6):  # search results are never cached: each request reaches a server
            status, headers, _ = get(f"{cluster.url}/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch+{n}")
            assert status == 200, (n, status, headers)
    finally:
        b.start(timeout=120)
    assert get(b.url + "/")[0] == 200
