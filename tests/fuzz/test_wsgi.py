"""The production WSGI stack in process: the page cache and the page-view counter run before Django
and read the raw environ themselves (path, query string, cookies, Referer). Raw bytes there, as a
server hands them over, must never be a 5xx or an uncaught exception."""

import io
from urllib.parse import quote

from django.core.handlers.wsgi import WSGIHandler
from hypothesis import given
from hypothesis import strategies as st

from . import harness, strategies
from .harness import fuzz_settings

PATHS = ["/", "/tim-kiem/", "/tin-theo-ngay/2022-01-10/", "/hoi-dap/", "/rss/", "/sitemap.xml", "/api/v1/articles/"]


def _latin1(raw: bytes) -> str:
    return raw.decode("latin-1")


@st.composite
def environs(draw, pages: list[str]) -> dict:
    base = draw(st.sampled_from(PATHS + pages))
    path = base.encode() + draw(st.one_of(st.just(b""), strategies.raw_bytes))
    environ = {
        "REQUEST_METHOD": draw(st.sampled_from(["GET", "GET", "HEAD", "POST", "OPTIONS"])),
        "PATH_INFO": _latin1(path),
        "QUERY_STRING": draw(strategies.raw_query(["page", "q", "utm_source", "fbclid"])),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": harness.fresh_ip(),
        "wsgi.url_scheme": draw(st.sampled_from(["http", "https"])),
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    headers = {
        "HTTP_HOST": st.sampled_from(["testserver", "TESTSERVER:80", "testserver:8000"]),
        "HTTP_COOKIE": st.one_of(st.just("sessionid=abc"), strategies.raw_bytes.map(_latin1)),
        "HTTP_REFERER": st.one_of(st.just("https://www.google.com/"), strategies.raw_bytes.map(_latin1)),
        "HTTP_USER_AGENT": st.one_of(st.just("Mozilla/5.0 (Android 14)"), strategies.raw_bytes.map(_latin1)),
        "HTTP_ACCEPT_ENCODING": st.sampled_from(["br", "gzip, deflate", "identity", "*;q=0", "br;q=abc"]),
        "HTTP_IF_NONE_MATCH": strategies.raw_bytes.map(_latin1),
        "HTTP_X_FORWARDED_FOR": strategies.raw_bytes.map(_latin1),
    }
    environ.update(draw(st.fixed_dictionaries({"HTTP_HOST": headers.pop("HTTP_HOST")}, optional=headers)))
    return environ


@fuzz_settings(scale=2)
@given(data=st.data())
def test_wsgi_stack(data, fuzz_db, page_store):
    """Each environ twice: the second may be answered by the page cache from what the first stored."""
    from toasoan.publishing import pagecache

    app = pagecache.wrap(WSGIHandler())
    pages = [quote(page) for page in ("/tin-tuc-su-kien/", "/thu-tuc-hanh-chinh/", "/van-ban/")]
    environ = data.draw(environs(pages), label="environ")
    for _ in range(2):
        harness.count("wsgi stack")
        status = []

        def start_response(line, headers, exc_info=None, status=status):
            status.append(line)

        body = app(dict(environ, **{"wsgi.input": io.BytesIO(b"")}), start_response)
        try:
            b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        code = int(status[0].split()[0])
        assert code < 500, f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']!r}?{environ['QUERY_STRING']!r}: {code}"
        harness.assert_no_logged_errors(f"WSGI {environ['PATH_INFO']!r}")
