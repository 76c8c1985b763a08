"""Security headers on every response (issue 7, item 1): public pages from Django and from the
page cache (miss, hit, outage copy), error pages, static files, the API, security.txt, the admin
with its own policy; and `manage.py check --deploy` clean with the production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.wsgi import get_wsgi_application

from toasoan.news.models import ArticlePage, SectionPage
from toasoan.publishing import pagecache
from toasoan.publishing.tests.wsgi_client import call
from toasoan.trust.headers import admin_policy, public_headers, public_policy
from toasoan.trust.testing import staff_login

REPO = Path(__file__).resolve().parents[3]
PERMISSIONS_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_common_headers(headers) -> None:
    """What every response carries, whatever its policy: `headers` maps names (any case) to values."""
    get = {k.lower(): v for k, v in headers.items()}.get
    assert get("x-content-type-options") == "nosniff"
    assert get("referrer-policy") == "strict-origin-when-cross-origin"
    assert get("cross-origin-opener-policy") == "same-origin"
    assert get("x-frame-options") == "DENY"
    features = dict(item.strip().split("=", 1) for item in get("permissions-policy").split(","))
    for feature in PERMISSIONS_OFF:
        assert features[feature] == "()", feature
    policy = directives(get("content-security-policy"))
    # Strict in both policies, admin included.
    assert policy["frame-ancestors"] in (["'none'"], ["'self'"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def assert_public_headers(headers) -> None:
    assert_common_headers(headers)
    get = {k.lower(): v for k, v in headers.items()}.get
    policy = directives(get("content-security-policy"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no nonce, no other origin
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in get("content-security-policy")
    assert get("content-security-policy") == public_policy()


@pytest.fixture
def wsgi(page_store):
    """The WSGI application readers reach: the page cache in front of Django."""
    return pagecache.wrap(get_wsgi_application())


@pytest.fixture
def article(make_article, section):
    return make_article(section, "Thông báo lịch tiếp công dân tháng 12")


def test_public_page_from_django_then_from_the_page_cache(wsgi, article):
    miss = call(wsgi, article.url)
    assert (miss.status, miss.headers["x-cache"]) == (200, "MISS")
    assert_public_headers(miss.headers)
    hit = call(wsgi, article.url)
    assert (hit.status, hit.headers["x-cache"]) == (200, "HIT")
    assert_public_headers(hit.headers)
    names = [name.lower() for name, _ in hit.header_list]
    assert len(names) == len(set(names))  # replaced, not repeated
    revalidated = call(wsgi, article.url, headers={"If-None-Match": hit.headers["etag"]})
    assert revalidated.status == 304
    assert_public_headers(revalidated.headers)


def test_a_copy_stored_under_an_older_policy_is_served_with_todays(settings, page_store, article):
    project_policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'", "'unsafe-inline'"]}}
    older = pagecache.wrap(get_wsgi_application())
    assert "unsafe-inline" in call(older, article.url).headers["content-security-policy"]  # stored so

    settings.CONTENT_SECURITY_POLICY = project_policy
    hit = call(pagecache.wrap(get_wsgi_application()), article.url)
    assert hit.headers["x-cache"] == "HIT"
    assert_public_headers(hit.headers)


def test_outage_copy(wsgi, page_store, article, section, monkeypatch):
    assert call(wsgi, article.url).headers["x-cache"] == "MISS"  # writes the outage copy
    page_store.bump()  # a content change: the cached page is gone, the outage copy stays

    def database_down(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("database is locked")

    monkeypatch.setattr(ArticlePage, "serve", database_down)
    stale = call(wsgi, article.url)
    assert (stale.status, stale.headers["x-cache"]) == (200, "STALE")
    assert_public_headers(stale.headers)
    # A page without a copy: the app's own 503 page, with the headers too.
    monkeypatch.setattr(SectionPage, "serve", database_down)
    down = call(wsgi, section.url)
    assert (down.status, down.headers["x-cache"]) == (503, "BYPASS")
    assert_public_headers(down.headers)


def test_error_pages(client, home, monkeypatch, article):
    not_found = client.get("/khong-co-trang-nay/")
    assert not_found.status_code == 404
    assert_public_headers(not_found.headers)

    def broken(*args, **kwargs):
        raise RuntimeError("lỗi thử nghiệm")

    monkeypatch.setattr(ArticlePage, "serve", broken)
    client.raise_request_exception = False
    error = client.get(article.url)
    assert error.status_code == 500
    assert_public_headers(error.headers)


def test_static_file(settings, client):
    # WhiteNoise reads these when the client builds its middleware: files straight from the apps.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/core/css/site.css")
    assert response.status_code == 200
    assert_public_headers(response.headers)


def test_api_and_security_txt(client, home):
    api = client.get("/api/v1/")
    assert api.status_code == 200
    assert api["Content-Type"].startswith("application/json")
    assert_public_headers(api.headers)
    txt = client.get("/.well-known/security.txt")
    assert txt.status_code == 200
    assert_public_headers(txt.headers)


def test_admin_has_its_own_policy(client, home):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.gov.vn", "mat-khau-rat-dai-123")
    staff_login(client, user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_common_headers(response.headers)
    policy = directives(response["Content-Security-Policy"])
    assert response["Content-Security-Policy"] == admin_policy()
    # Wagtail's inline scripts and style attributes, its same-origin preview frames.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-src"] == policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    login = client.get("/admin/login/")
    assert login["Content-Security-Policy"] == admin_policy()


def test_cookies_are_httponly_and_samesite(client, home):
    client.get("/admin/login/")
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


def test_cache_headers_registered_are_the_public_ones():
    """What the page cache adds to its answers is what Django sends on a public page."""
    assert dict(pagecache._fixed_headers()) == dict(public_headers())


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TOASOAN_"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "skhcn.example.gov.vn",
        "DATABASE_URL": "sqlite:///:memory:",
        **extra,
    }


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = _production_env(TOASOAN_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (" in result.stdout, result.stdout + result.stderr


def test_production_headers_and_cookies(tmp_path):
    """The production settings as Django reads them: Secure + HttpOnly + SameSite cookies, HSTS,
    upgrade-insecure-requests for the public site and the admin."""
    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "from toasoan.trust.headers import admin_policy, public_headers, public_policy;"
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SAMESITE',"
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT')}"
        " | {'public': public_policy(), 'admin': admin_policy(), 'cache': dict(public_headers())}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=_production_env(TOASOAN_VAR_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"]
    assert "upgrade-insecure-requests" in directives(values["public"])
    assert "upgrade-insecure-requests" in directives(values["admin"])
    # nginx sends the same policy and HSTS on the files it serves over https; the page cache
    # sends HSTS on its hits whenever they were stored.
    nginx = nginx_values()
    assert nginx["csp https"] == values["public"]
    assert nginx["hsts https"] == values["cache"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def nginx_values() -> dict[str, str]:
    """The header values deploy/nginx repeats for the responses it makes itself."""
    import re

    conf = (REPO / "deploy" / "nginx" / "toasoan.conf").read_text()
    csp_map = re.search(r"map \$scheme \$toasoan_csp \{(.*?)\}", conf, re.S).group(1)
    snippet = (REPO / "deploy" / "nginx" / "security-headers.conf").read_text()
    fixed = dict(re.findall(r'^add_header ([\w-]+) "?([^"$]*?)"? always;$', snippet, re.M))
    hsts_map = re.search(r"map \$scheme \$toasoan_hsts \{(.*?)\}", conf, re.S).group(1)
    return {
        "hsts https": re.search(r'https "([^"]*)";', hsts_map).group(1),
        "csp https": re.search(r'https "([^"]*)";', csp_map).group(1),
        "csp http": re.search(r'default "([^"]*)";', csp_map).group(1),
        **fixed,
    }


def test_nginx_repeats_the_apps_public_headers():
    """The values in deploy/nginx are the app's (test_nginx.py compares them on live responses)."""
    values = nginx_values()
    assert values["csp http"] == public_policy()
    for name, value in public_headers():
        if name != "Content-Security-Policy":
            assert values[name] == value, name


