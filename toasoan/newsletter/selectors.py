"""Reads for the newsletter. News sections and articles are read as Wagtail pages found by content
type (app label, model name), so this app never imports `news`."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from . import conf
from .models import ConsentRecord, NewsletterIndexPage, NewsletterIssuePage, Subscriber
from .periods import Period

SECTION_CONTENT_TYPE = ("news", "sectionpage")  # app_label, model
ARTICLE_CONTENT_TYPE = ("news", "articlepage")


def _of_type(content_type: tuple[str, str]) -> QuerySet[Page]:
    app_label, model = content_type
    return Page.objects.live().public().filter(content_type__app_label=app_label, content_type__model=model)


def sections(root: Page | None = None, keep: Iterable[int] = ()) -> QuerySet[Page]:
    """Live, public news sections, in the page tree's order (as the menu shows them): of the site
    under `root` when given (one installation, several agencies), plus the sections `keep`."""
    found = _of_type(SECTION_CONTENT_TYPE).order_by("path")
    if root is None:
        return found
    return found.filter(Q(path__startswith=root.path) | Q(pk__in=list(keep)))


def sections_by_id(ids: Iterable[int]) -> QuerySet[Page]:
    return sections().filter(pk__in=list(ids))


@dataclass(frozen=True)
class DigestSection:
    section: Page
    articles: list  # specific article pages, newest first


@dataclass(frozen=True)
class DigestContent:
    period: Period
    sections: list[DigestSection]

    @property
    def article_count(self) -> int:
        return sum(len(s.articles) for s in self.sections)


def digest_content(section_ids: Iterable[int], period: Period) -> DigestContent:
    """Live, public articles first published in `period`, in the chosen (still live) sections."""
    start, end = period.bounds()
    limit = conf.get("MAX_ARTICLES_PER_SECTION")
    result = []
    for section in sections_by_id(section_ids):
        articles = (
            _of_type(ARTICLE_CONTENT_TYPE)
            .child_of(section)
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .order_by("-first_published_at", "-pk")
            .specific()[:limit]
        )
        articles = list(articles)
        if articles:
            result.append(DigestSection(section=section, articles=articles))
    return DigestContent(period=period, sections=result)


def subscriber_by_key(key) -> Subscriber | None:
    return Subscriber.objects.filter(key=key).first()


def confirmed_subscriber_ids() -> list[int]:
    return list(
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by("pk").values_list("pk", flat=True)
    )


def recent_requests(*, ip_hash: str, email_hash: str) -> tuple[int, int]:
    """Subscribe requests in the last hour from this IP and for this address (each sent a mail)."""
    recent = ConsentRecord.objects.filter(created_at__gte=timezone.now() - datetime.timedelta(hours=1))
    by_ip = recent.filter(ip_hash=ip_hash).count() if ip_hash else 0
    return by_ip, recent.filter(email_hash=email_hash).count()


def published_issues(index: NewsletterIndexPage | None = None) -> QuerySet[NewsletterIssuePage]:
    issues = NewsletterIssuePage.objects.live().public()
    if index is not None:
        issues = issues.child_of(index)
    return issues.select_related("document", "cover_image").order_by("-issue_date", "-number", "-pk")


def archive_page() -> NewsletterIndexPage | None:
    return NewsletterIndexPage.objects.live().public().order_by("path").first()
