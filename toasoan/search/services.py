"""Writes to the search index."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.models import Page

from . import analysis
from .models import SearchEntry
from .registry import registration_for, registrations


def _key(obj: models.Model) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False), "object_id": obj.pk}


@transaction.atomic
def index_object(obj: models.Model) -> bool:
    """Index obj if it is registered and public; otherwise make sure it is not in the index."""
    registration = registration_for(obj)
    if registration is None:
        return False
    if not registration.is_public(obj):
        remove_object(obj)
        return False
    document = registration.to_document(obj)
    SearchEntry.objects.update_or_create(
        **_key(obj),
        defaults={
            "page": obj if isinstance(obj, Page) else None,
            "title": document.title,
            "text": document.text,
            "date": document.date,
            "title_terms": analysis.index_text(document.title),
            "all_terms": analysis.index_text(document.title + "\n" + document.text),
        },
    )
    return True


def remove_object(obj: models.Model) -> None:
    SearchEntry.objects.filter(**_key(obj)).delete()


def rebuild_index() -> int:
    """Re-index every registered object from scratch; returns how many are indexed."""
    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for registration in registrations():
            manager = registration.model._default_manager
            for obj in manager.all().iterator(chunk_size=500):
                count += index_object(obj)
    return count
