"""The human page /du-lieu-mo/: endpoints with examples, terms, linked from every footer."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_open_data_page_lists_endpoints_examples_and_terms(client, home, settings):
    settings.TOASOAN_API_RATE = "60/min"
    response = client.get("/du-lieu-mo/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "http://testserver/api/v1/openapi.json" in html
    for path in ("/api/v1/articles/", "/api/v1/sections/", "/api/v1/procedures/", "/api/v1/procedures/fields/"):
        assert f"GET http://testserver{path}" in html
    assert (
        'href="http://testserver/api/v1/articles/?tu_ngay=2024-01-01&amp;den_ngay=2024-12-31&amp;page_size=50"' in html
    )
    assert "60 yêu cầu mỗi phút" in html
    assert "CC BY 4.0" in html and "ghi rõ nguồn" in html
    assert "public" in response["Cache-Control"]


def test_every_footer_links_the_open_data_page(client, home):
    html = client.get(home.url).content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/du-lieu-mo/"' in footer