def test_admin_policy_replaces_the_one_a_preview_rendered_with(rf):
    """Wagtail renders a preview through the middleware with a dummy request for the page's public
    URL: under /admin/ the admin's policy (frame-ancestors 'self') must win, or the preview panel
    could not frame it."""
    from django.http import HttpResponse

    from toasoan.trust.headers import SecurityHeadersMiddleware

    def preview(request):
        inner = SecurityHeadersMiddleware(lambda r: HttpResponse("<p>xem trước</p>"))
        return inner(rf.get("/tin-tuc/bai-viet/"))  # what make_preview_request does

    public = SecurityHeadersMiddleware(lambda r: HttpResponse())(rf.get("/tin-tuc/bai-viet/"))
    assert public["Content-Security-Policy"] == public_policy()
    response = SecurityHeadersMiddleware(preview)(rf.get("/admin/pages/8/edit/preview/"))
    assert response["Content-Security-Policy"] == admin_policy()


def _check_headers_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_headers", REPO / "scripts" / "check_headers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_header_check_script_grades_what_django_sends(client, home, article):
    """scripts/check_headers.py against the test client: every header of a page passes, and a
    weakened policy, a missing header or a permissive value fails."""
    script = _check_headers_script()
    response = client.get(article.url)
    result = script.grade("http://testserver" + article.url, "page", response.status_code, response.headers)
    assert result.ok, result.grades
    assert result.grades["Strict-Transport-Security"] == "n/a"  # graded on https only

    weakened = dict(response.headers)
    weakened["Content-Security-Policy"] = public_policy().replace(
        "script-src 'self'", "script-src 'self' 'unsafe-inline'"
    )
    weakened["Permissions-Policy"] = "camera=(self)"
    del weakened["X-Content-Type-Options"]
    bad = script.grade("https://example.gov.vn/", "page", 200, weakened)
    assert not bad.ok
    assert "unsafe-inline" in bad.grades["Content-Security-Policy"]
    assert bad.grades["X-Content-Type-Options"] == "missing"
    assert bad.grades["Permissions-Policy"].startswith("not off: camera")
    assert bad.grades["Strict-Transport-Security"] == "missing"
    # The admin may run inline code, not the public site.
    admin = script.grade(
        "http://testserver/admin/login/", "admin", 200, {**weakened, "X-Content-Type-Options": "nosniff"}
    )
    assert admin.grades["Content-Security-Policy"] == "ok"


def test_header_check_script_follows_the_sitemap(client, home, article):
    script = _check_headers_script()

    def fetcher(url):
        response = client.get(url.removeprefix("http://testserver"))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, response.headers, body

    results = script.check("http://testserver", fetcher=fetcher)
    kinds = {r.kind for r in results}
    assert {"sitemap", "page", "page again", "404", "api", "robots", "security.txt", "admin"} <= kinds
    assert "http://testserver" + article.url in {r.url for r in results}
    failed = [(r.url, r.grades) for r in results if not r.ok]
    assert failed == []
