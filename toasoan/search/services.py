"""Writes to the search index. The database rows change in the caller's transaction; the engine
follows once it commits (search.sync), so a rolled-back publish never reaches the engine."""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from .backends import follows_database
from .models import SCOPE_NO_SITE, SCOPE_SHARED, SearchEntry, SearchTombstone, entry_key
from .registry import registration_for, registrations
from .sync import sync_after_commit

SiteRoots = Sequence[tuple[int, str]]


def _identity(obj: models.Model) -> tuple[ContentType, int]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), obj.pk


def site_roots() -> list[tuple[int, str]]:
    """(page id, tree path) of every site's root page, deepest first; aliases (two sites on one
    root) count once."""
    roots = set(Site.objects.values_list("root_page_id", "root_page__path"))
    return sorted(roots, key=lambda root: (-len(root[1]), root[1]))


def scope_of(obj: models.Model, roots: SiteRoots | None = None) -> int:
    """SearchEntry.scope of obj: a page belongs to the nearest site root above it (itself
    included); another object to its registration's site, or to every site."""
    if isinstance(obj, Page):
        for root_id, path in site_roots() if roots is None else roots:
            if obj.path.startswith(path):
                return root_id
        return SCOPE_NO_SITE
    registration = registration_for(obj)
    site = registration.site(obj) if registration is not None and registration.site is not None else None
    return site.root_page_id if site is not None else SCOPE_SHARED


def entry_extra_fields(obj: models.Model, roots: SiteRoots | None = None) -> dict:
    """SearchEntry values beyond the document's, for loaders that write entries in bulk
    (pass `roots=site_roots()` to save a query per object)."""
    return {"scope": scope_of(obj, roots)}


@transaction.atomic
def index_object(obj: models.Model, *, roots: SiteRoots | None = None) -> bool:
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
            "scope": scope_of(obj, roots),
            "synced": False,
        },
    )
    _changed([(content_type.pk, object_id)])
    sync_after_commit()
    return True


@transaction.atomic
def remove_object(obj: models.Model) -> None:
    content_type, object_id = _identity(obj)
    if SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()[0]:
        _changed([(content_type.pk, object_id)], removed=True)
        sync_after_commit()


def rebuild_entries(progress=None) -> int:
    """Recreate every entry from the registered content; returns how many are public."""
    objects = [obj for registration in registrations() for obj in registration.model._default_manager.all().iterator()]
    count = 0
    with transaction.atomic():
        roots = site_roots()
        for index, obj in enumerate(objects, start=1):
            count += index_object(obj, roots=roots)
            if progress:
                progress(index, len(objects))
        registered = [ContentType.objects.get_for_model(r.model, for_concrete_model=False) for r in registrations()]
        stale = SearchEntry.objects.exclude(content_type__in=registered)
        _changed(list(stale.values_list("content_type_id", "object_id")), removed=True)
        stale.delete()
    return count


@transaction.atomic
def rescope_entries() -> int:
    """Give every page entry the scope of the site it is under now (after a site is created,
    deleted or given another root page); returns how many changed. A few UPDATEs, one per site."""
    roots = site_roots()
    now = timezone.now()
    changed = 0
    done: list[str] = []
    for root_id, path in roots:  # deepest first: pages under a deeper root are already done
        entries = SearchEntry.objects.filter(page__path__startswith=path).exclude(scope=root_id)
        for deeper in done:
            entries = entries.exclude(page__path__startswith=deeper)
        # updated_at too: a sync that read the entry before this must not mark it synced.
        _rescoped(entries)
        changed += entries.update(scope=root_id, synced=False, updated_at=now)
        done.append(path)
    outside = SearchEntry.objects.filter(page__isnull=False).exclude(scope=SCOPE_NO_SITE)
    for path in done:
        outside = outside.exclude(page__path__startswith=path)
    _rescoped(outside)
    changed += outside.update(scope=SCOPE_NO_SITE, synced=False, updated_at=now)
    if changed:
        sync_after_commit()
    return changed


def rebuild_index() -> int:
    """Entries and engine from scratch (manage.py reindex calls this with a progress bar)."""
    from .sync import rebuild_engine

    count = rebuild_entries()
    rebuild_engine()
    return count


# How the engine learns of a change: local indexes that follow the database read SearchChange
# rows (search.follow); a single engine reads the outbox (unsynced entries and tombstones).
def _changed(pairs: list[tuple[int, int]], removed: bool = False) -> None:
    if follows_database():
        from .follow import record_changes

        record_changes(pairs)  # a follower indexes each entry as it is, or drops it when gone
    elif removed:
        for pair in pairs:
            SearchTombstone.objects.get_or_create(key=entry_key(*pair))
    else:  # the entry is back: an older removal must not reach the engine after it
        SearchTombstone.objects.filter(key__in=[entry_key(*pair) for pair in pairs]).delete()


def _rescoped(entries: models.QuerySet[SearchEntry]) -> None:
    if follows_database():
        _changed(list(entries.values_list("content_type_id", "object_id")))
