"""Durable background work: emails to citizens, queued in the same transaction as the change
they announce (django-tasks "durable" backend: a row committed with it, run by db_worker)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task(backend="durable")
def send_citizen_email(submission_id: int, subject: str, body: str) -> bool:
    """Send one notification; the address is read now, so an erased submission gets nothing."""
    from .models import Submission

    email = Submission.objects.filter(pk=submission_id).values_list("email", flat=True).first()
    if not email:
        return False
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    return True
