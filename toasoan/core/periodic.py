"""Periodic jobs without cron: apps register jobs, and run_scheduler (started by bin/serve beside
the web server) runs them every few seconds until stopped."""

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections

logger = logging.getLogger(__name__)
_jobs: dict[str, Callable[[], object]] = {}


def register(name: str, job: Callable[[], object]) -> None:
    """Run `job` on every scheduler tick (apps call this from AppConfig.ready)."""
    _jobs[name] = job


def run_due_jobs() -> None:
    """Run every registered job once; one failing job does not stop the others."""
    for name, job in list(_jobs.items()):
        close_old_connections()
        try:
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
