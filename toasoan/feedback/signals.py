"""Thin signal handlers: deadlines follow the holiday calendar; erased attachments leave no file."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Attachment, Holiday


@receiver([post_save, post_delete], sender=Holiday)
def holidays_changed(sender, **kwargs) -> None:
    from .services import deadlines_recompute

    deadlines_recompute()


@receiver(post_delete, sender=Attachment)
def attachment_deleted(sender, instance: Attachment, **kwargs) -> None:
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
