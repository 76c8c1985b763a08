"""Read replicas: which requests may read a replica, and whether a replica is fit to be read.

The database router (toasoan/core/db_routers.py) asks `read_alias()` where a read goes. The answer
is the primary unless the current request was let onto a replica by `ReplicaMiddleware`: an
anonymous GET/HEAD outside the admin, from a reader who wrote nothing in the last few seconds, and
whose response cannot end up in the page cache. Everything outside a request (management
commands, the scheduler, task workers, shells) reads the primary: a job that decides what to write
from a lagging copy is how lost updates happen. docs/replicas.md says why each rule exists.
"""

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "toasoan_primary"
_PIN_SALT = "toasoan.core.replicas.pin"
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PRIMARY_PATHS = ("/admin/", "/django-admin/")
_WRITES = ("INSERT", "UPDATE", "DELETE")
# Read from the primary whoever reads them: their reads fill shared caches. Wagtail clears its
# site root paths (in the Django cache, Redis with several servers) when a site changes; refilled
# from a replica that has not replayed the change, the old map would stay an hour. One small query.
PRIMARY_MODELS = frozenset({"wagtailcore.site"})
# Set in the WSGI environ by the page cache (toasoan/publishing/pagecache/app.py) around a render
# whose response it may store: that render must see every commit before it (docs/page-cache.md,
# "Invalidation"), which only the primary guarantees.
PAGE_CACHE_RENDER = "toasoan.page_cache_render"

# In recovery (a standby), streaming, and its lag in seconds: 0 when it has replayed all it
# received. A standby with no WAL receiver (its primary unreachable) cannot know how far behind it
# is: unfit. Without pg_read_all_stats the receiver's status reads NULL: its presence must do.
HEALTH_SQL = """
SELECT pg_is_in_recovery(),
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status IS NULL OR status = 'streaming'),
       CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END
"""


def replica_aliases() -> list[str]:
    """The configured replicas (settings.DATABASES "replica1".."replicaN", base.py)."""
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def _config() -> dict:
    return {"PIN_SECONDS": 10, "MAX_LAG_SECONDS": 5, "CHECK_SECONDS": 2, **getattr(settings, "TOASOAN_REPLICAS", {})}


# --- Which connection a read uses ----------------------------------------------------------------


@dataclass
class ReadState:
    """Per request (a context variable, so threads and requests never share it)."""

    replicas_allowed: bool
    replica: str | None = None  # the one chosen for this request, on its first read
    used: set[str] = field(default_factory=set)
    wrote: bool = False


_state: ContextVar[ReadState | None] = ContextVar("toasoan_read_state", default=None)


def read_alias(healthy: Callable[[str], bool] | None = None) -> str:
    """Where the next read goes: the request's replica if it may use one and one is fit, else the
    primary. Reads inside a transaction on the primary stay there (a replica lacks its rows)."""
    state = _state.get()
    if state is None or not state.replicas_allowed or state.wrote:
        return DEFAULT_DB_ALIAS
    if _in_transaction():
        return DEFAULT_DB_ALIAS
    if state.replica is None:
        # One replica for the whole request: two standbys at different points would show one
        # page two different states of the data.
        check = healthy or is_healthy
        fit = [alias for alias in replica_aliases() if check(alias)]
        if not fit:
            state.replicas_allowed = False
            return DEFAULT_DB_ALIAS
        state.replica = random.choice(fit)  # noqa: S311 (load spreading, not security)
    state.used.add(state.replica)
    return state.replica


def _in_transaction() -> bool:
    return connections[DEFAULT_DB_ALIAS].in_atomic_block


@contextmanager
def replica_reads() -> Iterator[None]:
    """Let code outside a request read replicas (a read-only report, a benchmark)."""
    token = _state.set(ReadState(replicas_allowed=True))
    try:
        yield
    finally:
        _state.reset(token)


# --- Replica health ------------------------------------------------------------------------------

_health: dict[str, tuple[float, bool]] = {}
_health_lock = threading.Lock()


