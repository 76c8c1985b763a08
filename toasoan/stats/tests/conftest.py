"""Fixtures for the stats tests: the process's counter, emptied around each test, and the real
WSGI application (page cache and counting wrapper, as gunicorn or granian load it)."""

import pytest

from toasoan.stats import counting

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


@pytest.fixture
def counter():
    counter = counting.get_counter()
    counter.drain()
    yield counter
    counter.drain()


@pytest.fixture
def application(counter):
    """toasoan.wsgi.application, with its page cache started afresh (a new, empty generation)."""
    from toasoan.wsgi import application

    inner = application
    while not hasattr(inner, "store"):
        inner = inner.app
    inner.store.bump()
    return application
