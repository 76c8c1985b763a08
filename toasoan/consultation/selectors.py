"""Read-side queries for consultations. Public listings only ever show live, public pages and
approved comments (PublishedComment), never a pending one or an email address."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from toasoan.core.pagination import paginate

from . import rules
from .models import Comment, ConsultationIndexPage, ConsultationPage, PublishedComment


@dataclass(frozen=True)
class ConsultationCard:
    """A draft as the index lists it, with what depends on the time of the render."""

    page: ConsultationPage
    phase: rules.Phase
    days_left: int | None
    comment_count: int

    @property
    def phase_label(self) -> str:
        return rules.PHASE_LABELS[self.phase]


def public_consultations(index: ConsultationIndexPage) -> QuerySet[ConsultationPage]:
    return ConsultationPage.objects.live().public().child_of(index)


def _cards(pages, now: datetime.datetime) -> list[ConsultationCard]:
    return [ConsultationCard(page, page.phase(now), page.days_left(now), page.public_comment_count) for page in pages]


def index_context(index: ConsultationIndexPage, request: HttpRequest, now: datetime.datetime | None = None) -> dict:
    """Open drafts (nearest deadline first), drafts not open yet, then closed ones (latest
    first, paginated)."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone.get_default_timezone())
    pages = (
        public_consultations(index)
        .defer("body", "report_body")
        .annotate(public_comment_count=Count("published_comments"))
    )
    closed = paginate(pages.filter(closes_at__lte=now).order_by("-closes_at", "-pk"), request, rules.CLOSED_PER_PAGE)
    first_page = closed.number == 1
    open_pages = pages.filter(closes_at__gt=now, opens_on__lte=today).order_by("closes_at", "pk")
    upcoming = pages.filter(closes_at__gt=now, opens_on__gt=today).order_by("opens_on", "pk")
    return {
        "open_consultations": _cards(open_pages, now) if first_page else [],
        "upcoming_consultations": _cards(upcoming, now) if first_page else [],
        "closed_consultations": closed,
        "closed_cards": _cards(closed.object_list, now),
    }


def public_comments(consultation: ConsultationPage) -> QuerySet[PublishedComment]:
    return PublishedComment.objects.filter(consultation=consultation).order_by("-submitted_at", "-pk")


def consultation_context(
    consultation: ConsultationPage, request: HttpRequest, now: datetime.datetime | None = None
) -> dict:
    now = now or timezone.now()
    phase = consultation.phase(now)
    comments = public_comments(consultation)
    return {
        "breadcrumbs": list(consultation.get_ancestors().filter(depth__gt=1)),
        "phase": phase,
        "phase_label": rules.PHASE_LABELS[phase],
        "is_open": phase == rules.Phase.OPEN,
        "days_left": consultation.days_left(now),
        "opens_at": rules.opening_time(consultation.opens_on),
        "documents": list(consultation.documents.select_related("document")),
        "show_report": phase == rules.Phase.CLOSED and consultation.has_report,
        "public_comments": paginate(comments, request, rules.PUBLIC_COMMENTS_PER_PAGE),
        "public_comment_count": comments.count(),
    }


def comments_for_export(consultation: ConsultationPage) -> QuerySet[Comment]:
    """Every comment on a draft, oldest first: the material of the summary report."""
    return Comment.objects.filter(consultation=consultation).select_related("moderated_by").order_by("created_at", "pk")


def consultations_with_comment_counts() -> QuerySet[ConsultationPage]:
    """Every draft (live or not) with its number of comments, latest deadline first (admin)."""
    return ConsultationPage.objects.annotate(comment_count=Count("comments")).order_by("-closes_at", "-pk")
