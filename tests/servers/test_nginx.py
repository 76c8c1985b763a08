"""nginx with the shipped configuration (deploy/nginx) in front of the real portal (bin/prepare,
bin/serve on a throw-away var directory): cached pages from disk, a publish visible on the next
request (its speed: bench/serve.py), what must reach the app, static and media files, and the
portal with the app down."""

import gzip
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest

from tests.prepared import prepared_var_dir
from tests.servers import REPO, Publisher, Server, free_port, portal, request
from tests.servers.nginx import Nginx, require_nginx
from toasoan.publishing.pagecache.files import FileStore

pytestmark = pytest.mark.servers

SECTION = "/cai-cach-hanh-chinh/"  # the demo's seed section: 13 articles, so a ?page=2
CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-if-error=86400"


@dataclass
class Stack:
    var: Path
    env: dict[str, str]
    app: Server
    nginx: Nginx
    articles: list[str]

    def get(self, path: str, method: str = "GET", **headers: str):
        return request(
            self.nginx.url, path, method=method, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )

    def bump(self) -> None:
        """What a content change does to the page cache: a new, empty generation."""
        FileStore(self.var / "pagecache").bump()

    def wait_for_outage_copy(self, path: str, timeout: float = 30) -> None:
        copy = self.var / "pagecache" / "static" / "127.0.0.1" / path.strip("/") / "index.html.meta"
        deadline = time.monotonic() + timeout
        while not copy.exists():
            assert time.monotonic() < deadline, f"no outage copy of {path} after {timeout}s"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    binary = require_nginx()
    var = tmp_path_factory.mktemp("portal") / "var"
    env = prepared_var_dir(var)
    app = portal(env, free_port(), var / "server.log").start()
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), app.url.removeprefix("http://"), var)
    try:
        nginx.start(binary)
        status, _, body = request(app.url, SECTION)
        assert status == 200
        articles = sorted(set(re.findall(rf'href="({SECTION}[a-z0-9-]+/)"', body.decode())))
        assert len(articles) >= 3, articles
        yield Stack(var, env, app, nginx, articles)
    finally:
        nginx.stop()
        app.stop()
        print(nginx.error_log()[-3000:])


def test_rendered_config_is_stable_and_keeps_the_apps_errors():
    args = ["--listen", "127.0.0.1:8080", "--upstream", "127.0.0.1:8000", "--var", "/var/lib/toasoan"]
    first = subprocess.run([REPO / "bin" / "nginx-config", *args], check=True, capture_output=True, text=True).stdout
    second = subprocess.run([REPO / "bin" / "nginx-config", *args], check=True, capture_output=True, text=True).stdout
    assert first == second
    directives = re.sub(r"(?m)#.*$", "", first)
    assert not re.search(r"@[A-Z_]+@", directives)  # every placeholder filled in
    assert "root /var/lib/toasoan/pagecache/current;" in directives
    # The app's own 500/503 pages must reach the reader: nginx only replaces its own 502/504.
    assert "proxy_intercept_errors" not in directives
    assert "open_file_cache" not in directives  # a publish must show at once
    bad = subprocess.run([REPO / "bin" / "nginx-config", "--listen", "80;", *args[2:]], capture_output=True)
    assert bad.returncode == 2


def test_page_comes_from_the_app_then_from_nginx(stack):
    path = stack.articles[0]
    stack.wait_for_outage_copy(path)  # the scheduler's first pass rendered every page: let it finish
    stack.bump()

    status, headers, page = stack.get(path)
    assert status == 200
    assert headers["X-Cache"] == "MISS"  # rendered by the app, through nginx

    status, headers, body = stack.get(path)
    assert (status, headers["X-Cache"]) == (200, "nginx")
    assert body == page
    assert "Content-Encoding" not in headers
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == CACHE_CONTROL
    assert headers["Vary"] == "Accept-Encoding"
    assert headers["X-Content-Type-Options"] == "nosniff"

    status, headers, body = stack.get(path, Accept_Encoding="gzip, deflate, br")
    assert (status, headers["X-Cache"], headers["Content-Encoding"]) == (200, "nginx", "br")
    assert brotli.decompress(body) == page
    status, headers, body = stack.get(path, Accept_Encoding="gzip")
    assert (status, headers["X-Cache"], headers["Content-Encoding"]) == (200, "nginx", "gzip")
    assert gzip.decompress(body) == page

    status, headers, body = stack.get(path, method="HEAD")
    assert (status, headers["X-Cache"], body) == (200, "nginx", b"")

    _, headers, _ = stack.get(path)
    status, _, body = stack.get(path, If_None_Match=headers["ETag"])
    assert (status, body) == (304, b"")
    status, _, body = stack.get(path, If_Modified_Since=headers["Last-Modified"])
    assert (status, body) == (304, b"")


