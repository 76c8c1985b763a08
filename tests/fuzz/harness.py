"""What every fuzz target shares: how many examples to run, counting them, sending requests in
process, and the properties every response must have (no 5xx, nothing logged as an error)."""

import itertools
import logging
import os
import re
from collections import Counter
from contextlib import contextmanager

from django.test import Client
from hypothesis import HealthCheck, settings

# Examples per target: small in the normal suite, large in bench/fuzz.py.
EXAMPLES = int(os.environ.get("TOASOAN_FUZZ_EXAMPLES", "8"))

CASES: Counter = Counter()  # target name -> requests sent
ACKNOWLEDGED: Counter = Counter()  # form -> submissions acknowledged (and then found stored)
TEST_CASES: Counter = Counter()  # test function -> requests sent
SECONDS: dict[str, float] = {}
CURRENT = {"test": ""}  # the running test function (conftest sets it)
FAILED: set[str] = set()

HOST = "testserver"
SAME_ORIGIN = f"http://{HOST}"
_ips = itertools.count(1)


def fuzz_settings(scale: float = 1.0, **overrides):
    """Hypothesis settings for a target: EXAMPLES x scale examples, no deadline (a request may be
    slow on a busy machine), no example database (nothing written in the tree), derandomised in
    CI unless TOASOAN_FUZZ_RANDOM is set (the bench explores; the suite repeats)."""
    return settings(
        max_examples=max(1, int(EXAMPLES * scale)),
        deadline=None,
        database=None,
        derandomize=not os.environ.get("TOASOAN_FUZZ_RANDOM"),
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
        print_blob=True,
        **overrides,
    )


def count(target: str) -> None:
    CASES[target] += 1
    TEST_CASES[CURRENT["test"]] += 1


def fresh_ip() -> str:
    """A new client address per example, so per-IP rate limits only bite where a test wants them."""
    n = next(_ips)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # django.security logs refused hostile input (a path outside the media root, a bad Host) at
        # ERROR on purpose, with a 400: that is the behaviour wanted, not a failure.
        if not record.name.startswith("django.security."):
            self.records.append(record)


_handler = _ErrorRecords()


@contextmanager
def no_logged_errors():
    """Collect ERROR records from every logger while the test runs (Django logs every 5xx and
    uncaught exception at ERROR); `request` asserts none appeared."""
    root = logging.getLogger()
    root.addHandler(_handler)
    _handler.records.clear()
    try:
        yield
    finally:
        root.removeHandler(_handler)


def request(client: Client, target: str, method: str, path: str, **kwargs):
    """Send one request for `target`, count it, and check the properties every response has."""
    count(target)
    kwargs.setdefault("REMOTE_ADDR", fresh_ip())
    for key, value in kwargs.items():
        if key.startswith("HTTP_") and isinstance(value, str):
            # What a WSGI server hands over: the raw bytes (UTF-8 from the client) as latin-1.
            kwargs[key] = value.encode("utf-8", "surrogatepass").decode("latin-1")
    _handler.records.clear()  # only this request's records count
    form = method == "POST" and not isinstance(kwargs.get("data"), (bytes, str))
    if method in ("GET", "HEAD") or form:
        response = _send(client, method, path, kwargs)
    else:  # a raw body, sent as is (client.post would re-encode it by the content type's charset)
        response = client.generic(method, path, **kwargs)
    assert response.status_code < 500, f"{method} {path}: {response.status_code}"
    assert_no_logged_errors(f"{method} {path}")
    return response


def assert_no_logged_errors(what: str) -> None:
    errors = [f"{record.name}: {record.getMessage()[:500]}" for record in _handler.records]
    _handler.records.clear()
    assert not errors, f"{what} logged errors: {errors}"


def _send(client: Client, method: str, path: str, kwargs: dict):
    if method == "GET":
        return client.get(path, **kwargs)
    if method == "HEAD":
        return client.head(path, **kwargs)
    return client.post(path, **kwargs)


def text_of(response) -> str:
    return response.content.decode("utf-8", "replace")


_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", re.IGNORECASE)


def assert_vietnamese_message(response, marker: str) -> None:
    """A refused form comes back with its error marker and a Vietnamese message in it."""
    body = text_of(response)
    assert marker in body, f"{response.status_code}: no “{marker}” in the refused form"
    start = body.index(marker)
    assert _VIETNAMESE.search(body[start : start + 2000]), "the error message is not in Vietnamese"


def open_consultation():
    """The demo's draft open for comment."""
    from toasoan.consultation import rules
    from toasoan.consultation.models import ConsultationPage

    pages = [page for page in ConsultationPage.objects.live() if page.phase() == rules.Phase.OPEN]
    assert pages, "the demo content has no draft open for comment"
    return pages[0]
