"""The multi-server store: the same contract as FileStore, kept in Redis (REDIS_URL).

Entries live in one hash per page and generation and expire on their own; the generation is one
key, so a publish on any server makes every server's cache stale at once."""

import time
import uuid

import redis

from .entry import Entry
from .keys import PageKey

_ENTRY_TTL = 24 * 3600
_FIELDS = ("meta", "body", "gzip", "brotli")


class RedisStore:
    def __init__(self, url: str, prefix: str = "toasoan:pagecache:") -> None:
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix

    def generation(self) -> str:
        value = self.client.get(self.prefix + "generation")
        if value is None:
            candidate = _new_generation()
            self.client.set(self.prefix + "generation", candidate, nx=True)
            value = self.client.get(self.prefix + "generation")
        return value.decode()

    def bump(self) -> str:
        name = _new_generation()
        self.client.set(self.prefix + "generation", name)
        return name

    def prune(self, keep_seconds: float = 60.0) -> int:
        return 0  # entries expire by themselves

    def get(self, generation: str, key: PageKey) -> Entry | None:
        return self._read(self._entry_key(generation, key))

    def put(self, generation: str, key: PageKey, entry: Entry) -> None:
        pipe = self.client.pipeline()
        entry_key = self._entry_key(generation, key)
        pipe.hset(entry_key, mapping=_mapping(entry))
        pipe.expire(entry_key, _ENTRY_TTL)
        pipe.execute()
        # Check and write in one transaction so a concurrent bump cannot slip between them.
        static_key = self._static_key(key.file(""))

        def write_static(pipe: redis.client.Pipeline) -> None:
            live = pipe.get(self.prefix + "generation")
            if live is None or live.decode() != generation:
                return
            pipe.multi()
            pipe.hset(static_key, mapping=_mapping(entry))
            pipe.sadd(self.prefix + "hosts", key.host)

        self.client.transaction(write_static, self.prefix + "generation")

    def get_static(self, key: PageKey) -> Entry | None:
        return self._read(self._static_key(key.file("")))

    def static_mtime(self, key: PageKey) -> float | None:
        entry = self.get_static(key)
        return entry.last_modified if entry else None

    def drop_static(self, path: str, descendants: bool) -> None:
        for host in self.static_hosts():
            base = self._static_key(host + path.rstrip("/") + "/")
            pattern = _escape(base) + ("*" if descendants else "index*")
            keys = list(self.client.scan_iter(match=pattern, count=1000))
            if keys:
                self.client.delete(*keys)

    def static_hosts(self) -> list[str]:
        return sorted(h.decode() for h in self.client.smembers(self.prefix + "hosts"))

    def clear(self) -> None:
        self.bump()

    def _read(self, redis_key: str) -> Entry | None:
        values = self.client.hmget(redis_key, _FIELDS)
        if any(v is None for v in values):
            return None
        return Entry.from_parts(*values)

    def _entry_key(self, generation: str, key: PageKey) -> str:
        return f"{self.prefix}e:{generation}:{key.file('')}"

    def _static_key(self, file: str) -> str:
        return f"{self.prefix}s:{file}"


def _mapping(entry: Entry) -> dict[str, bytes]:
    return {"meta": entry.meta(), "body": entry.body, "gzip": entry.gzip, "brotli": entry.brotli}


def _new_generation() -> str:
    return f"g-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"


def _escape(pattern: str) -> str:
    return "".join("\\" + c if c in "*?[]\\" else c for c in pattern)
