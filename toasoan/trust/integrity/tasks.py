"""Durable background work of the scanner (django-tasks "durable" backend: a row committed with
the findings, run by `manage.py db_worker --backend durable`)."""

from django_tasks import task


@task(backend="durable")
def full_scan(scan_id: int) -> int:
    """The nightly full scan (queued by jobs.scheduled_scan); returns the open high findings."""
    from ..models import IntegrityScan
    from .services import scan_all

    scan = IntegrityScan.objects.filter(pk=scan_id, finished_at__isnull=True).first()
    if scan is None:
        return 0  # already done
    return scan_all(scan=scan).open_high


@task(backend="durable")
def notify_security_contact(finding_ids: list[int]) -> bool:
    """Mail the agency's security contact about new high-severity findings."""
    from .notify import findings_mail

    return findings_mail(finding_ids=finding_ids)
