"""The Cluster harness's configuration, without starting anything: the documented multi-server
settings, shared by every server, and `env` overriding any of them (bench/scale.py brings its own
database)."""

from types import SimpleNamespace

from tests.servers.cluster import Cluster


def test_environment_is_the_multi_server_configuration_and_env_wins(tmp_path):
    database = SimpleNamespace(url="postgres://postgres@127.0.0.1:5999/ours")
    redis = SimpleNamespace(url="redis://127.0.0.1:6999/0")
    cluster = Cluster(tmp_path, database=database, redis=redis, env={"TOASOAN_API_RATE": "10/min"})
    env = cluster._base_env()
    assert env["DATABASE_URL"] == database.url and env["REDIS_URL"] == redis.url
    assert env["TOASOAN_PAGE_CACHE_STORE"] == "redis" and env.get("TOASOAN_SEARCH_BACKEND", "tantivy") == "tantivy"
    assert env["TOASOAN_SERVE_MEDIA"] == "0" and env["TOASOAN_API_RATE"] == "10/min"
    assert env["TOASOAN_PUBLIC_PORT"] == str(cluster.nginx_port)
    assert len(env["DJANGO_SECRET_KEY"]) > 40 and env["DJANGO_SECRET_KEY"] == cluster._base_env()["DJANGO_SECRET_KEY"]

    other = Cluster(tmp_path / "b", database=database, redis=redis, env={"DATABASE_URL": "postgres://x@h/db"})
    assert other._base_env()["DATABASE_URL"] == "postgres://x@h/db"
