"""Durable background work (django-tasks "durable" backend: a row committed with the change that
queued it, run by `manage.py db_worker --backend durable`)."""

import datetime

from django_tasks import task


@task(backend="durable")
def send_confirmation(consent_id: int, base_url: str) -> bool:
    """Mail the confirmation link; the address is read now, so an erased subscriber gets nothing."""
    from . import services

    return services.confirmation_send(consent_id=consent_id, base_url=base_url)


@task(backend="durable")
def send_digest(period_start: str) -> dict[str, int]:
    """Send one period's digest to every confirmed subscriber not yet served (idempotent)."""
    from . import services
    from .periods import Period

    period = Period.week_of(datetime.date.fromisoformat(period_start))
    return services.digest_send(period=period)
