"""Read-side queries for news. Every public listing goes through `public_articles()`, so only
live pages without view restrictions are ever shown."""

import datetime
import math
from dataclasses import dataclass

from django.db.models import Case, CharField, F, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber, Substr
from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from toasoan.core.vietnamese import fold

from .models import ArticlePage, HomePage, ProvincialNewsPage, SectionPage

OTHER_NEWS_COUNT = 10
NEWEST_FIRST = ("-display_date", "-first_published_at", "-pk")


def public_articles() -> QuerySet[ArticlePage]:
    return ArticlePage.objects.live().public().filter(display_date__isnull=False)


def _listing(qs: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    # Listings show title, date, sapo and image only: skip the (large) body.
    return qs.select_related("featured_image").defer("body").order_by(*NEWEST_FIRST)


def section_articles(section: SectionPage) -> QuerySet[ArticlePage]:
    return _listing(public_articles().child_of(section))


def _older_than(article: ArticlePage) -> Q:
    date, published, pk = article.display_date, article.first_published_at, article.pk
    same_day = Q(display_date=date) & (Q(first_published_at__lt=published) | Q(first_published_at=published, pk__lt=pk))
    # The redundant bound is what PostgreSQL can start an index scan from: without it, when many
    # sites share the table, the planner walked the date index down from the newest article of
    # every site and filtered (50 ms a page at 50 sites; bench/scale.py).
    return Q(display_date__lte=date) & (Q(display_date__lt=date) | same_day)


def other_news(
    article: ArticlePage, siblings: QuerySet[ArticlePage], limit: int = OTHER_NEWS_COUNT
) -> list[ArticlePage]:
    """The `limit` articles published just before this one among its siblings, newest first."""
    if article.display_date is None or article.first_published_at is None:
        return []
    return list(_listing(siblings.filter(_older_than(article)).exclude(pk=article.pk))[:limit])


def newer_news_page(
    article: ArticlePage, siblings: QuerySet[ArticlePage], per_page: int = SectionPage.PER_PAGE
) -> int | None:
    """The section listing page holding the articles just newer than this one, if any."""
    if article.display_date is None or article.first_published_at is None:
        return None
    newer = siblings.exclude(_older_than(article)).exclude(pk=article.pk).count()
    return math.ceil(newer / per_page) if newer else None


def article_context(article: ArticlePage) -> dict:
    # One query for the ancestors gives both the breadcrumbs and the section (the parent).
    breadcrumbs = list(article.get_ancestors().filter(depth__gt=1))
    section = breadcrumbs[-1]
    siblings = public_articles().child_of(section)
    return {
        "section": section,
        "breadcrumbs": breadcrumbs,
        "other_news": other_news(article, siblings),
        "newer_news_page": newer_news_page(article, siblings),
        "attachments": list(article.attachments.select_related("document")),
        "article_tags": list(article.tags.all()),
    }


def site_root(request: HttpRequest) -> Page:
    """The root page of the site the request is for (the default site for unknown hosts)."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return site.root_page


def articles_between(start: datetime.date, end: datetime.date, root: Page) -> QuerySet[ArticlePage]:
    """Articles of the site under `root` whose "Ngày cập nhật" lies in [start, end]."""
    return _listing(public_articles().descendant_of(root).filter(display_date__range=(start, end)))


def nearest_days_with_news(day: datetime.date, root: Page) -> tuple[datetime.date | None, datetime.date | None]:
    qs = public_articles().descendant_of(root)
    earlier = qs.filter(display_date__lt=day).order_by("-display_date").values_list("display_date", flat=True).first()
    later = qs.filter(display_date__gt=day).order_by("display_date").values_list("display_date", flat=True).first()
    return earlier, later


def home_page_blocks(home: HomePage, latest_count: int = 8, per_section: int = 5) -> dict:
    articles = public_articles().descendant_of(home)
    sections = list(SectionPage.objects.live().public().child_of(home).order_by("path"))
    section_blocks = []
    for section in sections:
        latest = list(_listing(articles.child_of(section))[:per_section])
        if latest:
            section_blocks.append({"section": section, "articles": latest})
    return {
        "latest_articles": list(_listing(articles)[:latest_count]),
        "featured_articles": list(_listing(articles.filter(is_featured=True))[:4]),
        "section_blocks": section_blocks,
    }


def site_sections(root: Page) -> QuerySet[SectionPage]:
    return SectionPage.objects.live().public().child_of(root).order_by("path")


# --- The provincial page: the latest news of every agency site ----------------------------------

LISTING_IMAGE = "fill-240x160"  # core/includes/article_list.html


@dataclass
class AgencyNews:
    site: Site
    agency_name: str
    articles: list[ArticlePage]


def _site_key(root_paths: list[str]):
    """An expression naming the site an article's tree path falls under (its root's path)."""
    lengths = {len(path) for path in root_paths}
    if len(lengths) == 1:  # usually: every site root is a child of the tree root
        return Substr("path", 1, lengths.pop())
    # Nested or uneven roots: the longest matching prefix wins.
    whens = [When(path__startswith=path, then=Value(path)) for path in sorted(root_paths, key=len, reverse=True)]
    return Case(*whens, default=Value(""), output_field=CharField())


def latest_news_by_site(per_site: int = 5) -> list[AgencyNews]:
    """The `per_site` newest public articles of each site, by agency name, in a fixed number of
    queries whatever the number of sites: the sites with their agency names, view restrictions
    (Wagtail's public()), the articles ranked per site root by a window function, and their images
    with renditions."""
    sites = list(Site.objects.select_related("root_page").annotate(agency=F("agencysettings__name")))
    if not sites:
        return []
    by_root = {site.root_page.path: site for site in sites}
    key = _site_key(list(by_root))
    ranked = (
        public_articles()
        .annotate(
            site_key=key,
            rank=Window(RowNumber(), partition_by=[key], order_by=[F(f.lstrip("-")).desc() for f in NEWEST_FIRST]),
        )
        .filter(rank__lte=per_site)
        .defer("body")
        .prefetch_related(
            Prefetch("featured_image", queryset=get_image_model().objects.prefetch_renditions(LISTING_IMAGE))
        )
        .order_by(*NEWEST_FIRST)
    )
    found: dict[str, list[ArticlePage]] = {}
    for article in ranked:
        if article.site_key in by_root:
            found.setdefault(article.site_key, []).append(article)
    news = [
        AgencyNews(site=site, agency_name=site.agency or site.site_name or site.hostname, articles=found.get(root, []))
        for root, site in by_root.items()
    ]
    return sorted(news, key=lambda item: (fold(item.agency_name).lower(), item.agency_name, item.site.pk))


def sites_showing_every_site(site: Site | None = None) -> list[int]:
    """Ids of the sites holding a live provincial page: they show every site's news (`site`'s
    included, whichever it is), so the page cache refreshes them whenever any site changes
    (registered with publishing.invalidation.register_dependents)."""
    paths = list(ProvincialNewsPage.objects.live().values_list("path", flat=True))
    if not paths:
        return []
    roots = Site.objects.values_list("pk", "root_page__path")
    return [pk for pk, root in roots if any(path.startswith(root) for path in paths)]
