"""A PostgreSQL primary, a hot standby streaming from it, and the portal serving from both.

Session-scoped and started once: the primary gets the prepared demo database (tests/prepared.py:
bin/prepare's result, shared with the other PostgreSQL tests of the session), the standby is a
base backup of it that keeps streaming, and the portal runs as one granian process with
DATABASE_URL on the primary and DATABASE_REPLICA_URLS on the standby."""

from collections.abc import Iterator

import pytest

from tests import postgres
from tests.prepared import prepared_var_dir
from tests.servers import Server, free_port, granian

from .harness import CHECK_SECONDS, MAX_LAG_SECONDS, PIN_SECONDS, Replicated


def _start_servers() -> tuple[postgres.TempPostgres, postgres.TempPostgres]:
    try:
        primary = postgres.start_server()
    except postgres.PostgresUnavailable as error:
        if postgres.required():
            pytest.fail(str(error))
        pytest.skip(str(error))
    try:
        return primary, postgres.start_replica(primary)
    except BaseException:
        primary.stop()
        raise


# A live article of the default site, and its path there.
ARTICLE_SQL = """
SELECT page.id, page.slug, page.url_path, home.url_path
FROM wagtailcore_page page
JOIN news_articlepage article ON article.page_ptr_id = page.id
JOIN wagtailcore_site site ON site.is_default_site
JOIN wagtailcore_page home ON home.id = site.root_page_id
WHERE page.live AND page.path LIKE home.path || '%%'
ORDER BY page.id
LIMIT 1
"""


@pytest.fixture(scope="session")
def replicated(tmp_path_factory) -> Iterator[Replicated]:
    primary, replica = _start_servers()
    var_dir = tmp_path_factory.mktemp("replicas") / "var"
    server: Server | None = None
    try:
        env = prepared_var_dir(var_dir, primary)
        env.update(
            DATABASE_REPLICA_URLS=replica.url,
            TOASOAN_REPLICA_MAX_LAG_SECONDS=str(MAX_LAG_SECONDS),
            TOASOAN_REPLICA_CHECK_SECONDS=str(CHECK_SECONDS),
            TOASOAN_REPLICA_PIN_SECONDS=str(PIN_SECONDS),
        )
        server = granian(env, free_port(), var_dir / "server.log", 1).start()
        replicated = Replicated(server.url, server.log_path, primary, replica, 0, "", "")
        ((page_id, slug, url_path, home_path),) = replicated.on_primary(ARTICLE_SQL)
        replicated.article_id, replicated.article_slug = page_id, slug
        replicated.article_path = "/" + url_path.removeprefix(home_path)
        replicated.wait_for_replay()
        yield replicated
    finally:
        if server is not None:
            server.stop()
        replica.stop()
        primary.stop()
