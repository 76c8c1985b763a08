"""Which engine this process searches with, configured by settings.TOASOAN_SEARCH."""

import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Max

from .engine import Engine

_lock = threading.Lock()
_engines: dict[str, Engine] = {}
_abbreviations_checked_at = 0.0
_abbreviations_version = None
ABBREVIATIONS_RECHECK_SECONDS = 5


def _create_engine(config: dict) -> Engine:
    backend = config.get("BACKEND", "tantivy")
    if backend == "tantivy":
        from .engine.tantivy_engine import TantivyEngine

        return TantivyEngine(config["PATH"])
    if backend == "postgres":
        from .engine.postgres_engine import PostgresEngine

        if not config.get("DSN"):
            raise ValueError(
                "TOASOAN_SEARCH['DSN'] is empty: set TOASOAN_SEARCH_DSN (or a postgres:// DATABASE_URL) "
                "for the postgres search backend"
            )
        return PostgresEngine(config["DSN"], table=config.get("TABLE") or "search_document")
    raise ValueError(f"Unknown search backend {backend!r}")


def follows_database() -> bool:
    """Whether this process's index is a local one that follows the database (search.follow):
    the tantivy engine over PostgreSQL, where every application server has its own index."""
    backend = settings.TOASOAN_SEARCH.get("BACKEND", "tantivy")
    return backend == "tantivy" and connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


def _engine_key(config: dict) -> str:
    """Which engine a config means: a new path, DSN or table is a new engine."""
    if config.get("BACKEND", "tantivy") == "postgres":
        return f"postgres:{config.get('DSN')}:{config.get('TABLE')}"
    return f"{config.get('BACKEND')}:{config.get('PATH')}"


def get_engine() -> Engine:
    """The process-wide engine, with the admin's abbreviations loaded and kept current."""
    config = settings.TOASOAN_SEARCH
    key = _engine_key(config)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = _create_engine(config)
            _refresh_abbreviations(engine, force=True)
            if getattr(engine, "created", False) and not follows_database():
                # A new or lost index: everything in the database must go into it again.
                from .models import SearchEntry

                SearchEntry.objects.filter(synced=True).update(synced=False)
        else:
            _refresh_abbreviations(engine)
    return engine


def reset_engines() -> None:
    """Forget the engines this process opened (tests point TOASOAN_SEARCH at a new path)."""
    global _abbreviations_version
    with _lock:
        for engine in _engines.values():
            close = getattr(engine, "close", None)  # PostgresEngine holds connections
            if close is not None:
                close()
        _engines.clear()
        _abbreviations_version = None


def _refresh_abbreviations(engine: Engine, force: bool = False) -> None:
    global _abbreviations_checked_at, _abbreviations_version
    now = time.monotonic()
    if not force and now - _abbreviations_checked_at < ABBREVIATIONS_RECHECK_SECONDS:
        return
    from .models import Abbreviation

    _abbreviations_checked_at = now
    version = Abbreviation.objects.aggregate(v=Max("updated_at"))["v"], Abbreviation.objects.count()
    if force or version != _abbreviations_version:
        mapping: dict[str, list[str]] = {}
        for short, full in Abbreviation.objects.values_list("short", "full"):
            mapping.setdefault(short, []).append(full)
        engine.set_abbreviations(mapping)
        _abbreviations_version = version
