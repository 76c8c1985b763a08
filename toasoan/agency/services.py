"""Writes. Editors work in the admin (drafts, the "Duyệt tin" workflow); these are for loaders."""

from django.db import transaction

from .models.common import ApprovedContent


@transaction.atomic
def content_publish(instance: ApprovedContent, *, user=None) -> ApprovedContent:
    """Save `instance` as a new revision and publish it at once (demo and imports, not editors)."""
    if instance.pk is None:
        instance.live = False
        instance.save()
    instance.save_revision(user=user).publish(user=user)
    instance.refresh_from_db()
    return instance
