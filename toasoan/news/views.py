"""News by date ("Xem tin theo ngày"): /tin-theo-ngay/YYYY-MM-DD/ and /tin-theo-ngay/YYYY-MM/, of the
request's site only."""

import calendar
import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from toasoan.core.pagination import paginate

from . import selectors

PER_PAGE = 20


def by_date_form(request: HttpRequest) -> HttpResponse:
    """Target of the date field on every page: turns ?ngay=YYYY-MM-DD into the canonical URL."""
    value = request.GET.get("ngay", "").strip()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404("Ngày không hợp lệ") from None
    return redirect("news:by_day", year=day.year, month=day.month, day=day.day)


def by_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise Http404("Ngày không hợp lệ") from None
    root = selectors.site_root(request)
    articles = paginate(selectors.articles_between(date, date, root), request, PER_PAGE)
    earlier = later = None
    if not articles.paginator.count:
        earlier, later = selectors.nearest_days_with_news(date, root)
    return TemplateResponse(
        request,
        "news/by_date.html",
        {"day": date, "articles": articles, "earlier_day": earlier, "later_day": later, "selected_date": date},
    )


def by_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and datetime.MINYEAR <= year <= datetime.MAXYEAR):
        raise Http404("Tháng không hợp lệ")
    start = datetime.date(year, month, 1)
    end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    root = selectors.site_root(request)
    articles = paginate(selectors.articles_between(start, end, root), request, PER_PAGE)
    earlier = later = None
    if not articles.paginator.count:
        earlier, later = selectors.nearest_days_with_news(start, root)
        later = selectors.nearest_days_with_news(end, root)[1]
    return TemplateResponse(
        request,
        "news/by_date.html",
        {"month": start, "articles": articles, "earlier_day": earlier, "later_day": later, "selected_date": start},
    )
