"""Invalidation: any committed change that can show on a public page makes every cached page of
the sites it shows on stale, within the request that made it.

Per site, never per URL. Working out which URLs show a given page (home, sections and their
pagination, by-date pages, the "Các tin khác" of its neighbours, menus on every page) is where
caches go wrong; a new generation for the site's hosts cannot miss one. It is cheap: one atomic
rename per host, and pages are re-rendered on their next request.

What a change touches (`_scope`):
- a page, or a row that belongs to one (ParentalKey: tags, inline items): the sites whose root is
  the page or above it;
- a row with a Site foreign key (site settings) or belonging to one: that site;
- anything else (snippets, images, documents, users, the Site rows themselves), and pages of
  types that say `page_cache_all_sites = True` (shown on every site: the documents library,
  auto-linked from any site's articles): every site.
Sites that show other sites' content (a provincial page aggregating every agency's news) say so
with `register_dependents`: they are refreshed with the sites they depend on.

Models listed below, and models that say `page_cache_ignore = True` (rows that never appear on a
public page: submissions before they are published, votes counted live, outboxes), cannot change a
public page; every other model, including ones added later, invalidates by default."""

import logging
from collections.abc import Callable, Iterable

from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction, Site
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


logger = logging.getLogger(__name__)
EVERY_SITE = None  # a change's scope when it may show on any site

_dependents: list[Callable[[Site], Iterable]] = []


def register_dependents(func: Callable[[Site], Iterable]) -> None:
    """`func(site)` returns the sites (Site objects or ids) that show content of `site`: they are
    refreshed whenever it is. Apps call this from ready() (news: the provincial aggregate)."""
    if func not in _dependents:
        _dependents.append(func)


class _Pending:
    """What one transaction changed, bumped on commit: every site, or the sites' hosts."""

    def __init__(self) -> None:
        self.everything = False
        self.site_ids: set[int] = set()
        self.done = False

    def add(self, site_ids: set[int] | None) -> None:
        if site_ids is EVERY_SITE:
            self.everything = True
        elif not self.everything:
            self.site_ids |= site_ids

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        store = pagecache.get_store()
        if self.everything:
            store.bump()
        elif self.site_ids:
            try:
                hosts = hosts_of(with_dependents(self.site_ids))
            except Exception:  # the database gone right after the commit: refresh everything
                logger.warning("Page cache: sites of a change unknown, every site refreshed", exc_info=True)
                store.bump()
                return
            if hosts:
                store.bump(hosts)


def invalidate_on_commit(using: str = DEFAULT_DB_ALIAS, sites: Iterable | None = EVERY_SITE) -> None:
    """Start a new cache generation once the current transaction commits (at once outside one):
    for every site, or for `sites` (Site objects or ids) and the sites that depend on them."""
    site_ids = EVERY_SITE if sites is EVERY_SITE else {getattr(site, "pk", site) for site in sites}
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _, func, _ in connection.run_on_commit:
            if isinstance(func, _Pending) and not func.done:  # one bump per transaction, for all it changed
                func.add(site_ids)
                return
    pending = _Pending()
    pending.add(site_ids)
    transaction.on_commit(pending, using=using)


def with_dependents(site_ids: set[int]) -> set[int]:
    """The sites and those that show their content (register_dependents)."""
    if not _dependents:
        return set(site_ids)
    found = set(site_ids)
    for site in Site.objects.filter(pk__in=site_ids):
        for func in _dependents:
            found |= {getattr(dependent, "pk", dependent) for dependent in func(site)}
    return found


