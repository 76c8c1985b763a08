"""Which responses Django marks as shareable (Cache-Control) for our cache, nginx and CDNs."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=1, stale-if-error=86400"


def test_public_pages_are_shareable_for_anonymous_readers(client, section, make_article):
    article = make_article(section, "Tin công khai")
    for url in ("/", section.url, article.url, "/tin-theo-ngay/2022-01-10/"):
        response = client.get(url)
        assert response["Cache-Control"] == PUBLIC, url
        assert "cookie" not in response.get("Vary", "").lower(), url


def test_logged_in_users_get_private_pages(admin_client, section):
    response = admin_client.get(section.url)
    assert response["Cache-Control"] == "private, no-cache"


def test_admin_keeps_never_cache(admin_client):
    assert "no-store" in admin_client.get("/admin/")["Cache-Control"]


def test_responses_setting_a_cookie_are_private(client, home):
    response = client.get("/admin/login/")
    assert "public" not in response["Cache-Control"]


def test_junk_page_numbers_are_not_shared(client, section, make_article):
    make_article(section, "Tin một")
    assert client.get(section.url, {"page": "1"})["Cache-Control"] == PUBLIC
    for junk in ("99", "0", "abc", "-1"):
        response = client.get(section.url, {"page": junk})
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-cache", junk


def test_posts_and_errors_are_private(client, home):
    assert client.get("/khong-co-trang-nay/")["Cache-Control"] == "private, no-cache"
    assert "public" not in client.post("/tim-kiem/").get("Cache-Control", "")
