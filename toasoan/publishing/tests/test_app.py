"""The WSGI wrapper against a stand-in application: what is stored, what is served, and how."""

import gzip

import brotli
import pytest

from toasoan.publishing.pagecache.app import PageCacheApp
from toasoan.publishing.pagecache.files import FileStore
from toasoan.publishing.pagecache.keys import KeyRules, PageKey
from toasoan.publishing.pagecache.memory import MemoryTier

from .wsgi_client import call

RULES = KeyRules(
    excluded_prefixes=("/admin/",),
    query_params=frozenset({"page"}),
    ignored_query_params=frozenset(),
    session_cookie="sessionid",
    allowed_hosts=("localhost",),
)
PUBLIC = "public, max-age=0, s-maxage=1"
BODY = ("<html><body>" + "Tin tức Sở Khoa học và Công nghệ. " * 200 + "</body></html>").encode()


class Origin:
    """Counts calls; answers with whatever the test sets."""

    def __init__(self):
        self.calls = 0
        self.status = "200 OK"
        self.headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", PUBLIC)]
        self.body = BODY

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response(self.status, list(self.headers))
        return [self.body]


@pytest.fixture
def origin():
    return Origin()


@pytest.fixture(params=["files", "memory"])
def store(request, tmp_path):
    files = FileStore(tmp_path / "pc")
    return files if request.param == "files" else MemoryTier(files, 10_000_000)


@pytest.fixture
def app(origin, store):
    return PageCacheApp(origin, store, RULES, max_bytes=1_000_000)


def test_miss_then_hit_without_the_origin(app, origin):
    first = call(app, "/tin-tuc/")
    second = call(app, "/tin-tuc/")
    assert (first.status, first.headers["x-cache"]) == (200, "MISS")
    assert (second.status, second.headers["x-cache"]) == (200, "HIT")
    assert second.body == BODY
    assert origin.calls == 1
    assert second.headers["cache-control"] == PUBLIC
    assert second.headers["vary"] == "Accept-Encoding"
    assert second.headers["content-length"] == str(len(BODY))


def test_precompressed_encodings(app):
    call(app, "/a/")
    br = call(app, "/a/", headers={"Accept-Encoding": "gzip, deflate, br"})
    gz = call(app, "/a/", headers={"Accept-Encoding": "gzip"})
    assert br.headers["content-encoding"] == "br" and brotli.decompress(br.body) == BODY
    assert gz.headers["content-encoding"] == "gzip" and gzip.decompress(gz.body) == BODY
    assert len(br.body) < len(gz.body) < len(BODY) / 5


