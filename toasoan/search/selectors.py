"""Read side of search."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from wagtail.models import Page

from . import analysis
from .models import SearchEntry


@dataclass(frozen=True)
class SearchQuery:
    raw: str
    terms: list[str]

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse_query(raw: str) -> SearchQuery:
    return SearchQuery(raw=raw, terms=analysis.query_terms(raw))


def search_entries(query: SearchQuery) -> QuerySet[SearchEntry]:
    """Entries matching every term (folded, whole words), title matches first, then newest."""
    if query.is_empty:
        return SearchEntry.objects.none()
    # Re-check visibility at read time too: the index is never the only guard.
    visible = Q(page__isnull=True) | Q(page__in=Page.objects.live().public().values("pk"))
    qs = SearchEntry.objects.filter(visible)
    title_hit = Q()
    for term in query.terms:
        qs = qs.filter(all_terms__contains=f" {term} ")
        title_hit &= Q(title_terms__contains=f" {term} ")
    return (
        qs.annotate(title_hit=Case(When(title_hit, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .select_related("page")
        .order_by("-title_hit", "-date", "-pk")
    )
