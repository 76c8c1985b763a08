"""Demo figures: 60 days of views of the demo site's live pages, so the report and the footer show
something on a fresh install. Only when nothing was ever counted: real counts are never touched."""

import datetime
import random

from django.utils import timezone
from wagtail.models import Page, Site

from . import services
from .counter import Counts
from .models import SiteDay

DAYS = 60


def load_demo() -> dict[str, int]:
    if SiteDay.objects.exists():
        return {"ngày có số liệu": 0}
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {"ngày có số liệu": 0}
    root = site.root_page.url_path
    paths = [
        "/" + page.url_path[len(root) :]
        for page in Page.objects.live().descendant_of(site.root_page, inclusive=True).order_by("path")[:60]
    ]
    host = site.hostname
    rng = random.Random(2026)  # noqa: S311 - the same demo figures on every install
    weights = [1 / (rank + 1) for rank in range(len(paths))]  # a few pages get most views
    counts: Counts = {}
    today = timezone.localdate()
    for offset in range(DAYS, 0, -1):  # up to yesterday: today starts at zero
        day = today - datetime.timedelta(days=offset)
        weekday = 0.55 if day.weekday() >= 5 else 1.0
        views = int(rng.randint(180, 320) * weekday * (1 + (DAYS - offset) / DAYS))
        for path in rng.choices(paths, weights=weights, k=views):
            row = counts.setdefault((day, host, path), [0, 0])
            row[0] += 1
            row[1] += rng.random() < 0.4
    services.record_counts(counts)
    return {"ngày có số liệu": DAYS}
