"""Read side of search: the engine ranks, the database decides what may be shown."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, Site

from . import analysis
from .backends import get_engine
from .engine import SearchRequest
from .models import SCOPE_SHARED, SearchEntry

SORTS = {"lien-quan": "relevance", "moi-nhat": "newest"}


@dataclass(frozen=True)
class SearchQuery:
    raw: str
    terms: list[str]
    groups: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # content types, e.g. ("procedures.procedurepage",)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    scopes: tuple[int, ...] = ()  # the searched site's (scopes_for_request); () every site

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse_query(
    raw: str,
    *,
    groups: Sequence[str] = (),
    kinds: Sequence[str] = (),
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    sort: str = "relevance",
    scopes: Sequence[int] = (),
) -> SearchQuery:
    raw = raw.replace("\x00", " ")[: analysis.MAX_QUERY_CHARS]
    return SearchQuery(
        raw=raw,
        terms=analysis.query_terms(raw),
        groups=tuple(groups),
        kinds=tuple(kinds),
        date_from=date_from,
        date_to=date_to,
        sort=sort if sort in SORTS.values() else "relevance",
        scopes=tuple(scopes),
    )


def scopes_for_request(request: HttpRequest) -> tuple[int, ...]:
    """What a search on the request's site finds: that site's pages (every site on the same root,
    aliases included) and the objects every site shares."""
    site = Site.find_for_request(request)
    return (site.root_page_id, SCOPE_SHARED) if site is not None else (SCOPE_SHARED,)


@dataclass
class SearchResults:
    entries: list[SearchEntry] = field(default_factory=list)
    total: int = 0
    highlight_terms: tuple[str, ...] = ()


def _visible(entries: list[SearchEntry], scopes: Sequence[int] = ()) -> list[SearchEntry]:
    """Drop entries whose page is no longer live or public, or now on another site (the engine
    may lag behind)."""
    if scopes:
        entries = [e for e in entries if e.scope in scopes]
    page_ids = {e.page_id for e in entries if e.page_id}
    if not page_ids:
        return entries
    visible = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
    return [e for e in entries if e.page_id is None or e.page_id in visible]


def search(query: SearchQuery, *, offset: int = 0, limit: int = 10) -> SearchResults:
    if query.is_empty:
        return SearchResults()
    result = get_engine().search(
        SearchRequest(
            query=query.raw,
            limit=limit,
            offset=offset,
            groups=query.groups,
            kinds=query.kinds,
            date_from=query.date_from,
            date_to=query.date_to,
            sort=query.sort,
            scopes=query.scopes,
        )
    )
    keys = [hit.key for hit in result.hits]
    by_key = {entry.key: entry for entry in _entries_for_keys(keys)}
    entries = _visible([by_key[key] for key in keys if key in by_key], query.scopes)
    return SearchResults(entries=entries, total=result.total, highlight_terms=result.highlight_terms)


def _entries_for_keys(keys: list[str]) -> list[SearchEntry]:
    if not keys:
        return []
    condition = Q()
    for key in keys:
        content_type_id, object_id = key.split(":")
        condition |= Q(content_type_id=int(content_type_id), object_id=int(object_id))
    return list(SearchEntry.objects.filter(condition).select_related("page"))


def search_entries(query: SearchQuery, limit: int = 100) -> list[SearchEntry]:
    """The first `limit` visible results, best first (for callers that need no pagination)."""
    return search(query, limit=limit).entries


def suggest(prefix: str, limit: int = 8, scopes: Sequence[int] = ()) -> list[SearchEntry]:
    """Visible entries whose title contains the typed words in order (the last one possibly
    unfinished), newest first; `scopes` as SearchQuery.scopes."""
    hits = get_engine().suggest(prefix.replace("\x00", " "), limit=limit * 2, scopes=tuple(scopes))
    keys = [hit.key for hit in hits]
    by_key = {entry.key: entry for entry in _entries_for_keys(keys)}
    return _visible([by_key[key] for key in keys if key in by_key], scopes)[:limit]
