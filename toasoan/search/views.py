import datetime
import math
from collections.abc import Sequence
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import analysis, registry, selectors
from .snippets import highlight

RESULTS_PER_PAGE = 10
MAX_PAGE = 1000


class _Window(Sequence):
    """What Django's Paginator needs: the total, and the one page of hits the engine returned."""

    def __init__(self, total: int, items: list) -> None:
        self.total, self.items = total, items

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.items if isinstance(index, slice) else self.items[index]


def _page_number(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        return 1


def _date(value: str, errors: list[str], label: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(f"“{label}” không phải ngày hợp lệ nên đã được bỏ qua.")
        return None


def _search_page(query: selectors.SearchQuery, number: int) -> tuple[Page, tuple[str, ...]]:
    results = selectors.search(query, offset=(number - 1) * RESULTS_PER_PAGE, limit=RESULTS_PER_PAGE)
    last = max(1, math.ceil(results.total / RESULTS_PER_PAGE))
    if number > last:  # a page past the end shows the last one
        number = last
        results = selectors.search(query, offset=(number - 1) * RESULTS_PER_PAGE, limit=RESULTS_PER_PAGE)
    page = Paginator(_Window(results.total, results.entries), RESULTS_PER_PAGE).page(number)
    return page, results.highlight_terms


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").replace("\x00", " ")[: analysis.MAX_QUERY_CHARS]
    errors: list[str] = []
    filters = registry.filters()
    groups = [value for spec in filters for value in request.GET.getlist(spec.name) if value]
    kinds = {kind.value: kind for kind in registry.kinds()}
    chosen_kinds = [value for value in request.GET.getlist("loai") if value]
    if any(value not in kinds for value in chosen_kinds):
        errors.append("“Loại nội dung” đã chọn không hợp lệ nên đã được bỏ qua.")
    chosen_kinds = [value for value in chosen_kinds if value in kinds]
    date_from = _date(request.GET.get("tu-ngay", ""), errors, "Từ ngày")
    date_to = _date(request.GET.get("den-ngay", ""), errors, "Đến ngày")
    sort_key = request.GET.get("sap-xep", "lien-quan")
    scopes = selectors.scopes_for_request(request)  # this site's search: its pages only
    site_root = scopes[0] if len(scopes) > 1 else None
    query = selectors.parse_query(
        q,
        groups=groups,
        kinds=[kinds[value].kind for value in chosen_kinds],
        date_from=date_from,
        date_to=date_to,
        sort=selectors.SORTS.get(sort_key, "relevance"),
        scopes=scopes,
    )
    results, terms = _search_page(query, _page_number(request)) if not query.is_empty else (None, ())
    # With more than one content type, each result says what it is ("Thủ tục hành chính").
    labels = {kind.kind: kind.label for kind in kinds.values()} if len(kinds) > 1 else {}
    for entry in results or []:
        entry.snippet = highlight(entry.text, list(terms))
        entry.kind_label = labels.get(entry.kind, "")
    kept = {k: v for k, v in request.GET.lists() if k != "page"}
    return TemplateResponse(
        request,
        "search/results.html",
        {
            "query": query,
            "results": results,
            "q": q,
            "errors": errors,
            "filters": [
                {"spec": spec, "choices": spec.choices_for(site_root), "selected": request.GET.getlist(spec.name)}
                for spec in filters
            ],
            "kinds": list(kinds.values()) if len(kinds) > 1 else [],
            "chosen_kinds": chosen_kinds,
            "date_from": date_from,
            "date_to": date_to,
            "sort": sort_key if sort_key in selectors.SORTS else "lien-quan",
            "results_query": urlencode(kept, doseq=True) + "&",
        },
    )


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    q = request.GET.get("q", "")[:100]
    entries = selectors.suggest(q, scopes=selectors.scopes_for_request(request)) if q.strip() else []
    return JsonResponse(
        {"q": q, "suggestions": [{"title": e.title, "url": e.page.get_url(request) if e.page else ""} for e in entries]}
    )
