"""Periodic jobs without cron: apps register jobs, and run_scheduler (started by bin/serve beside
the web server, or its own systemd unit) runs them every few seconds until stopped.

Every application server runs a scheduler. Each job's run takes a lock first (core.locks: Redis,
or a PostgreSQL advisory lock), so two schedulers never run the same job at once; a scheduler that
finds it taken skips the job this tick. Jobs act on what the database says is due (a revision whose
go-live time has passed, a digest period without its run row), so the next run, on any server,
finds it done: each piece of work happens once (docs/tasks.md)."""

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections

from . import locks

logger = logging.getLogger(__name__)
_jobs: dict[str, Callable[[], object]] = {}
_per_server: dict[str, Callable[[], bool]] = {}


def register(name: str, job: Callable[[], object], per_server: Callable[[], bool] | None = None) -> None:
    """Run `job` on every scheduler tick (apps call this from AppConfig.ready). When
    `per_server()` is true, every server's scheduler runs it, without the lock: work on the
    server's own files (its local search index)."""
    _jobs[name] = job
    if per_server is not None:
        _per_server[name] = per_server


def run_due_jobs() -> None:
    """Run every registered job once, unless another scheduler is running it now; one failing job
    does not stop the others."""
    for name, job in list(_jobs.items()):
        close_old_connections()  # before the lock: a PostgreSQL advisory lock lives on the connection
        try:
            if name in _per_server and _per_server[name]():
                job()
                continue
            with locks.held(f"periodic:{name}") as acquired:
                if acquired:
                    job()
        except Exception:
            logger.exception("Periodic job %s failed", name)


def run_forever(interval: float, stop: threading.Event, tick: Callable[[], None] = run_due_jobs) -> None:
    while not stop.is_set():
        try:
            tick()
        except Exception:  # keep scheduling even if one run fails (e.g. database briefly locked)
            logger.exception("Scheduler tick failed")
        stop.wait(interval)
