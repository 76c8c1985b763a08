"""The page cache: anonymous GET/HEAD of public pages served without touching Django.

- keys.py: which requests are cacheable, and their key (pure, shared with nginx's config);
- entry.py: a cached response, precompressed;
- files.py / redis_store.py: the embedded and the multi-server stores;
- memory.py: a per-process tier in front of either;
- app.py: the WSGI wrapper that serves hits and stores misses.
Invalidation lives in publishing/invalidation.py."""

from collections.abc import Callable
from functools import cache

from django.conf import settings

from .keys import KeyRules


def config() -> dict:
    return settings.TOASOAN_PAGE_CACHE


@cache
def get_store():
    """The configured store, one per process (with its memory tier when one is configured)."""
    options = config()
    if options["STORE"] == "redis":
        from .redis_store import RedisStore

        store = RedisStore(options["REDIS_URL"])
    else:
        from .files import FileStore

        store = FileStore(options["PATH"])
    if options.get("MEMORY_BYTES"):
        from .memory import MemoryTier

        store = MemoryTier(store, options["MEMORY_BYTES"])
    return store


def rules() -> KeyRules:
    options = config()
    return KeyRules(
        excluded_prefixes=tuple(options["EXCLUDED_PATHS"]),
        query_params=frozenset(options["QUERY_PARAMS"]),
        ignored_query_params=frozenset(options["IGNORED_QUERY_PARAMS"]),
        session_cookie=settings.SESSION_COOKIE_NAME,
        allowed_hosts=tuple(settings.ALLOWED_HOSTS),
    )


_wrappers: list[Callable] = []
_hit_listeners: list[Callable] = []
_headers: list[Callable] = []


def register_wrapper(wrapper: Callable) -> None:
    """Put `wrapper(app) -> app` around the Django application, inside the page cache: it sees
    every answer Django makes (misses included), not the ones the cache serves itself. Apps call
    this from ready()."""
    if wrapper not in _wrappers:
        _wrappers.append(wrapper)


def register_hit_listener(factory: Callable) -> None:
    """`factory()` returns a function `(environ, entry) -> None` or None; the page cache calls it
    for every page it serves itself (HIT, STALE). Cheaper than a wrapper around the whole
    application, which hits would pay for with an extra call layer and a header scan (stats
    counts page views this way). Apps call this from ready()."""
    if factory not in _hit_listeners:
        _hit_listeners.append(factory)


def register_headers(factory: Callable) -> None:
    """`factory()` returns headers `[(name, value)]` that every page the cache serves itself
    carries with their current values (security headers: toasoan/trust/headers.py). Copies keep
    for long (outage copies for ever): stored values of these names are dropped when read, so a
    policy changed since a page was stored is served as it is now. Apps call this from ready()."""
    if factory not in _headers:
        _headers.append(factory)


def _fixed_headers() -> list[tuple[str, str]]:
    return [header for factory in _headers for header in factory()]


def _on_hit() -> Callable | None:
    listeners = [listener for listener in (factory() for factory in _hit_listeners) if listener is not None]
    if not listeners:
        return None
    if len(listeners) == 1:
        return listeners[0]

    def each(environ: dict, entry) -> None:
        for listener in listeners:
            listener(environ, entry)

    return each


def wrap(app):
    """The registered wrappers around a WSGI application, and the page cache in front of them if
    it is enabled."""
    for wrapper in _wrappers:
        app = wrapper(app)
    options = config()
    if options["ENABLED"]:
        from .app import PageCacheApp

        app = PageCacheApp(app, get_store(), rules(), options["MAX_BYTES"], on_hit=_on_hit(), headers=_fixed_headers())
    return app


def reset() -> None:
    """Forget the store built from settings (tests change them)."""
    get_store.cache_clear()
