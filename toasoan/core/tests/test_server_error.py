"""When the database is gone, what still needs it says so in Vietnamese, with a 503."""

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_without_raise():
    return Client(raise_request_exception=False)


def test_database_outage_gives_the_vietnamese_503_page(client_without_raise, home, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("unable to open database file")

    monkeypatch.setattr("toasoan.search.selectors.search", broken)
    response = client_without_raise.get("/tim-kiem/", {"q": "thủ tục"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "tạm thời gián đoạn" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_form_posts_during_an_outage_get_503(client_without_raise, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.contrib.auth.forms.authenticate", broken)
    client_without_raise.get("/admin/login/")
    response = client_without_raise.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 503
    assert "tạm thời gián đoạn" in response.content.decode()


def test_other_errors_stay_500(client_without_raise, monkeypatch, home):
    def broken(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr("toasoan.search.selectors.search", broken)
    response = client_without_raise.get("/tim-kiem/", {"q": "a"})
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
