"""The session's cluster (tests/servers/cluster.py, shared with the browser tests) and a Django
process on its database that does what an editor or the clock would (tests/cluster/remote.py)."""

import pytest

from tests.servers import Publisher
from tests.servers.cluster import session_cluster


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    return session_cluster(tmp_path_factory)


@pytest.fixture(scope="session")
def remote(cluster):
    """remote("name", **kwargs): tests.cluster.remote.<name> run in a Django process on the
    cluster's database and Redis (neither application server)."""
    env = {**cluster.env, "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    with Publisher(env) as publisher:
        yield lambda name, **kwargs: publisher.call(f"tests.cluster.remote.{name}", **kwargs)
