"""Bugs the fuzz targets found, each pinned by a plain test (docs/fuzz.md lists them)."""

import pytest
from django.test import RequestFactory

from toasoan.core.abuse import same_site

from .harness import SAME_ORIGIN


@pytest.mark.parametrize("header", ["HTTP_ORIGIN", "HTTP_REFERER"])
@pytest.mark.parametrize("value", ["http://[", "http://[::1", "//[", "https://[zz]/trang/"])
def test_malformed_origin_is_cross_site_not_an_error(header, value):
    # urlsplit raises ValueError on a bad IPv6 literal: every csrf-exempt form answered 500.
    assert same_site(RequestFactory().post("/", **{header: value})) is False


def test_same_origin_still_passes():
    assert same_site(RequestFactory().post("/", HTTP_ORIGIN=SAME_ORIGIN)) is True


def test_malformed_origin_on_a_poll_vote_is_refused(fuzz_db, client):
    from django.utils import timezone

    from toasoan.surveys.models import Poll, Vote

    poll = next(p for p in Poll.objects.all() if p.is_open_at(timezone.now()))
    before = Vote.objects.count()
    response = client.post(f"/tham-do-y-kien/{poll.slug}/binh-chon/", {"option": "1"}, HTTP_ORIGIN="http://[")
    assert response.status_code == 403 and Vote.objects.count() == before


@pytest.mark.parametrize("option", ["²", "¹²", "٣", "𝟠"])
def test_poll_option_in_other_digits_is_invalid_not_an_error(option, fuzz_db, client):
    # str.isdigit() is true for "²", which int() refuses: the vote answered 500.
    from django.utils import timezone

    from toasoan.surveys.models import Poll

    poll = next(p for p in Poll.objects.all() if p.is_open_at(timezone.now()))
    response = client.post(f"/tham-do-y-kien/{poll.slug}/binh-chon/", {"option": option}, HTTP_ORIGIN=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Phương án đã chọn không có" in response.content.decode()


@pytest.mark.parametrize("name", ["x" * 5000, "a/" + "b" * 300 + "/c.jpg", "a\x00b.jpg"])
def test_media_name_the_file_system_refuses_is_a_404(name, fuzz_db, client, tmp_path):
    # Single-server installs serve /media/ through Django: ENAMETOOLONG was a 500.
    from urllib.parse import quote

    from toasoan.core.views import media

    request = RequestFactory().get("/media/" + quote(name))
    with pytest.raises(Exception) as raised:
        media(request, name, document_root=str(tmp_path))
    assert raised.type.__name__ == "Http404"
    response = client.get("/media/" + quote(name))
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/procedures/%C3%B2/", "/api/v1/articles/abc/", "/api/v1/khong-co/"])
def test_unknown_api_url_answers_json(path, fuzz_db, client):
    # schemathesis: an id that is not a number fell through to the site's HTML 404 page.
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Không có địa chỉ này")


def test_api_urls_without_slash_still_redirect(fuzz_db, client):
    assert client.get("/api/v1/articles").status_code == 301


def test_api_filters_declare_no_control_characters(fuzz_db, client):
    # schemathesis: ?section=%06 was valid by the document and refused by the API (422).
    parameters = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/articles/"]["get"]["parameters"]
    section = next(p for p in parameters if p["name"] == "section")
    assert section["schema"]["anyOf"][0]["pattern"] == "^[^\\x00-\\x1f]*$"


@pytest.mark.parametrize("page", ["²", "³", "١٢"])
def test_page_number_in_other_digits_is_not_an_error(page, fuzz_db, client):
    # core.seo.canonical_url: "²".isdigit() is true, int("²") raises: every page with
    # {% page_meta %} answered 500 to ?page=².
    response = client.get("/ban-tin/", {"page": page})
    assert response.status_code == 200
    assert '<link rel="canonical"' in response.content.decode()


@pytest.mark.parametrize("section", ["9223372036854775808", "99999999999999999999999", "-9223372036854775809"])
def test_newsletter_section_id_out_of_range_is_refused(section, fuzz_db, client):
    # sections=2**63 made SQLite raise OverflowError in ModelMultipleChoiceField: a 500.
    from .strategies import valid_form_token

    data = {"email": "a@example.vn", "sections": [section], "consent": "on", "form_started": valid_form_token()}
    response = client.post("/ban-tin/dang-ky/", data, HTTP_ORIGIN=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Chuyên mục đã chọn không hợp lệ" in response.content.decode()
