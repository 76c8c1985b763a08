"""Read-side queries for news. Every public listing goes through `public_articles()`, so only
live pages without view restrictions are ever shown."""

import datetime
import math

from django.db.models import Q, QuerySet
from wagtail.models import Page

from .models import ArticlePage, HomePage, SectionPage

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
    return Q(display_date__lt=date) | same_day


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


def articles_between(start: datetime.date, end: datetime.date) -> QuerySet[ArticlePage]:
    """Articles whose "Ngày cập nhật" lies in [start, end]."""
    return _listing(public_articles().filter(display_date__range=(start, end)))


def nearest_days_with_news(day: datetime.date) -> tuple[datetime.date | None, datetime.date | None]:
    qs = public_articles()
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
