"""Periodic jobs (core.periodic, run by the scheduler bin/serve starts)."""

from . import services


def weekly_digest() -> None:
    """Request last week's digest once its send time has come (one row per period: idempotent)."""
    services.digest_schedule()


def forget_stale_addresses() -> None:
    services.forget_stale()