def test_publish_shows_through_nginx_at_once(stack):
    """The cache is invalidated when the publish commits: the first request after it gets the new
    page. (How fast that is lives in bench/, not here: timings fail on a busy machine.)"""
    path = stack.articles[1]
    stack.get(path)
    assert stack.get(path)[1]["X-Cache"] == "nginx"
    title = f"Bài đã sửa tiêu đề lúc {time.time_ns()}"
    with Publisher(stack.env) as publisher:
        publisher.publish_title(path, title)
        status, headers, body = stack.get(path)
    assert status == 200 and title in body.decode()
    status, headers, body = stack.get(path)
    assert (status, headers["X-Cache"]) == (200, "nginx") and title in body.decode()


def test_requests_for_the_app_reach_it(stack):
    path = stack.articles[2]
    stack.get(path)
    assert stack.get(path)[1]["X-Cache"] == "nginx"
    assert stack.get(path, Cookie="consent=1; theme=dark")[1]["X-Cache"] == "nginx"

    # Maybe logged in: never a shared copy.
    for cookie in ("sessionid=abc", "consent=1; sessionid=abc", "consent=1;sessionid="):
        status, headers, _ = stack.get(path, Cookie=cookie)
        assert headers.get("X-Cache") != "nginx", cookie
    status, headers, _ = stack.get(path, method="POST")
    assert headers.get("X-Cache") != "nginx"
    assert status == 403  # Django's CSRF check: the app answered
    for _ in range(2):
        status, headers, _ = stack.get(path + "?x=1")
        assert status == 200 and headers.get("X-Cache") != "nginx"

    stack.get("/")
    status, headers, home = stack.get("/")
    assert (status, headers["X-Cache"]) == (200, "nginx") and b'lang="vi"' in home

    stack.get(SECTION + "?page=2")
    status, headers, second = stack.get(SECTION + "?page=2")
    assert (status, headers["X-Cache"]) == (200, "nginx")
    assert second != stack.get(SECTION)[2]

    # An unknown page is the app's own 404, not the maintenance page.
    status, headers, body = stack.get("/khong-co-trang-nay/")
    assert status == 404 and "Dịch vụ tạm thời gián đoạn" not in body.decode()


def test_feeds_and_other_cached_files(stack):
    """Not every cached body is a page: nginx finds feeds and sitemaps by their extension, in the
    order the app's store reads them (html, rss, atom, xml, json, txt)."""
    live = stack.var / "pagecache" / "current" / "127.0.0.1"
    files = {
        "/rss/": ("index.rss", "application/rss+xml; charset=utf-8"),
        "/atom/": ("index.atom", "application/atom+xml; charset=utf-8"),
        "/sitemap.xml": ("index.xml", "application/xml; charset=utf-8"),
        "/api/tin.json": ("index.json", "application/json; charset=utf-8"),
        "/robots.txt": ("index.txt", "text/plain; charset=utf-8"),
        "/rss/?page=2": ("index-page-2.rss", "application/rss+xml; charset=utf-8"),
    }
    for path, (name, _) in files.items():
        directory = live / path.split("?")[0].strip("/")
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(f"<x>Bản tin {name}</x>", encoding="utf-8")
    for path, (name, content_type) in files.items():
        status, headers, body = stack.get(path)
        assert (status, headers["X-Cache"], headers["Content-Type"]) == (200, "nginx", content_type), path
        assert body.decode() == f"<x>Bản tin {name}</x>"
        assert headers["Cache-Control"] == CACHE_CONTROL
    # Outside the slug alphabet: the app decides (here: no such page), with the URI as sent.
    for path in ("/RSS/", "/r%3Fss/", "/rss/?page=2&x=1"):
        status, headers, _ = stack.get(path)
        assert headers.get("X-Cache") != "nginx", path
    assert stack.get("/khong-co-trang-nay/?page=2")[0] == 404


def test_cache_metadata_is_not_reachable(stack):
    path = stack.articles[0]
    stack.get(path)
    live = stack.var / "pagecache" / "current" / "127.0.0.1" / path.strip("/") / "index.html.meta"
    assert live.exists()
    for probe in (
        f"{path}index.html.meta",
        f"/127.0.0.1{path}index.html.meta",
        f"/current/127.0.0.1{path}index.html.meta",
        f"/pagecache/current/127.0.0.1{path}index.html.meta",
        f"/static/../pagecache/current/127.0.0.1{path}index.html.meta",
        f"/media/../pagecache/static/127.0.0.1{path}index.html.meta",
        f"/static/..%2fpagecache/current/127.0.0.1{path}index.html.meta",
    ):
        status, _, body = stack.get(probe)
        assert b'"etag"' not in body and status != 200, probe


