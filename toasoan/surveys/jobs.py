"""Periodic jobs (core.periodic, run by the scheduler bin/serve starts)."""

from . import services


def sync_poll_states() -> None:
    """Open and close polls on time, so cached pages (the home page's poll) follow within a tick."""
    services.polls_sync_state()
