"""Locks across processes and servers: one scheduler at a time runs a periodic job (core.periodic).

Which lock depends on the configuration (docs/tasks.md):
- REDIS_URL set: a Redis lock (SET NX with an expiry and a token; only its owner releases it),
  renewed while the job runs, so a long job keeps it and a killed scheduler's lock expires.
- PostgreSQL without Redis: pg_try_advisory_lock on the primary's connection; the server drops it
  when that connection ends, so a crashed scheduler leaves nothing behind.
- SQLite: one server by design (the database is a local file): no lock.
"""

import contextlib
import hashlib
import logging
import threading
from collections.abc import Iterator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REDIS_LOCK_SECONDS = 30  # expiry of a Redis lock nobody renews (its scheduler was killed)
_redis_client = None


def kind() -> str:
    """ "redis", "postgresql" or "none": the lock this configuration uses."""
    if settings.REDIS_URL:
        return "redis"
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        return "postgresql"
    return "none"


@contextlib.contextmanager
def held(name: str) -> Iterator[bool]:
    """Try to take the lock `name` without waiting; yields whether this process holds it (the
    body runs either way and must skip its work when it does not)."""
    lock = {"redis": _redis_lock, "postgresql": _advisory_lock}.get(kind())
    if lock is None:
        yield True
        return
    with lock(name) as acquired:
        yield acquired


def _redis():
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(settings.REDIS_URL)
    return _redis_client


@contextlib.contextmanager
def _redis_lock(name: str) -> Iterator[bool]:
    from redis.exceptions import LockError

    prefix = settings.CACHES["default"].get("KEY_PREFIX") or "toasoan"
    lock = _redis().lock(f"{prefix}:lock:{name}", timeout=REDIS_LOCK_SECONDS, thread_local=False)
    if not lock.acquire(blocking=False):
        yield False
        return
    done = threading.Event()
    renewer = threading.Thread(target=_renew, args=(lock, done), name=f"lock-{name}", daemon=True)
    renewer.start()
    try:
        yield True
    finally:
        done.set()
        renewer.join()
        with contextlib.suppress(LockError):  # expired meanwhile (Redis restarted): nothing to free
            lock.release()


def _renew(lock, done: threading.Event) -> None:
    while not done.wait(REDIS_LOCK_SECONDS / 3):
        try:
            lock.reacquire()
        except Exception:
            logger.exception("Could not renew the lock %s", lock.name)
            return


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextlib.contextmanager
def _advisory_lock(name: str) -> Iterator[bool]:
    connection = connections[DEFAULT_DB_ALIAS]
    key = advisory_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                # A broken connection: closing it is what frees a session lock.
                logger.exception("Could not release the advisory lock %s", name)
                connection.close()