def hosts_of(site_ids: set[int]) -> set[str]:
    """The host names readers reach these sites by, as the page cache keys them (no port). The
    default site also answers every host no site names (ALLOWED_HOSTS permitting): those the cache
    has seen."""
    sites = list(Site.objects.values_list("pk", "hostname", "is_default_site"))
    named: dict[str, set[int]] = {}
    for pk, hostname, _ in sites:
        named.setdefault(hostname.lower(), set()).add(pk)
    hosts = {hostname for hostname, pks in named.items() if pks & site_ids}
    if any(is_default and pk in site_ids for pk, _, is_default in sites):
        # Sites on one host name and different ports share the cache's keys: refresh them too.
        hosts |= {host for host in pagecache.get_store().hosts() if len(named.get(host, ())) != 1}
    return hosts


def _site_roots() -> list[tuple[int, str]]:
    return list(Site.objects.values_list("pk", "root_page__path"))


def _page_sites(page: Page) -> set[int] | None:
    """Sites serving `page`: every site whose root is the page or above it (a nested site's pages
    are also reachable through the outer one)."""
    if getattr(type(page), "page_cache_all_sites", False) or not page.path:
        return EVERY_SITE
    sites = {pk for pk, path in _site_roots() if page.path.startswith(path)}
    return sites or EVERY_SITE  # outside every site: shown nowhere we know of, be safe


def _scope(instance, depth: int = 0) -> set[int] | None:
    """The sites a saved or deleted row can show on (EVERY_SITE when unknown)."""
    if instance is None or depth > 3:
        return EVERY_SITE
    if isinstance(instance, Page):
        return _page_sites(instance)
    if isinstance(instance, Site):
        return EVERY_SITE  # a new host, root or default site: everything may change
    for field in instance._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        if field.related_model is Site and getattr(instance, field.attname, None) is not None:
            return {getattr(instance, field.attname)}
        if isinstance(field, ParentalKey):  # an inline row, tag... of its parent
            try:
                parent = getattr(instance, field.name)
            except ObjectDoesNotExist:
                return EVERY_SITE
            return _scope(parent, depth + 1)
    return EVERY_SITE


def _drop_static_on_commit(page: Page, descendants: bool, using: str) -> None:
    """Withdraw a page's outage copies, so it cannot resurface while the database is down."""
    path = _relative_url(page)
    if path is None:
        return
    site_ids = _page_sites(page)

    def drop() -> None:
        hosts = hosts_of(site_ids) if site_ids is not EVERY_SITE else None
        pagecache.get_store().drop_static(path, descendants, hosts=hosts)

    transaction.on_commit(drop, using=using)


def _relative_url(page: Page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _on_change(sender, instance=None, using=DEFAULT_DB_ALIAS, update_fields=None, created=False, **kwargs) -> None:
    label = sender._meta.label_lower
    if label in IGNORED_MODELS or getattr(sender, "page_cache_ignore", False):
        return
    if isinstance(instance, Page) and update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    if label == "auth.user" and update_fields and set(update_fields) <= {"last_login"}:
        return
    if label == "taggit.tag" and created:
        return  # a new tag shows nowhere until a tagged row (which invalidates its page) uses it
    invalidate_on_commit(using, sites=_scope(instance))


def _on_m2m_change(sender, instance=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    _on_change(sender, instance=instance, using=using)


def _on_unpublished(sender, instance: Page, **kwargs) -> None:
    invalidate_on_commit(sites=_page_sites(instance))
    _drop_static_on_commit(instance, descendants=False, using=DEFAULT_DB_ALIAS)


def _on_published(sender, instance: Page, **kwargs) -> None:
    invalidate_on_commit(sites=_page_sites(instance))


def _on_page_delete(sender, instance: Page, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    _drop_static_on_commit(instance, descendants=True, using=using)


def _on_pre_move(sender, instance: Page, parent_page_after: Page | None = None, **kwargs) -> None:
    # The tree is rewritten with update(): no post_save for descendants. Old and new sites.
    before, after = _page_sites(instance), _page_sites(parent_page_after) if parent_page_after else EVERY_SITE
    invalidate_on_commit(sites=EVERY_SITE if EVERY_SITE in (before, after) else before | after)
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
