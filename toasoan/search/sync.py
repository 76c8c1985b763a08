"""Bring the engine up to date with the database (the outbox of unsynced entries and tombstones).

Runs after each commit that changed the index, and every few seconds from the scheduler, so a
change that could not reach the engine at once (another process held tantivy's writer lock)
still arrives. Readers re-check every hit against the database, so a lagging engine never shows
anything unpublished."""

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .backends import follows_database, get_engine
from .engine import IndexDoc
from .models import SearchEntry, SearchTombstone

logger = logging.getLogger(__name__)
_lock = threading.Lock()
BATCH = 1000


def sync_after_commit() -> None:
    if settings.TOASOAN_SEARCH.get("SYNC", "on_commit") == "on_commit":
        transaction.on_commit(_after_commit)
    else:  # "immediate": tests, where the test's transaction never commits
        _after_commit()


def _after_commit() -> None:
    """This server's own index follows the database at once (the others on their scheduler's
    tick), or the shared engine applies the outbox."""
    if follows_database():
        from .follow import follow_quietly

        follow_quietly()
    else:
        sync_engine()


def catch_up() -> int:
    """The scheduler's job: this server's index follows the database (search.follow), or the
    shared engine applies the outbox."""
    if follows_database():
        from .follow import follow

        return follow()
    return sync_engine()


def index_doc(entry: SearchEntry) -> IndexDoc:
    return IndexDoc(
        key=entry.key,
        title=entry.title,
        text=entry.text,
        date=entry.date,
        groups=tuple(entry.groups.split()),
        kind=entry.kind,
        scope=entry.scope,
    )


def sync_engine() -> int:
    """Apply pending changes to the engine; returns how many were applied (0 if it must wait)."""
    applied = 0
    with _lock:
        while True:
            tombstones = list(SearchTombstone.objects.order_by("pk")[:BATCH])
            pending = list(SearchEntry.objects.filter(synced=False).order_by("pk")[:BATCH])
            if not tombstones and not pending:
                return applied
            engine = get_engine()
            try:
                engine.delete(t.key for t in tombstones)
                engine.upsert(index_doc(e) for e in pending)
                engine.commit()
            except Exception:  # e.g. another process holds the writer lock: the scheduler retries
                logger.warning("Search index sync postponed", exc_info=True)
                return applied
            # Only what has not changed since it was read counts as synced.
            for entry in pending:
                SearchEntry.objects.filter(pk=entry.pk, updated_at=entry.updated_at).update(synced=True)
            SearchTombstone.objects.filter(pk__in=[t.pk for t in tombstones]).delete()
            applied += len(tombstones) + len(pending)
            if len(tombstones) < BATCH and len(pending) < BATCH:
                return applied


def rebuild_engine(progress=None) -> int:
    """Empty the engine and index every entry again."""
    if follows_database():  # this server's index; the others follow the entries' changes
        from .follow import follow

        return follow(progress, rebuild=True)
    with _lock:
        started = timezone.now()
        engine = get_engine()
        engine.clear()
        total = SearchEntry.objects.count()
        done = 0
        for start in range(0, total, BATCH):
            batch = list(SearchEntry.objects.order_by("pk")[start : start + BATCH])
            engine.upsert(index_doc(e) for e in batch)
            done += len(batch)
            if progress:
                progress(done, total)
        engine.commit()
        SearchEntry.objects.filter(updated_at__lte=started).update(synced=True)
        SearchTombstone.objects.all().delete()
        return done
