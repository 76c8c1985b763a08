"""The multi-server store: the same contract as FileStore, kept in Redis (REDIS_URL).

Entries live in one hash per page and generation and expire on their own. A host's generation is
two keys read in one round trip: the generation of every site and the host's own, so a publish on
any server makes every server's cache of the sites concerned stale at once."""

import time
import uuid
from collections.abc import Iterable

import redis

from .entry import Entry
from .keys import PageKey

_ENTRY_TTL = 24 * 3600
_FIELDS = ("meta", "body", "gzip", "brotli")


class RedisStore:
    def __init__(self, url: str, prefix: str = "toasoan:pagecache:") -> None:
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix

    def generation(self, host: str | None = None) -> str:
        """The live generation of `host` ("<every site's>.<the host's>"), or of every site."""
        if host is None:
            value = self.client.get(self.prefix + "generation")
            if value is None:
                value = self._start(self.prefix + "generation")
            return value.decode()
        everything, own = self.client.mget(self.prefix + "generation", self._host_key(host))
        if everything is None:
            everything = self._start(self.prefix + "generation")
        if own is None:
            own = self._start(self._host_key(host), host)
        return f"{everything.decode()}.{own.decode()}"

    def _start(self, key: str, host: str | None = None) -> bytes:
        """Create the generation key unless another server just did; the host is listed first, so
        a publish that lists hosts cannot miss one whose pages are being rendered."""
        pipe = self.client.pipeline(transaction=True)
        if host is not None:
            pipe.sadd(self.prefix + "hosts-live", host)
        pipe.set(key, _new_generation(), nx=True)
        pipe.get(key)
        return pipe.execute()[-1]

    def bump(self, hosts: Iterable[str] | None = None) -> str:
        """Start a new, empty generation: for every site (hosts None), or for these hosts."""
        name = _new_generation()
        if hosts is None:
            self.client.set(self.prefix + "generation", name)
            return name
        hosts = list(hosts)
        if hosts:
            pipe = self.client.pipeline(transaction=True)
            pipe.sadd(self.prefix + "hosts-live", *hosts)
            for host in hosts:
                pipe.set(self._host_key(host), name)
            pipe.execute()
        return name

    def hosts(self) -> list[str]:
        """Hosts with a generation of their own."""
        return sorted(h.decode() for h in self.client.smembers(self.prefix + "hosts-live"))

    def _host_key(self, host: str) -> str:
        return f"{self.prefix}generation:{host}"

    def prune(self, keep_seconds: float = 60.0) -> int:
        return 0  # entries expire by themselves

    def _host_generation(self, generation: str, key: PageKey) -> str | None:
        """`generation` is normally a host's; the generation of every site (what generation()
        without a host returns) stands for the key's host's within it."""
        if "." in generation:
            return generation
        return self.generation(key.host) if generation == self.generation() else None

    def get(self, generation: str, key: PageKey) -> Entry | None:
        generation = self._host_generation(generation, key)
        return self._read(self._entry_key(generation, key)) if generation else None

    def put(self, generation: str, key: PageKey, entry: Entry) -> None:
        generation = self._host_generation(generation, key)
        if generation is None:
            return  # rendered in a generation that is gone
        pipe = self.client.pipeline()
        entry_key = self._entry_key(generation, key)
        pipe.hset(entry_key, mapping=_mapping(entry))
        pipe.expire(entry_key, _ENTRY_TTL)
        pipe.execute()
        # Check and write in one transaction so a concurrent bump cannot slip between them.
        static_key = self._static_key(key.file(""))

        def write_static(pipe: redis.client.Pipeline) -> None:
            everything, own = pipe.mget(self.prefix + "generation", self._host_key(key.host))
            if everything is None or own is None or f"{everything.decode()}.{own.decode()}" != generation:
                return
            pipe.multi()
            pipe.hset(static_key, mapping=_mapping(entry))
            pipe.sadd(self.prefix + "hosts", key.host)

        self.client.transaction(write_static, self.prefix + "generation", self._host_key(key.host))

    def get_static(self, key: PageKey) -> Entry | None:
        return self._read(self._static_key(key.file("")))

    def static_mtime(self, key: PageKey) -> float | None:
        entry = self.get_static(key)
        return entry.last_modified if entry else None

    def drop_static(self, path: str, descendants: bool, hosts: Iterable[str] | None = None) -> None:
        for host in self.static_hosts() if hosts is None else hosts:
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
