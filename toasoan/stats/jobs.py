"""Scheduled work (core.periodic, run by bin/serve's scheduler every few seconds)."""

import logging

from . import counting, services

logger = logging.getLogger(__name__)


def ingest_nginx_log() -> services.IngestResult | None:
    """Count the page views nginx served from the page cache files since the last run."""
    path = counting.nginx_log_path()
    if not path.exists() and not path.with_name(path.name + ".1").exists():
        return None  # no nginx in front (or it has not served a cached page yet)
    result = services.ingest_nginx_log(path)
    if result.skipped:
        logger.warning("nginx statistics log: %d unreadable lines skipped", result.skipped)
    return result