def test_conditional_requests_get_304(app):
    first = call(app, "/a/")
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"')
    assert call(app, "/a/", headers={"If-None-Match": etag}).status == 304
    assert call(app, "/a/", headers={"If-None-Match": etag.removeprefix("W/")}).status == 304
    assert call(app, "/a/", headers={"If-None-Match": '"other"'}).status == 200
    not_modified = call(app, "/a/", headers={"If-Modified-Since": last_modified})
    assert not_modified.status == 304 and not_modified.body == b""
    assert "content-length" not in not_modified.headers
    assert call(app, "/a/", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status == 200
    assert call(app, "/a/", headers={"If-Modified-Since": "rác"}).status == 200


def test_head_is_answered_from_the_cache_without_a_body(app, origin):
    call(app, "/a/")
    head = call(app, "/a/", method="HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["content-length"] == str(len(BODY))
    assert origin.calls == 1


def test_head_miss_is_not_stored(app, origin):
    call(app, "/a/", method="HEAD")
    assert call(app, "/a/").headers["x-cache"] == "MISS"


@pytest.mark.parametrize(
    "headers",
    [
        [("Content-Type", "text/html"), ("Cache-Control", "private, no-cache")],
        [("Content-Type", "text/html")],
        [("Content-Type", "text/html"), ("Cache-Control", PUBLIC), ("Set-Cookie", "csrftoken=x; Path=/")],
        [("Content-Type", "text/html"), ("Cache-Control", "public, no-store")],
        [("Content-Type", "text/html"), ("Cache-Control", PUBLIC), ("Vary", "Authorization")],
        [("Content-Type", "application/pdf"), ("Cache-Control", PUBLIC)],
        [("Content-Type", "text/html"), ("Cache-Control", PUBLIC), ("Content-Encoding", "gzip")],
    ],
)
def test_responses_not_marked_public_or_with_cookies_are_never_stored(app, origin, headers):
    origin.headers = headers
    call(app, "/a/")
    response = call(app, "/a/")
    assert response.headers["x-cache"] == "BYPASS"
    assert origin.calls == 2


@pytest.mark.parametrize("status", ["404 Not Found", "301 Moved Permanently", "500 Internal Server Error"])
def test_only_200_is_stored(app, origin, status):
    origin.status = status
    call(app, "/a/")
    call(app, "/a/")
    assert origin.calls == 2


def test_requests_that_must_not_share_go_to_the_origin(app, origin):
    call(app, "/a/")
    for kwargs in (
        {"headers": {"Cookie": "sessionid=abc"}},
        {"method": "POST"},
        {"path": "/admin/"},
        {"path": "/a/?q=x"},
        {"path": "/a"},  # Django redirects it to "/a/": the cached "/a/" is not its answer
    ):
        kwargs.setdefault("path", "/a/")
        call(app, **kwargs)
    assert origin.calls == 6


def test_query_parameter_that_matters_is_in_the_key(app, origin):
    call(app, "/a/")
    origin.body = b"<p>trang 2</p>"
    assert call(app, "/a/?page=2").body == b"<p>trang 2</p>"
    assert call(app, "/a/?page=2").headers["x-cache"] == "HIT"
    assert call(app, "/a/").body == BODY


def test_hosts_are_kept_apart(origin, tmp_path):
    rules = KeyRules(RULES.excluded_prefixes, RULES.query_params, frozenset(), "sessionid", ("a.gov.vn", "b.gov.vn"))
    app = PageCacheApp(origin, FileStore(tmp_path), rules, 1_000_000)
    call(app, "/", host="a.gov.vn")
    origin.body = b"b"
    assert call(app, "/", host="b.gov.vn").body == b"b"
    assert call(app, "/", host="a.gov.vn").body == BODY


def test_bump_makes_every_page_stale(app, origin, store):
    call(app, "/a/")
    call(app, "/b/")
    store.bump()
    origin.body = b"<p>moi</p>"
    assert call(app, "/a/").body == b"<p>moi</p>"
    assert call(app, "/b/").body == b"<p>moi</p>"
    assert origin.calls == 4


def test_render_that_spans_a_bump_is_not_served_afterwards(store, tmp_path):
    """The race the generation scheme exists for: old content rendered, change committed, then stored."""

    def slow_origin(environ, start_response):
        store.bump()  # the editor's publish commits while this page is being rendered
        start_response("200 OK", [("Content-Type", "text/html"), ("Cache-Control", PUBLIC)])
        return [b"<p>cu</p>"]

    app = PageCacheApp(slow_origin, store, RULES, 1_000_000)
    assert call(app, "/a/").body == b"<p>cu</p>"  # this reader got what was rendered
    assert store.get(store.generation(), PageKey("localhost", "/a/")) is None
    assert store.get_static(PageKey("localhost", "/a/")) is None


def test_outage_copy_replaces_a_server_error(app, origin):
    call(app, "/a/")
    origin.status = "503 Service Unavailable"
    origin.body = b"tam thoi gian doan"
    app.store.bump()
    stale = call(app, "/a/", headers={"Accept-Encoding": "br"})
    assert (stale.status, stale.headers["x-cache"]) == (200, "STALE")
    assert brotli.decompress(stale.body) == BODY
    missing = call(app, "/never-rendered/")
    assert (missing.status, missing.body) == (503, b"tam thoi gian doan")


def test_oversized_responses_are_served_but_not_stored(origin, store):
    app = PageCacheApp(origin, store, RULES, max_bytes=100)
    assert call(app, "/a/").body == BODY
    call(app, "/a/")
    assert origin.calls == 2


def test_replayed_headers_exclude_cookies_and_hop_by_hop(app, origin):
    origin.headers = origin.headers + [("X-Frame-Options", "DENY"), ("Content-Language", "vi")]
    call(app, "/a/")
    hit = call(app, "/a/")
    assert hit.headers["x-frame-options"] == "DENY"
    assert hit.headers["content-language"] == "vi"
    assert [k for k, _ in hit.header_list].count("Content-Length") == 1
