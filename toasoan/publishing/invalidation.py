"""Invalidation: any committed change that can show on a public page makes every cached page
stale, within the request that made it.

The scheme is deliberately global. Working out which URLs show a given page (home, sections and
their pagination, by-date pages, the "Các tin khác" of its neighbours, menus on every page) is
where caches go wrong; a new generation cannot miss one. It is cheap: one atomic rename, and
pages are re-rendered on their next request. Models listed below, and models that say
`page_cache_ignore = True` (rows that never appear on a public page: submissions before they are
published, votes counted live, outboxes), cannot change a public page; every other model,
including ones added later, invalidates by default."""

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, pre_page_move

from . import pagecache

# "app_label.model" of models whose rows never appear on a public page.
IGNORED_MODELS = frozenset(
    {
        "sessions.session",
        "admin.logentry",
        "auth.permission",
        "contenttypes.contenttype",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.revision",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.uploadedfile",
        "wagtailadmin.editingsession",
        "wagtailimages.rendition",
        "wagtailembeds.embed",
        "wagtailsearch.indexentry",
        "wagtailusers.userprofile",
        "search.searchentry",
        "search.searchtombstone",
        "django_tasks_database.dbtaskresult",
    }
)
# Saving a draft revision or locking touches only these columns of a page.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "wagtail_admin_comments",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def invalidate_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Start a new cache generation once the current transaction commits (at once outside one)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(func is _bump for _, func, _ in connection.run_on_commit):
        return  # one bump per transaction is enough
    transaction.on_commit(_bump, using=using)


def _bump() -> None:
    pagecache.get_store().bump()


def _drop_static_on_commit(page: Page, descendants: bool, using: str) -> None:
    """Withdraw a page's outage copies, so it cannot resurface while the database is down."""
    path = _relative_url(page)
    if path is not None:
        transaction.on_commit(lambda: pagecache.get_store().drop_static(path, descendants), using=using)


def _relative_url(page: Page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _on_change(sender, instance=None, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs) -> None:
    if sender._meta.label_lower in IGNORED_MODELS or getattr(sender, "page_cache_ignore", False):
        return
    if isinstance(instance, Page) and update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    if sender._meta.label_lower == "auth.user" and update_fields and set(update_fields) <= {"last_login"}:
        return
    invalidate_on_commit(using)


def _on_m2m_change(sender, instance=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    _on_change(sender, instance=instance, using=using)


def _on_unpublished(sender, instance: Page, **kwargs) -> None:
    invalidate_on_commit()
    _drop_static_on_commit(instance, descendants=False, using=DEFAULT_DB_ALIAS)


def _on_published(sender, instance: Page, **kwargs) -> None:
    invalidate_on_commit()


def _on_page_delete(sender, instance: Page, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    _drop_static_on_commit(instance, descendants=True, using=using)


def _on_pre_move(sender, instance: Page, **kwargs) -> None:
    invalidate_on_commit()  # the tree is rewritten with update(): no post_save for descendants
    _drop_static_on_commit(instance, descendants=True, using=DEFAULT_DB_ALIAS)


def _on_restriction(sender, instance: PageViewRestriction, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    _drop_static_on_commit(instance.page, descendants=True, using=using)


def connect() -> None:
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")
    page_published.connect(_on_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="pagecache-unpublished")
    pre_page_move.connect(_on_pre_move, dispatch_uid="pagecache-move")
    pre_delete.connect(_on_page_delete, sender=Page, dispatch_uid="pagecache-page-delete")
    for model in _page_models():
        pre_delete.connect(_on_page_delete, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
    post_save.connect(_on_restriction, sender=PageViewRestriction, dispatch_uid="pagecache-restriction")


def _page_models():
    from wagtail.models import get_page_models

    return get_page_models()