def test_static_and_media_files(stack):
    css = stack.var / "static" / "core" / "css"
    hashed = next(p.name for p in css.iterdir() if re.fullmatch(r"site\.[0-9a-f]{12}\.css", p.name))
    status, headers, _ = stack.get(f"/static/core/css/{hashed}", Accept_Encoding="br")
    assert (status, headers["Content-Encoding"]) == (200, "br")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Type"].startswith("text/css")
    status, headers, _ = stack.get("/static/core/css/site.css")
    assert status == 200 and "immutable" not in headers["Cache-Control"]
    assert stack.get("/static/core/css/khong-co.css")[0] == 404

    (stack.var / "media" / "documents").mkdir(parents=True, exist_ok=True)
    (stack.var / "media" / "documents" / "bao-cao.pdf").write_bytes(b"%PDF-1.4 private")
    (stack.var / "media" / "images").mkdir(parents=True, exist_ok=True)
    (stack.var / "media" / "images" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert stack.get("/media/documents/bao-cao.pdf")[0] == 403
    assert stack.get("/media/images/../documents/bao-cao.pdf")[0] == 403
    assert stack.get("/media//documents/bao-cao.pdf")[0] == 403
    assert stack.get("/media/%64ocuments/bao-cao.pdf")[0] == 403
    status, headers, body = stack.get("/media/images/anh.png")
    assert (status, body) == (200, b"\x89PNG\r\n\x1a\n")


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def _security(headers) -> dict[str, list[str]]:
    return {name: headers.get_all(name) or [] for name in SECURITY_HEADERS}


def test_security_headers_on_everything_nginx_serves(stack):
    """deploy/nginx/security-headers.conf repeats the app's public headers (toasoan/trust/headers.py)
    on what nginx serves itself, exactly once, and adds nothing to what the app answers."""
    path = stack.articles[1]
    stack.bump()
    status, from_app, _ = stack.get(path)
    assert (status, from_app["X-Cache"]) == (200, "MISS")
    expected = _security(from_app)
    assert all(len(values) == 1 for values in expected.values()), expected  # nginx added none
    assert "'unsafe-inline'" not in expected["Content-Security-Policy"][0]

    status, from_files, _ = stack.get(path)
    assert (status, from_files["X-Cache"]) == (200, "nginx")
    assert _security(from_files) == expected
    assert "Strict-Transport-Security" not in from_files  # plain http here: no HSTS

    _, headers, _ = stack.get(path, If_None_Match=from_files["ETag"])
    assert _security(headers) == expected  # 304 too
    css = next((stack.var / "static" / "core" / "css").glob("site.????????????.css"))
    (stack.var / "media" / "images").mkdir(parents=True, exist_ok=True)
    (stack.var / "media" / "images" / "tieu-de.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for probe, status in (
        (f"/static/core/css/{css.name}", 200),
        ("/static/core/css/site.css", 200),
        ("/static/core/css/khong-co.css", 404),
        ("/media/images/tieu-de.png", 200),
        ("/media/documents/bao-cao.pdf", 403),
    ):
        got, headers, _ = stack.get(probe)
        assert got == status, probe
        assert _security(headers) == expected, probe

    # The admin's own policy passes through unchanged, alone.
    status, headers, _ = stack.get("/admin/login/")
    assert status == 200
    assert len(headers.get_all("Content-Security-Policy")) == 1
    assert "'unsafe-inline'" in headers["Content-Security-Policy"]


def test_header_check_through_nginx(stack, capsys):
    """scripts/check_headers.py through nginx: every sitemap page (twice: the second from the
    files), errors, static, API, security.txt, the admin."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_headers", REPO / "scripts" / "check_headers.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    results = script.check(stack.nginx.url)
    assert script.report(results, stack.nginx.url), capsys.readouterr().out
    assert {"nginx"} <= {r.cache for r in results}
    assert len([r for r in results if r.kind == "page"]) >= 20


def test_with_the_app_down_pages_stay_readable(stack):
    path = stack.articles[0]
    css = next((stack.var / "static" / "core" / "css").glob("site.????????????.css"))
    _, _, page = stack.get(path)
    stack.wait_for_outage_copy(path)
    stack.app.stop()
    stack.bump()  # as after a last publish: nothing left in the live generation

    status, headers, body = stack.get(path)
    assert (status, headers["X-Cache"]) == (200, "STALE")
    assert body == page
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert _security(headers) == _security(stack.get(f"/static/core/css/{css.name}")[1])
    status, headers, body = stack.get(path, Accept_Encoding="br")
    assert (status, headers["Content-Encoding"]) == (200, "br")
    assert brotli.decompress(body) == page

    for method, probe in (("GET", "/khong-co-trang-nay/"), ("POST", path), ("GET", path + "?q=1"), ("GET", "/admin/")):
        status, headers, body = stack.get(probe, method=method)
        assert status == 503, (method, probe)
        text = body.decode()
        assert '<html lang="vi">' in text and "Dịch vụ tạm thời gián đoạn" in text, probe
        assert "<script" not in text and "<style" not in text and "style=" not in text
        assert headers["Retry-After"] == "60"
        assert all(len(values) == 1 for values in _security(headers).values()), probe

    assert stack.get(f"/static/core/css/{css.name}")[0] == 200
