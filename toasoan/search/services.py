"""Writes to the search index. The database rows change in the caller's transaction; the engine
follows once it commits (search.sync), so a rolled-back publish never reaches the engine."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.models import Page

from .models import SearchEntry, SearchTombstone, entry_key
from .registry import registration_for, registrations
from .sync import sync_after_commit


def _identity(obj: models.Model) -> tuple[ContentType, int]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), obj.pk


@transaction.atomic
def index_object(obj: models.Model) -> bool:
    """Index obj if it is registered and public; otherwise make sure it is out of the index."""
    registration = registration_for(obj)
    if registration is None:
        return False
    if not registration.is_public(obj):
        remove_object(obj)
        return False
    document = registration.to_document(obj)
    content_type, object_id = _identity(obj)
    SearchEntry.objects.update_or_create(
        content_type=content_type,
        object_id=object_id,
        defaults={
            "page": obj if isinstance(obj, Page) else None,
            "title": document.title,
            "text": document.text,
            "date": document.date,
            "groups": " ".join(document.groups),
            "synced": False,
        },
    )
    SearchTombstone.objects.filter(key=entry_key(content_type.pk, object_id)).delete()
    sync_after_commit()
    return True


@transaction.atomic
def remove_object(obj: models.Model) -> None:
    content_type, object_id = _identity(obj)
    if SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()[0]:
        SearchTombstone.objects.get_or_create(key=entry_key(content_type.pk, object_id))
        sync_after_commit()


def rebuild_entries(progress=None) -> int:
    """Recreate every entry from the registered content; returns how many are public."""
    objects = [obj for registration in registrations() for obj in registration.model._default_manager.all().iterator()]
    count = 0
    with transaction.atomic():
        for index, obj in enumerate(objects, start=1):
            count += index_object(obj)
            if progress:
                progress(index, len(objects))
        registered = [ContentType.objects.get_for_model(r.model, for_concrete_model=False) for r in registrations()]
        stale = SearchEntry.objects.exclude(content_type__in=registered)
        for content_type_id, object_id in stale.values_list("content_type_id", "object_id"):
            SearchTombstone.objects.get_or_create(key=entry_key(content_type_id, object_id))
        stale.delete()
    return count


def rebuild_index() -> int:
    """Entries and engine from scratch (manage.py reindex calls this with a progress bar)."""
    from .sync import rebuild_engine

    count = rebuild_entries()
    rebuild_engine()
    return count
