"""The interface every search engine implements, and the values that cross it."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol


@dataclass(frozen=True)
class IndexDoc:
    key: str  # unique and stable, e.g. "news.articlepage:42"
    title: str
    text: str
    date: datetime.date | None = None
    groups: tuple[str, ...] = ()  # filter labels, e.g. ("section:5",)
    kind: str = ""  # content type label, e.g. "news.articlepage"
    scope: int = 0  # which site's search finds it (search.models.SearchEntry.scope)


@dataclass(frozen=True)
class SearchRequest:
    query: str
    limit: int = 10
    offset: int = 0
    groups: tuple[str, ...] = ()  # any of these
    kinds: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: Literal["relevance", "newest"] = "relevance"
    scopes: tuple[int, ...] = ()  # only documents of these scopes (a site's, and shared); () all


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    # Query terms (exact and folded forms) the engine matched on: snippets highlight these.
    highlight_terms: tuple[str, ...] = ()


class Engine(Protocol):
    def upsert(self, docs: Iterable[IndexDoc]) -> None: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def clear(self) -> None: ...

    def commit(self) -> None: ...

    def search(self, request: SearchRequest) -> SearchResult: ...

    def suggest(self, prefix: str, limit: int = 8, scopes: Sequence[int] = ()) -> list[Hit]: ...

    def set_abbreviations(self, abbreviations: Mapping[str, Sequence[str]]) -> None: ...
