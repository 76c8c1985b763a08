"""The process's counter and flusher, built from settings.TOASOAN_STATS, and what apps.ready()
registers with the page cache: a wrapper around Django (pages Django renders) and a hit listener
(pages the cache serves itself)."""

from functools import cache
from pathlib import Path

from django.conf import settings

from .counter import Counter, Flusher

DEFAULTS = {
    "ENABLED": True,  # count in the app (TOASOAN_STATS=0: off, e.g. to measure what counting costs)
    "FLUSH_SECONDS": 5.0,  # 0: no thread; flush only when told (tests)
    "MAX_KEYS": 100_000,  # distinct (day, host, path) kept in memory between flushes
    "NGINX_LOG": "",  # nginx's statistics log (deploy/nginx); "" = <var>/stats/nginx.log
    "FOOTER": True,  # the "Lượt truy cập" counter in every page's footer
    "EXCLUDED_PATHS": ["/admin/", "/django-admin/", "/documents/", "/media/", "/static/", "/api/"],
}


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "TOASOAN_STATS", {})}


def nginx_log_path() -> Path:
    return Path(config()["NGINX_LOG"] or Path(settings.VAR_DIR) / "stats" / "nginx.log")


@cache
def get_counter() -> Counter:
    return Counter(settings.TIME_ZONE, config()["MAX_KEYS"])


@cache
def get_flusher() -> Flusher:
    from .services import record_counts

    return Flusher(get_counter(), record_counts, float(config()["FLUSH_SECONDS"]))


def flush() -> bool:
    """Write this process's pending counts now (tests, management commands, shutdown)."""
    from .counter import flush as flush_counter
    from .services import record_counts

    return flush_counter(get_counter(), record_counts)


def hit_listener():
    """Count the pages the page cache serves itself (publishing.pagecache.register_hit_listener)."""
    options = config()
    if not options["ENABLED"]:
        return None
    from .wsgi import hit_counter

    return hit_counter(
        get_counter(),
        get_flusher() if float(options["FLUSH_SECONDS"]) > 0 else None,
        tuple(options["EXCLUDED_PATHS"]),
        settings.SESSION_COOKIE_NAME,
    )


def wrap(app):
    """Count the page views Django answers (publishing.pagecache.register_wrapper)."""
    options = config()
    if not options["ENABLED"]:
        return app
    from .wsgi import CountingApp

    return CountingApp(
        app,
        get_counter(),
        get_flusher() if float(options["FLUSH_SECONDS"]) > 0 else None,
        tuple(options["EXCLUDED_PATHS"]),
        settings.SESSION_COOKIE_NAME,
    )
