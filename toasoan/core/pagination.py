from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(items, request: HttpRequest, per_page: int, param: str = "page") -> Page:
    """Paginate leniently: junk, zero, negative or too-large page numbers never error.

    Non-numbers give the first page, too-large numbers give the last one."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get(param, "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    clamped = min(max(number, 1), paginator.num_pages)
    if raw != str(clamped):
        # Junk and out-of-range numbers still get a page, but shared caches must not keep a
        # copy for every such URL (toasoan.publishing reads this flag).
        request.page_cacheable = False
    return paginator.page(clamped)
