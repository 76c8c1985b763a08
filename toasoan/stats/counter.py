"""Counting in memory, flushing in batches. Each process adds to a dict keyed by (day, host,
path); a daemon thread moves it to the database every few seconds (services.record_counts), one
transaction per flush. So a cache hit pays a lock and a dict update, never a query.

Crash safety: a flush either commits all of its counts or none; when it fails (database locked
or down) the counts go back into memory for the next try, up to MAX_KEYS keys. A process killed
with SIGKILL loses what it counted since its last flush (at most FLUSH_SECONDS); a normal exit
flushes (atexit). Counts are never written twice."""

import atexit
import datetime
import logging
import os
import threading
import time
import zoneinfo
from collections.abc import Callable

logger = logging.getLogger(__name__)

Key = tuple[datetime.date, str, str]  # (day, host, path)
Counts = dict[Key, list[int]]  # [views, entries]


class Counter:
    def __init__(self, time_zone: str, max_keys: int = 100_000) -> None:
        self.zone = zoneinfo.ZoneInfo(time_zone)
        self.max_keys = max_keys
        self.dropped = 0
        self._counts: Counts = {}
        self._lock = threading.Lock()
        self._day: datetime.date | None = None
        self._day_ends = 0.0

    def today(self, now: float | None = None) -> datetime.date:
        """The local day, recomputed only when the previous one ends."""
        now = time.time() if now is None else now
        if now >= self._day_ends or self._day is None:
            local = datetime.datetime.fromtimestamp(now, self.zone)
            self._day = local.date()
            midnight = datetime.datetime.combine(self._day + datetime.timedelta(days=1), datetime.time(), self.zone)
            self._day_ends = midnight.timestamp()
        return self._day

    def add(self, host: str, path: str, entry: bool, day: datetime.date | None = None, views: int = 1) -> None:
        if day is None:  # the hot path: one clock read and a comparison
            now = time.time()
            day = self._day if now < self._day_ends else self.today(now)
        key = (day, host, path)
        with self._lock:
            row = self._counts.get(key)
            if row is None:
                if len(self._counts) >= self.max_keys:
                    self.dropped += views
                    return
                row = self._counts[key] = [0, 0]
            row[0] += views
            if entry:
                row[1] += views

    def drain(self) -> Counts:
        """Everything counted so far; the counter starts again from nothing."""
        with self._lock:
            counts, self._counts = self._counts, {}
        return counts

    def restore(self, counts: Counts) -> None:
        """Put back counts a failed flush could not write."""
        for (day, host, path), (views, entries) in counts.items():
            key = (day, host, path)
            with self._lock:
                row = self._counts.get(key)
                if row is None:
                    if len(self._counts) >= self.max_keys:
                        self.dropped += views
                        continue
                    row = self._counts[key] = [0, 0]
                row[0] += views
                row[1] += entries

    def pending(self) -> int:
        with self._lock:
            return sum(views for views, _ in self._counts.values())


def flush(counter: Counter, record: Callable[[Counts], object]) -> bool:
    """Write what `counter` holds with `record`; on failure keep it for the next flush."""
    counts = counter.drain()
    if not counts:
        return True
    try:
        record(counts)
    except Exception:
        logger.exception("Could not write %d page-view counts; keeping them for the next flush", len(counts))
        counter.restore(counts)
        return False
    return True


class Flusher:
    """A daemon thread flushing `counter` every `interval` seconds, started lazily in each process
    (servers fork their workers after loading the application: a thread started before would
    not exist in them)."""

    def __init__(self, counter: Counter, record: Callable[[Counts], object], interval: float) -> None:
        self.counter = counter
        self.record = record
        self.interval = interval
        self.started = False  # in this process: a forked child starts its own thread
        self._stop = threading.Event()
        self._start_lock = threading.Lock()
        os.register_at_fork(after_in_child=self._forget_thread)

    def _forget_thread(self) -> None:
        self.started = False
        self._start_lock = threading.Lock()

    def ensure_started(self) -> None:
        """Start the thread unless it runs in this process (callers check `started` first: it is
        read on every counted view)."""
        if self.interval <= 0:
            return
        with self._start_lock:
            if self.started:
                return
            self.started = True
            self._stop = threading.Event()
            threading.Thread(target=self._run, name="stats-flush", daemon=True).start()
            atexit.register(self.flush_now)

    def flush_now(self) -> bool:
        from django.db import connection

        try:
            return flush(self.counter, self.record)
        finally:
            connection.close()  # this thread's own connection: don't hold one between flushes

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush_now()

    def stop(self) -> None:
        self._stop.set()
