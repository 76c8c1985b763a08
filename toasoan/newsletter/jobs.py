"""Periodic jobs (core.periodic, run by the scheduler bin/serve starts every few seconds)."""

import time

from . import services

FORGET_EVERY_SECONDS = 3600
_last_forget = 0.0


def weekly_digest() -> None:
    """Request last week's digest once its send time has come (one row per period: idempotent)."""
    services.digest_schedule()


def forget_stale_addresses() -> None:
    """Erase stale addresses, at most hourly: days matter here, not seconds."""
    global _last_forget
    now = time.monotonic()
    if _last_forget and now - _last_forget < FORGET_EVERY_SECONDS:
        return
    _last_forget = now
    services.forget_stale()
