"""Fixtures for the search tests: a real PostgreSQL server for the postgres engine."""

import pytest

from tests import postgres


@pytest.fixture(scope="session")
def postgres_dsn():
    """DSN of a database on a throwaway PostgreSQL server, started once per test session.

    Without Debian's server binaries the tests that need it skip, unless CI=true or
    TOASOAN_REQUIRE_POSTGRES=1 (bin/test sets it): then they fail, so CI cannot pass silently."""
    try:
        server = postgres.start_server()
    except postgres.PostgresUnavailable as exc:
        if postgres.required():
            pytest.fail(f"{exc} (CI=true or TOASOAN_REQUIRE_POSTGRES=1: PostgreSQL is required)", pytrace=False)
        pytest.skip(str(exc))
    try:
        yield server.dsn
    finally:
        server.stop()
