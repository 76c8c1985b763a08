"""The embedded (files) and multi-server (Redis, a real redis-server) stores keep one contract."""

import time

import pytest

from toasoan.publishing.pagecache.app import PageCacheApp
from toasoan.publishing.pagecache.entry import build
from toasoan.publishing.pagecache.files import FileStore
from toasoan.publishing.pagecache.keys import KeyRules, PageKey
from toasoan.publishing.pagecache.memory import MemoryTier
from toasoan.publishing.pagecache.redis_store import RedisStore

from .wsgi_client import call

HTML = [("Content-Type", "text/html; charset=utf-8")]


def entry(text: str):
    return build(f"<p>{text}</p>".encode(), HTML, time.time())


@pytest.fixture(params=["files", "redis"])
def store(request, tmp_path):
    if request.param == "files":
        return FileStore(tmp_path / "pc")
    return RedisStore(request.getfixturevalue("redis_url"))


def test_put_get_and_bump(store):
    key = PageKey("localhost", "/tin-tuc/", "-page-2")
    generation = store.generation()
    assert store.generation() == generation
    assert store.get(generation, key) is None
    store.put(generation, key, entry("một"))
    got = store.get(generation, key)
    assert got.body == b"<p>m\xe1\xbb\x99t</p>" and got.gzip and got.brotli
    new = store.bump()
    assert new != generation and store.generation() == new
    assert store.get(new, key) is None


def test_outage_copies_survive_bumps_and_can_be_withdrawn(store):
    article, sibling = PageKey("localhost", "/tin/bai-a/"), PageKey("localhost", "/tin/bai-b/")
    section, other_host = PageKey("localhost", "/tin/"), PageKey("so.gov.vn", "/tin/bai-a/")
    for key in (article, sibling, section, other_host):
        store.put(store.generation(), key, entry(key.path))
    store.bump()
    assert store.get_static(article).body == b"<p>/tin/bai-a/</p>"
    assert set(store.static_hosts()) == {"localhost", "so.gov.vn"}

    store.drop_static("/tin/bai-a/", descendants=False)
    assert store.get_static(article) is None and store.get_static(other_host) is None
    assert store.get_static(sibling) is not None

    store.drop_static("/tin/", descendants=True)
    assert store.get_static(sibling) is None and store.get_static(section) is None


def test_a_stale_render_does_not_overwrite_the_outage_copy(store):
    key = PageKey("localhost", "/a/")
    old = store.generation()
    store.put(old, key, entry("v1"))
    store.bump()
    store.put(old, key, entry("rendered before the change"))
    assert store.get_static(key).body == b"<p>v1</p>"


def test_two_servers_sharing_redis_see_one_publish(redis_url):
    """Each app server has its own memory tier; a bump on one is seen by the other at once."""
    rules = KeyRules(("/admin/",), frozenset({"page"}), frozenset(), "sessionid", ("localhost",))
    versions = {"body": b"<p>v1</p>"}

    def origin(environ, start_response):
        start_response("200 OK", HTML + [("Cache-Control", "public, max-age=0")])
        return [versions["body"]]

    first = PageCacheApp(origin, MemoryTier(RedisStore(redis_url), 10_000_000), rules, 1_000_000)
    second = PageCacheApp(origin, MemoryTier(RedisStore(redis_url), 10_000_000), rules, 1_000_000)
    assert call(first, "/a/").headers["x-cache"] == "MISS"
    assert call(second, "/a/").headers["x-cache"] == "HIT"  # stored by the first server
    assert call(second, "/a/").headers["x-cache"] == "HIT"

    versions["body"] = b"<p>v2</p>"
    first.store.bump()  # a publish handled by the first server
    assert call(second, "/a/").body == b"<p>v2</p>"
    assert call(first, "/a/").body == b"<p>v2</p>"
