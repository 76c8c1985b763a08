"""Local search indexes that follow the database (PostgreSQL with the tantivy engine).

Every application server searches its own tantivy index, in its own var directory, so search work
grows with the servers instead of loading the shared database (bench/scale.py). Writes record a
SearchChange row in their own transaction; each server's scheduler applies new changes every
tick, and the process that committed applies them at once, so an editor finds their own change.

Order: a transaction gets its id at its first write but may commit after younger ones, so a
cursor on the highest id seen would skip a late commit for ever. A follower reads only below its
snapshot's xmin, the oldest transaction still running: every transaction below it has ended, so
nothing can appear there later. A long-running write transaction holds the followers back until
it ends. Re-applying a change is harmless: the entry's current row is what gets indexed.
"""

import datetime
import fcntl
import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BigIntegerField, Func
from django.utils import timezone

from .backends import follows_database, get_engine
from .models import SearchChange, SearchEntry, entry_key

logger = logging.getLogger(__name__)

CHANGES_KEPT_DAYS = 7
# A follower that has not caught up for this long may have missed purged changes: it rebuilds.
STALE_SECONDS = (CHANGES_KEPT_DAYS - 1) * 86400
STATE_FILE = "toasoan-follow.json"  # inside the index directory: a new index starts without one
BATCH = 1000
# A change of no object: every follower indexes everything again (after reindex or a restore,
# when the entries themselves were replaced).
REBUILD = (0, 0)
_lock = threading.Lock()


class CurrentTransactionId(Func):
    template = "pg_current_xact_id()::text::bigint"
    output_field = BigIntegerField()


def record_changes(pairs: Iterable[tuple[int, int]]) -> None:
    """Note (content type id, object id) pairs as changed, in the caller's transaction."""
    changes = [SearchChange(content_type_id=c, object_id=o, xid=CurrentTransactionId()) for c, o in pairs]
    SearchChange.objects.using(DEFAULT_DB_ALIAS).bulk_create(changes)


def follow(progress: Callable[[int, int], None] | None = None, rebuild: bool = False) -> int:
    """Bring this server's index up to date; returns how many entries were applied. Skips (0)
    while another process of this server applies changes to the same index; `rebuild` (manage.py
    reindex) waits for it, then indexes every entry again."""
    engine = get_engine()
    index = Path(settings.TOASOAN_SEARCH["PATH"])
    if rebuild:
        record_changes([REBUILD])  # committed at once (autocommit): the other servers rebuild too
    with _lock, open(index.parent / f".{index.name}.follow.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if rebuild else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0
        state = _read_state(index)
        horizon, database = _horizon()
        # Another database (dropped and created again), transaction ids gone backwards (a restore
        # onto another server, or to a point in time), or changes purged since: start over.
        if (
            rebuild
            or state is None
            or state["database"] != database
            or horizon < state["cursor"]
            or time.time() - state["at"] > STALE_SECONDS
        ):
            return _rebuild(engine, index, progress)
        if horizon == state["cursor"]:
            if time.time() - state["at"] > 3600:  # caught up: say so now and then (STALE_SECONDS)
                _write_state(index, state["cursor"], database)
            return 0
        changes = SearchChange.objects.using(DEFAULT_DB_ALIAS).filter(xid__gte=state["cursor"], xid__lt=horizon)
        pairs = set(changes.values_list("content_type_id", "object_id"))
        if REBUILD in pairs:
            return _rebuild(engine, index, progress)
        _apply(engine, pairs)
        _write_state(index, horizon, database)
        return len(pairs)


def follow_quietly() -> None:
    """follow() after a commit: a failure must not fail the request; the scheduler retries."""
    try:
        follow()
    except Exception:
        logger.warning("Search index follow postponed", exc_info=True)


def purge_changes() -> int:
    """Forget changes older than CHANGES_KEPT_DAYS (a periodic job, on one server at a time)."""
    if not follows_database():  # nothing records changes: no query every tick
        return 0
    cutoff = timezone.now() - datetime.timedelta(days=CHANGES_KEPT_DAYS)
    return SearchChange.objects.using(DEFAULT_DB_ALIAS).filter(created_at__lt=cutoff).delete()[0]


# Inside ------------------------------------------------------------------------------------------
def _horizon() -> tuple[int, int]:
    """The xmin of a fresh snapshot (every transaction with a lower id has ended), and which
    database this is (its oid)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
            " (SELECT oid::bigint FROM pg_database WHERE datname = current_database())"
        )
        horizon, database = cursor.fetchone()
        return horizon, database


def _apply(engine, pairs: set[tuple[int, int]]) -> None:
    from .sync import index_doc

    by_type: dict[int, list[int]] = defaultdict(list)
    for content_type_id, object_id in pairs:
        by_type[content_type_id].append(object_id)
    for content_type_id, ids in by_type.items():
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            entries = list(
                SearchEntry.objects.using(DEFAULT_DB_ALIAS).filter(content_type_id=content_type_id, object_id__in=batch)
            )
            present = {entry.object_id for entry in entries}
            engine.delete(entry_key(content_type_id, i) for i in batch if i not in present)
            engine.upsert(index_doc(entry) for entry in entries)
    engine.commit()


def _rebuild(engine, index: Path, progress: Callable[[int, int], None] | None) -> int:
    """Index every entry again. The horizon is taken first: what commits during the read is
    applied again by the next follow()."""
    from .sync import index_doc

    started = time.monotonic()
    horizon, database = _horizon()
    entries = SearchEntry.objects.using(DEFAULT_DB_ALIAS).order_by("pk")
    total = entries.count()
    engine.clear()
    done = 0
    last = 0
    while True:
        batch = list(entries.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        engine.upsert(index_doc(entry) for entry in batch)
        done, last = done + len(batch), batch[-1].pk
        if progress:
            progress(done, total)
    engine.commit()
    _write_state(index, horizon, database)
    logger.info("Search index rebuilt from the database: %d entries in %.0f s", done, time.monotonic() - started)
    return done


def _read_state(index: Path) -> dict | None:
    try:
        state = json.loads((index / STATE_FILE).read_text())
        return {"cursor": int(state["cursor"]), "database": int(state["database"]), "at": float(state["at"])}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(index: Path, cursor: int, database: int) -> None:
    partial = index / f"{STATE_FILE}.partial"
    partial.write_text(json.dumps({"cursor": cursor, "database": database, "at": time.time()}))
    partial.replace(index / STATE_FILE)  # atomic: a crash leaves the old state, applied again
