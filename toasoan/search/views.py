from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from toasoan.core.pagination import paginate

from . import analysis, selectors
from .snippets import highlight

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[: analysis.MAX_QUERY_CHARS]
    query = selectors.parse_query(q)
    results = paginate(selectors.search_entries(query), request, RESULTS_PER_PAGE)
    for entry in results:
        entry.snippet = highlight(entry.text, query.terms)
    return TemplateResponse(
        request,
        "search/results.html",
        {"query": query, "results": results, "q": q, "results_query": urlencode({"q": q}) + "&"},
    )
