"""Staff sessions end after 30 idle minutes or 8 hours in all; public pages set no cookie."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from freezegun import freeze_time

from toasoan.trust.testing import staff_login

PASSWORD = "Kx9!mQ2#vLp8-dai"


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.gov.vn", PASSWORD)
    return user


def minutes(n: float) -> datetime.timedelta:
    return datetime.timedelta(minutes=n)


def test_idle_timeout(client, staff):
    with freeze_time("2026-03-02 08:00") as clock:
        staff_login(client, staff)
        assert client.get("/admin/").status_code == 200
        clock.tick(minutes(29))
        assert client.get("/admin/").status_code == 200  # activity restarts the idle clock
        clock.tick(minutes(29))
        assert client.get("/admin/").status_code == 200
        clock.tick(minutes(31))
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
        assert "_auth_user_id" not in client.session
        assert "Phiên làm việc đã hết hạn" in client.get(response["Location"]).content.decode()


def test_absolute_lifetime(client, staff):
    with freeze_time("2026-03-02 08:00") as clock:
        staff_login(client, staff)
        client.get("/admin/")
        for _ in range(23):  # a request every 20 minutes: never idle, 7 h 40 min
            clock.tick(minutes(20))
            assert client.get("/admin/").status_code == 200
        clock.tick(minutes(21))
        assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_limits_come_from_settings(client, staff, settings):
    settings.TOASOAN_STAFF_IDLE_SECONDS = 5 * 60
    with freeze_time("2026-03-02 08:00") as clock:
        staff_login(client, staff)
        client.get("/admin/")
        clock.tick(minutes(6))
        assert client.get("/admin/").status_code == 302


def test_expired_session_is_anonymous_on_public_pages(client, staff, home):
    with freeze_time("2026-03-02 08:00") as clock:
        staff_login(client, staff)
        client.get("/admin/")
        clock.tick(minutes(31))
        assert client.get("/").status_code == 200
        assert "_auth_user_id" not in client.session


def test_public_get_sets_no_cookie(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_session_cookie_lives_as_long_as_the_absolute_limit(settings):
    assert settings.SESSION_COOKIE_AGE == settings.TOASOAN_STAFF_SESSION_SECONDS == 8 * 3600
    assert settings.TOASOAN_STAFF_IDLE_SECONDS == 30 * 60
