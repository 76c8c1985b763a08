"""Reading counts for the admin report and the footer. Paths become pages here, at report time
(Wagtail's Site by host, then Page by url_path), never when a view is counted: counting stays
free of the database, and a page moved or renamed since keeps its old path's counts apart."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, Site

from .models import PageViewDay, SiteDay

PERIODS = {"7": ("7 ngày qua", 7), "30": ("30 ngày qua", 30), "all": ("Từ trước đến nay", None)}


@dataclass(frozen=True)
class Totals:
    views_today: int
    views_month: int
    views_total: int
    visits_today: int
    visits_month: int
    visits_total: int


@dataclass
class TopPage:
    path: str
    host: str
    views: int
    entries: int
    page: Page | None = None
    paths: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title if self.page is not None else self.path

    @property
    def kind(self) -> str:
        if self.page is None:
            return "Không còn trang (hoặc trang phụ)"
        return str(self.page.specific_class._meta.verbose_name).capitalize() if self.page.specific_class else ""


@dataclass(frozen=True)
class DayCount:
    day: datetime.date
    views: int
    visits: int


def today() -> datetime.date:
    return timezone.localdate()


def totals(day: datetime.date | None = None) -> Totals:
    """Views and visits of today, this month and all time, over every host, in one query."""
    day = day or today()
    month = Q(day__gte=day.replace(day=1), day__lte=day)
    sums = SiteDay.objects.aggregate(
        views_today=Coalesce(Sum("views", filter=Q(day=day)), 0),
        views_month=Coalesce(Sum("views", filter=month), 0),
        views_total=Coalesce(Sum("views"), 0),
        visits_today=Coalesce(Sum("visits", filter=Q(day=day)), 0),
        visits_month=Coalesce(Sum("visits", filter=month), 0),
        visits_total=Coalesce(Sum("visits"), 0),
    )
    return Totals(**sums)


def daily_trend(days: int = 30, day: datetime.date | None = None) -> list[DayCount]:
    """One entry per day of the last `days` days, oldest first, days without views included."""
    end = day or today()
    start = end - datetime.timedelta(days=days - 1)
    rows = (
        SiteDay.objects.filter(day__gte=start, day__lte=end)
        .values("day")
        .annotate(views=Sum("views"), visits=Sum("visits"))
    )
    by_day = {row["day"]: row for row in rows}
    result = []
    for offset in range(days):
        current = start + datetime.timedelta(days=offset)
        row = by_day.get(current, {})
        result.append(DayCount(current, row.get("views", 0), row.get("visits", 0)))
    return result


def top_pages(period_days: int | None, limit: int = 20, day: datetime.date | None = None) -> list[TopPage]:
    """The most viewed pages of the last `period_days` days (None: all time), as Wagtail pages
    where their path still leads to one. Views of one page under several hosts are added up."""
    rows = PageViewDay.objects.all()
    if period_days is not None:
        end = day or today()
        rows = rows.filter(day__gte=end - datetime.timedelta(days=period_days - 1), day__lte=end)
    grouped = list(
        rows.values("host", "path")
        .annotate(views=Sum("views"), entries=Sum("entries"))
        .order_by("-views", "path")[: limit * 3]
    )
    pages = pages_for_paths({(row["host"], row["path"]) for row in grouped})
    merged: dict[object, TopPage] = {}
    for row in grouped:
        page = pages.get((row["host"], row["path"]))
        key = page.pk if page is not None else row["path"]
        item = merged.get(key)
        if item is None:
            item = merged[key] = TopPage(path=row["path"], host=row["host"], views=0, entries=0, page=page)
        item.views += row["views"]
        item.entries += row["entries"]
        item.paths.append(row["path"])
    return sorted(merged.values(), key=lambda item: (-item.views, item.path))[:limit]


def pages_for_paths(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Page]:
    """(host, path) -> the live page at that path of the site serving that host (Wagtail's rule:
    the site with that hostname, else the default site)."""
    sites = list(Site.objects.select_related("root_page"))
    default = next((s for s in sites if s.is_default_site), None)
    by_host = {s.hostname: s for s in sites}
    wanted: dict[str, list[tuple[str, str]]] = {}
    for host, path in keys:
        site = by_host.get(host, default)
        if site is None:
            continue
        url_path = site.root_page.url_path + path.lstrip("/")
        wanted.setdefault(url_path, []).append((host, path))
    result = {}
    for page in Page.objects.live().filter(url_path__in=list(wanted)).select_related("content_type"):
        for key in wanted[page.url_path]:
            result[key] = page
    return result