def is_healthy(alias: str) -> bool:
    """Whether `alias` answers and is at most TOASOAN_REPLICA_MAX_LAG_SECONDS behind, checked at
    most every CHECK_SECONDS per process (one small query on the replica)."""
    now = time.monotonic()
    checked = _health.get(alias)
    if checked is not None and now - checked[0] < _config()["CHECK_SECONDS"]:
        return checked[1]
    healthy = check_health(alias)
    with _health_lock:
        _health[alias] = (now, healthy)
    return healthy


def mark_unhealthy(alias: str) -> None:
    with _health_lock:
        _health[alias] = (time.monotonic(), False)


def check_health(alias: str) -> bool:
    """Ask the replica now. A replica that is not in recovery is a primary (e.g. the primary's
    own URL given as a replica): as fresh as it gets."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return True
    # A persistent connection the server dropped (a restart) fails once: then try a new one.
    for _attempt in range(2 if connection.connection is not None else 1):
        try:
            with connection.cursor() as cursor:
                cursor.execute(HEALTH_SQL)
                in_recovery, streaming, lag = cursor.fetchone()
            break
        except DatabaseError:
            _close_quietly(alias)
    else:
        return False
    if not in_recovery:
        return True
    return bool(streaming) and lag is not None and float(lag) <= _config()["MAX_LAG_SECONDS"]


def _close_quietly(alias: str) -> None:
    try:
        connections[alias].close()
    except DatabaseError:
        connections[alias].connection = None


# --- The middleware ------------------------------------------------------------------------------


def replicas_allowed(request: HttpRequest) -> bool:
    """Whether this request may read a replica (docs/replicas.md, "Who reads what")."""
    if request.method not in _SAFE_METHODS:
        return False
    if request.META.get(PAGE_CACHE_RENDER):
        return False
    if request.path_info.startswith(PRIMARY_PATHS):
        return False
    # Staff (the only users with sessions) read what they just saved, and their session row itself
    # may be younger than the replica.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if PIN_COOKIE in request.COOKIES:
        return request.get_signed_cookie(PIN_COOKIE, None, salt=_PIN_SALT, max_age=_config()["PIN_SECONDS"]) is None
    return True


class ReplicaMiddleware:
    """Decides, per request, whether reads may go to a replica; pins writers to the primary.

    Not used at all (MiddlewareNotUsed) when no replica is configured. Second in MIDDLEWARE, right
    after the cache headers middleware, so that it sees the pin cookie this one sets."""

    def __init__(self, get_response) -> None:
        if not replica_aliases():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = ReadState(replicas_allowed=replicas_allowed(request))
        response = self._respond(request, state)
        failed = _failed_replicas(state) if response.status_code >= 500 else []
        if failed:
            # A replica broke under this request (it went down, or dropped the connection): a safe
            # method may run again, on the primary, rather than answer 500. The replica is skipped
            # until a check finds it fit again.
            for alias in failed:
                _close_quietly(alias)
                if not check_health(alias):
                    mark_unhealthy(alias)
            state = ReadState(replicas_allowed=False)
            response = self._respond(request, state)
        if state.wrote:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=_PIN_SALT,
                max_age=_config()["PIN_SECONDS"],
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def _respond(self, request: HttpRequest, state: ReadState) -> HttpResponse:
        token = _state.set(state)
        try:
            # Writes are seen in the SQL itself: get_or_create() and select_for_update() ask the
            # router for the write connection without writing (Wagtail's site settings do on every
            # page), and pinning for those would keep every page out of the page cache.
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_WriteWatcher(state)):
                return self.get_response(request)
        finally:
            _state.reset(token)


class _WriteWatcher:
    def __init__(self, state: ReadState) -> None:
        self.state = state

    def __call__(self, execute, sql, params, many, context):
        if not self.state.wrote and isinstance(sql, str) and sql.lstrip()[:6].upper() in _WRITES:
            # From now on this request reads the primary, and the reader is pinned to it.
            self.state.wrote = True
        return execute(sql, params, many, context)


def _failed_replicas(state: ReadState) -> list[str]:
    """Replicas this request read that saw a database error (or never connected)."""
    broken = [connections[alias] for alias in state.used]
    return [c.alias for c in broken if c.errors_occurred or c.connection is None]
