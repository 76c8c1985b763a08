"""Durable background work of the scanner (django-tasks "durable" backend: a row committed with
the findings, run by `manage.py db_worker --backend durable`)."""

from django_tasks import task


@task(backend="durable")
def notify_security_contact(finding_ids: list[int]) -> bool:
    """Mail the agency's security contact about new high-severity findings."""
    from .notify import findings_mail

    return findings_mail(finding_ids=finding_ids)
