"""Wiring, called from TrustConfig.ready: scans on save (signals) and the scheduled full scan."""

import logging

from django.db import transaction
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)


def scan_saved(obj) -> list:
    """Scan and record one object; never lets a scanner error break the save that triggered it."""
    from . import services

    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's work intact
            return services.scan_object(obj)
    except Exception:
        logger.exception("Integrity scan of %r failed", obj)
        return []


def _on_page_published(sender, instance, **kwargs) -> None:
    # Every way a page goes live: admin, workflow approval, scheduled go-live, importer.
    scan_saved(instance)


def _on_snippet_published(sender, instance, **kwargs) -> None:
    scan_saved(instance)


def _on_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    if hasattr(instance, "live") and not instance.live:
        return  # a draft is not public; it is scanned when published
    transaction.on_commit(lambda: scan_saved(instance))


def connect() -> None:
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.signals import page_published, published

    from toasoan.core import periodic

    from . import jobs, registry

    page_published.connect(_on_page_published, dispatch_uid="trust.integrity.page_published")
    published.connect(_on_snippet_published, dispatch_uid="trust.integrity.published")
    post_save.connect(_on_saved, sender=get_document_model(), dispatch_uid="trust.integrity.document")
    for model in settings_registry:
        post_save.connect(_on_saved, sender=model, dispatch_uid=f"trust.integrity.{model._meta.label_lower}")
    for registration in registry.registrations():
        post_save.connect(
            _on_saved, sender=registration.model, dispatch_uid=f"trust.integrity.{registration.model._meta.label_lower}"
        )
    periodic.register("trust.integrity_scan", jobs.scheduled_scan)
