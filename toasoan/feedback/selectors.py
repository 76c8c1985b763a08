"""Reads for feedback: deadlines, lookups by code, the public Q&A list, who may handle what."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from toasoan.core.discovery import Entry
from toasoan.core.vietnamese import fold

from . import conf, workdays
from .models import OPEN_STATUSES, Holiday, PublishedQuestion, Submission, TrackingLookup

HANDLER_GROUP = "Cán bộ tiếp nhận phản ánh"
APPROVER_GROUP = "Lãnh đạo duyệt trả lời"


def deadline_for(received: datetime.date) -> datetime.date:
    """15 working days after the day of receipt (settings: DEADLINE_WORKING_DAYS)."""
    days = conf.get("DEADLINE_WORKING_DAYS")
    # Three times the span is more than any run of holidays can stretch it.
    horizon = received + datetime.timedelta(days=days * 3 + 30)
    rows = Holiday.objects.filter(date__gt=received, date__lte=horizon).values_list("date", "is_working_day")
    holidays = {day for day, working in rows if not working}
    working_weekends = {day for day, working in rows if working}
    return workdays.add_working_days(received, days, holidays, working_weekends)


def submission_by_code(code: str) -> Submission | None:
    return Submission.objects.filter(code=code).first()


def lookup_misses(ip_hash: str) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    return TrackingLookup.objects.filter(ip_hash=ip_hash, created_at__gte=since).count()


def overdue_submissions() -> QuerySet[Submission]:
    return Submission.objects.filter(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())


def public_questions(query: str = "", kind: str = "") -> QuerySet[PublishedQuestion]:
    questions = PublishedQuestion.objects.filter(is_public=True)
    if kind:
        questions = questions.filter(kind=kind)
    for word in fold(query).lower().split()[:8]:
        questions = questions.filter(search_text__contains=word)
    return questions.select_related("about")


def public_page(page_id: str | int | None) -> Page | None:
    """A live, public page by id (the ?ve= link from an article or a procedure), or None."""
    try:
        pk = int(page_id)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().public().filter(pk=pk, depth__gt=1).first()
    return page.specific if page else None


def staff_users() -> QuerySet:
    """Who a submission can be assigned to: handlers, approvers and administrators."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__name__in=[HANDLER_GROUP, APPROVER_GROUP]) | Q(is_superuser=True)).distinct()


def sitemap_entries() -> list[Entry]:
    """Every public Q&A page for sitemap.xml, with its publication time (toasoan.core.discovery)."""
    questions = PublishedQuestion.objects.filter(is_public=True).only("pk", "published_at")
    return [Entry(path=question.get_absolute_url(), lastmod=question.published_at) for question in questions]
