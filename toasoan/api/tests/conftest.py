"""Fixtures for the open data API tests: the procedures fixtures, a clean throttle and helpers."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from toasoan.procedures.tests.conftest import (  # noqa: F401 - fixtures, re-exported for these tests
    catalogue_page,
    field_buc_xa,
    field_khcn,
    make_procedure,
)


@pytest.fixture(autouse=True)
def fresh_throttle(settings):
    """Every test starts with no request counted, at the default rate."""
    settings.TOASOAN_API_RATE = "60/min"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def restrict():
    """restrict(page): a password view restriction, making the page and its subtree private."""

    def make(page):
        return PageViewRestriction.objects.create(page=page, restriction_type="password", password="mat-khau")

    return make


@pytest.fixture
def get_json(client):
    """get_json(url, status=200) -> the decoded body, after checking the status."""

    def get(url: str, status: int = 200, **extra):
        response = client.get(url, **extra)
        assert response.status_code == status, (url, response.status_code, response.content[:500])
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get
