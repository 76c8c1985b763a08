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


def _on_page_unpublished(sender, instance, **kwargs) -> None:
    # No longer public (unpublished, expired or deleted): its findings are over.
    from django.utils import timezone

    from . import services

    try:
        with transaction.atomic():
            services.resolve_missing(obj=instance, sources_scanned=("content", "file"), since=timezone.now())
    except Exception:
        logger.exception("Integrity: resolving the findings of %r failed", instance)


def _on_snippet_published(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    # Wagtail sends `published` for pages too, beside page_published: scan them once.
    if not isinstance(instance, Page):
        scan_saved(instance)


def _on_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    if hasattr(instance, "live") and not instance.live:
        return  # a draft is not public; it is scanned when published
    transaction.on_commit(lambda: scan_saved(instance))


def _on_task_state_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    """Approving a task of "Duyệt tin" with a blocking finding is refused, from any screen (the
    dashboard's approve button too): TaskState.approve saves the state, then publishes, all in
    one transaction, which this exception rolls back. The admin answers PermissionDenied with a
    redirect to the dashboard and an error message."""
    from django.core.exceptions import PermissionDenied
    from wagtail.models import TaskState

    from . import services

    if raw or created or not isinstance(instance, TaskState) or instance.status != TaskState.STATUS_APPROVED:
        return
    if instance.revision_id is None:
        return
    content = instance.revision.as_object()
    blocking = services.blocking(services.findings_preview(content))
    if blocking:
        logger.warning("Approval of %r refused: %s", content, ", ".join(f.rule for f in blocking))
        raise PermissionDenied("Nội dung có dấu hiệu bị chèn quảng cáo cờ bạc hoặc mã độc.")


def connect() -> None:
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.signals import page_published, page_unpublished, published

    from toasoan.core import periodic

    from . import jobs, registry

    page_published.connect(_on_page_published, dispatch_uid="trust.integrity.page_published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="trust.integrity.page_unpublished")
    post_save.connect(_on_task_state_saved, dispatch_uid="trust.integrity.task_state")
    published.connect(_on_snippet_published, dispatch_uid="trust.integrity.published")
    post_save.connect(_on_saved, sender=get_document_model(), dispatch_uid="trust.integrity.document")
    for model in settings_registry:
        post_save.connect(_on_saved, sender=model, dispatch_uid=f"trust.integrity.{model._meta.label_lower}")
    for registration in registry.registrations():
        post_save.connect(
            _on_saved, sender=registration.model, dispatch_uid=f"trust.integrity.{registration.model._meta.label_lower}"
        )
    periodic.register("trust.integrity_scan", jobs.scheduled_scan)
