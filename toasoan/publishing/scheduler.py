"""Scheduled publishing without cron: a loop the run command starts beside the web server."""

import logging
import threading
from collections.abc import Callable

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def run_due_jobs() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's own command)."""
    close_old_connections()
    call_command("publish_scheduled", verbosity=0)


def run_forever(interval: float, stop: threading.Event, job: Callable[[], None] = run_due_jobs) -> None:
    while not stop.is_set():
        try:
            job()
        except Exception:  # keep scheduling even if one run fails (e.g. database briefly locked)
            logger.exception("Scheduled publishing run failed")
        stop.wait(interval)
