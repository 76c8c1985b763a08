"""What every API answer carries: CORS for open data, shared caching without anything personal,
rate limiting per client address with a Vietnamese 429."""

import pytest
from django.core.handlers.wsgi import WSGIHandler

from toasoan.publishing import pagecache
from toasoan.publishing.pagecache.app import PageCacheApp
from toasoan.publishing.tests.wsgi_client import call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/articles/?page=0", "/api/v1/articles/9999/"])
def test_any_origin_may_read(client, home, url):
    response = client.get(url, HTTP_ORIGIN="https://du-lieu.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_answers_are_public_and_set_no_cookie(client, section, make_article):
    make_article(section, "Tin")
    response = client.get("/api/v1/articles/")
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    errors = client.get("/api/v1/articles/?page=0")
    assert "private" in errors["Cache-Control"]


def test_the_page_cache_serves_plain_lists_and_pages(page_store, section, make_article):
    make_article(section, "Tin đã lưu")
    app = PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)
    for url in ("/api/v1/articles/", "/api/v1/articles/?page=1", "/api/v1/openapi.json"):
        assert call(app, url).headers["x-cache"] == "MISS", url
        hit = call(app, url)
        assert hit.headers["x-cache"] == "HIT", url
        assert hit.headers["access-control-allow-origin"] == "*"
        assert hit.headers["content-type"].startswith("application/json")
    # Filters go to Django every time (they are not part of the cache key).
    filtered = [call(app, "/api/v1/articles/?tu_ngay=2022-01-01") for _ in range(2)]
    assert [r.status for r in filtered] == [200, 200]
    assert filtered[1].headers.get("x-cache") != "HIT"


def test_too_many_requests_get_429_with_retry_after(client, settings, home):
    settings.TOASOAN_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/sections/").status_code == 200
    response = client.get("/api/v1/articles/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["detail"].startswith(
        "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau"
    )
    assert "private" in response["Cache-Control"]
    # Another reader is not affected.
    assert client.get("/api/v1/sections/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, settings, home):
    settings.TOASOAN_API_RATE = "2/min"
    settings.TOASOAN_TRUSTED_PROXIES = ["127.0.0.1"]
    statuses = [
        client.get("/api/v1/sections/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_behind_our_proxy_each_reader_is_counted_apart(client, settings, home):
    settings.TOASOAN_API_RATE = "1/min"
    settings.TOASOAN_TRUSTED_PROXIES = ["127.0.0.1"]

    def via_proxy(reader: str) -> int:
        return client.get("/api/v1/sections/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=reader).status_code

    assert [via_proxy("203.0.113.1"), via_proxy("203.0.113.2"), via_proxy("203.0.113.1")] == [200, 200, 429]


def test_an_empty_rate_turns_the_limit_off(client, settings, home):
    settings.TOASOAN_API_RATE = ""
    assert {client.get("/api/v1/sections/").status_code for _ in range(5)} == {200}


def test_head_is_answered_like_get_without_a_body(client, section, make_article):
    make_article(section, "Tin")
    get = client.get("/api/v1/articles/")
    head = client.head("/api/v1/articles/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["Access-Control-Allow-Origin"] == "*"
    assert client.head("/api/v1/articles/?page=0").status_code == 422


def test_writes_are_refused(client, home):
    assert client.post("/api/v1/articles/", {}).status_code == 405
    assert client.delete("/api/v1/articles/").status_code == 405


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/articles/99999999999999999999999/", 404),
        ("/api/v1/sections/99999999999999999999999/", 404),
        ("/api/v1/procedures/99999999999999999999999/", 404),
        ("/api/v1/documents/99999999999999999999999/", 404),
        ("/api/v1/articles/?section=99999999999999999999999", 422),
        ("/api/v1/articles/?page=99999999999999999999999", 404),
        ("/api/v1/documents/?year=99999999999999999999999", 422),
        ("/api/v1/articles/?q=%00", 422),
        ("/api/v1/articles/?section=%00", 422),
        ("/api/v1/articles/?tag=a%0Ab", 422),
        ("/api/v1/documents/?number=%00", 422),
        ("/api/v1/procedures/?field=%00", 422),
        ("/api/v1/procedures/?q=%20%20", 200),
        ("/api/v1/articles/?q=" + "x" * 201, 422),
    ],
)
def test_junk_never_makes_a_500(client, home, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["detail"] if status != 200 else response.json()["count"] == 0


def test_control_characters_are_refused_in_vietnamese(client, home):
    body = client.get("/api/v1/articles/?q=a%00b").json()
    assert body["errors"] == [{"param": "q", "location": "query", "message": "chứa ký tự điều khiển không hợp lệ"}]
