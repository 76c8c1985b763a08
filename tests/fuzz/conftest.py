"""The fuzz suite's shared state: the demo portal, loaded once for the whole package inside a
transaction rolled back at the end (other tests never see it), and the per-target case counts
bench/fuzz.py reads (TOASOAN_FUZZ_REPORT)."""

import json
import os
import tempfile
import time

import pytest
from django.db import transaction
from django.test.utils import override_settings

from . import harness


@pytest.fixture(scope="package")
def portal(django_db_setup, django_db_blocker):
    """Every app's demo content (pages of every type, polls, drafts open for comment...)."""
    from toasoan.core.demo import load_all
    from toasoan.search.backends import reset_engines

    with (
        tempfile.TemporaryDirectory(prefix="toasoan-fuzz-") as tmp,
        override_settings(
            TOASOAN_SEARCH={"BACKEND": "tantivy", "PATH": os.path.join(tmp, "index"), "SYNC": "immediate"},
            TOASOAN_PRIVATE_MEDIA_ROOT=os.path.join(tmp, "private"),
        ),
        django_db_blocker.unblock(),
    ):
        reset_engines()
        with transaction.atomic():
            load_all()
            yield
            transaction.set_rollback(True)
    reset_engines()


@pytest.fixture
def fuzz_db(portal, db, settings, tmp_path):
    """The demo portal in a test's own savepoint, attachments in the test's own directory, and no
    API throttle (the throttle has its own tests)."""
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.TOASOAN_API_RATE = ""
    with harness.no_logged_errors():
        yield


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("TOASOAN_FUZZ_REPORT")
    if not path:
        return
    report = {
        "cases": dict(harness.CASES),
        "test_cases": dict(harness.TEST_CASES),
        "acknowledged": dict(harness.ACKNOWLEDGED),
        "seconds": dict(harness.SECONDS),
        "failed": sorted(harness.FAILED),
        "exitstatus": int(exitstatus),
        "finished": time.time(),
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    harness.CURRENT["test"] = item.originalname or item.name


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        target = item.originalname or item.name
        harness.SECONDS[target] = harness.SECONDS.get(target, 0.0) + call.duration
        if report.failed:
            harness.FAILED.add(target)
