"""Reads: what people can rate, the results of ratings and polls, the poll on the home page.

Procedures belong to the procedures app, which this app never imports: they are live, public
pages whose content type is procedures.ProcedurePage, found by content type. Without that app
(or without procedures) the lists are simply empty."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from wagtail.models import Page

from . import charts
from .models import Level, Poll, Rating, RatingUnit, Status, Vote
from .models.common import LEVELS_BEST_FIRST

PROCEDURE_CONTENT_TYPE = ("procedures", "procedurepage")  # app_label, model

# Fills for the four levels: each has at least 4.5:1 contrast with white (white text sits on them
# in stacked bars, and they sit on a white page); tested in test_charts.
LEVEL_COLOURS = {
    Level.VERY_SATISFIED: "#17643a",
    Level.SATISFIED: "#2b6cb0",
    Level.NEUTRAL: "#8a5a00",
    Level.DISSATISFIED: "#b3121b",
}
OPTION_COLOUR = "#0a4a8a"

# Value prefixes of a target in forms and URLs (?doi-tuong=don-vi-3).
_PREFIXES = {
    Rating.Subject.UNIT: "don-vi",
    Rating.Subject.SERVICE: "dich-vu",
    Rating.Subject.PROCEDURE: "thu-tuc",
}
_SUBJECT_OF_PREFIX = {prefix: subject for subject, prefix in _PREFIXES.items()}


@dataclass(frozen=True)
class Target:
    """Something people rate: a unit's service attitude, the service it provides, or a procedure."""

    subject: str
    object_id: int
    label: str

    @property
    def value(self) -> str:
        return f"{_PREFIXES[self.subject]}-{self.object_id}"

    @property
    def unit_id(self) -> int | None:
        return None if self.subject == Rating.Subject.PROCEDURE else self.object_id

    @property
    def procedure_id(self) -> int | None:
        return self.object_id if self.subject == Rating.Subject.PROCEDURE else None


def procedure_pages() -> QuerySet[Page]:
    """Live, public procedure pages, by title."""
    app_label, model = PROCEDURE_CONTENT_TYPE
    return (
        Page.objects.live()
        .public()
        .filter(content_type__app_label=app_label, content_type__model=model)
        .order_by("title")
    )


def _unit_targets(units) -> tuple[list[Target], list[Target]]:
    attitude = [Target(Rating.Subject.UNIT, unit.pk, unit.name) for unit in units]
    services = [
        Target(Rating.Subject.SERVICE, unit.pk, f"{unit.service_name} ({unit.name})")
        for unit in units
        if unit.service_name
    ]
    return attitude, services


def rating_target_groups(*, include_inactive: bool = False) -> list[tuple[str, list[Target]]]:
    """Targets grouped for a <select> with <optgroup>s; empty groups are left out."""
    units = RatingUnit.objects.all() if include_inactive else RatingUnit.objects.filter(is_active=True)
    attitude, services = _unit_targets(units)
    procedures = [Target(Rating.Subject.PROCEDURE, page.pk, page.title) for page in procedure_pages().only("title")]
    groups = [
        ("Thái độ phục vụ của đơn vị", attitude),
        ("Dịch vụ đã nhận", services),
        ("Thủ tục hành chính", procedures),
    ]
    return [(label, targets) for label, targets in groups if targets]


def target_from_value(value: str, *, include_inactive: bool = False) -> Target | None:
    """The target a form or URL value names, or None if it is malformed, unknown or not ratable."""
    prefix, _, raw_id = (value or "").rpartition("-")
    subject = _SUBJECT_OF_PREFIX.get(prefix)
    if subject is None or not raw_id.isdigit() or len(raw_id) > 12:
        return None
    object_id = int(raw_id)
    if subject == Rating.Subject.PROCEDURE:
        page = procedure_pages().filter(pk=object_id).only("title").first()
        return Target(subject, page.pk, page.title) if page else None
    units = RatingUnit.objects.filter(pk=object_id)
    if not include_inactive:
        units = units.filter(is_active=True)
    unit = units.first()
    if unit is None:
        return None
    attitude, services = _unit_targets([unit])
    if subject == Rating.Subject.SERVICE:
        return services[0] if services else None
    return attitude[0]


# --- Rating results ---------------------------------------------------------------------------


@dataclass
class Result:
    """Counts per level (best first) for one target or for all of them, as chart rows."""

    label: str
    rows: list[charts.Row]
    target: Target | None = None

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def satisfied_percent(self) -> float:
        """Share of "Rất hài lòng" and "Hài lòng" (the satisfaction index), one decimal."""
        if not self.total:
            return 0.0
        satisfied = sum(row.count for row in self.rows[:2])
        return round(satisfied * 100 / self.total, 1)


def level_rows(counts: dict[int, int]) -> list[charts.Row]:
    values = [counts.get(level, 0) for level in LEVELS_BEST_FIRST]
    return [
        charts.Row(label=level.label, count=count, percent=percent, colour=LEVEL_COLOURS[level])
        for level, count, percent in zip(LEVELS_BEST_FIRST, values, charts.percentages(values), strict=True)
    ]


@dataclass
class RatingResults:
    overall: Result
    targets: list[Result] = field(default_factory=list)


def _publicly_visible() -> Q:
    """Ratings whose target may be named publicly: any unit, or a live, public procedure."""
    return Q(subject__in=[Rating.Subject.UNIT, Rating.Subject.SERVICE], unit__isnull=False) | Q(
        subject=Rating.Subject.PROCEDURE, procedure__in=procedure_pages().values("pk")
    )


def counted_ratings(
    *,
    target: Target | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Rating]:
    """Ratings that count (accepted, not waiting for or refused by a moderator), filtered."""
    ratings = Rating.objects.filter(_publicly_visible(), status=Status.COUNTED)
    if target is not None:
        ratings = ratings.filter(subject=target.subject, unit_id=target.unit_id, procedure_id=target.procedure_id)
    if date_from:
        ratings = ratings.filter(created_at__gte=_start_of(date_from))
    if date_to:
        ratings = ratings.filter(created_at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return ratings


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def rating_results(
    *,
    target: Target | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> RatingResults:
    """Counts per level overall and per target (most rated first), for charts and tables."""
    grouped = (
        counted_ratings(target=target, date_from=date_from, date_to=date_to)
        .values("subject", "unit_id", "procedure_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_target: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)
    overall: dict[int, int] = defaultdict(int)
    for row in grouped:
        object_id = row["procedure_id"] if row["subject"] == Rating.Subject.PROCEDURE else row["unit_id"]
        per_target[(row["subject"], object_id)][row["level"]] = row["n"]
        overall[row["level"]] += row["n"]
    labels = _target_labels(per_target.keys())
    results = [
        Result(label=labels[key].label, rows=level_rows(counts), target=labels[key])
        for key, counts in per_target.items()
    ]
    subject_order = list(_PREFIXES)
    results.sort(key=lambda r: (-r.total, subject_order.index(r.target.subject), r.label))
    overall_label = target.label if target else "Tất cả đối tượng"
    return RatingResults(overall=Result(label=overall_label, rows=level_rows(overall), target=target), targets=results)


def _target_labels(keys) -> dict[tuple[str, int], Target]:
    unit_ids = {object_id for subject, object_id in keys if subject != Rating.Subject.PROCEDURE}
    page_ids = {object_id for subject, object_id in keys if subject == Rating.Subject.PROCEDURE}
    units = {unit.pk: unit for unit in RatingUnit.objects.filter(pk__in=unit_ids)}
    pages = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "title"))
    labels = {}
    for subject, object_id in keys:
        if subject == Rating.Subject.PROCEDURE:
            labels[(subject, object_id)] = Target(subject, object_id, pages[object_id])
        else:
            attitude, services = _unit_targets([units[object_id]])
            chosen = services if subject == Rating.Subject.SERVICE and services else attitude
            labels[(subject, object_id)] = Target(subject, object_id, chosen[0].label)
    return labels


# --- Polls ------------------------------------------------------------------------------------


def public_polls() -> QuerySet[Poll]:
    """Polls people may see: open ones first (newest first), then closed ones (last closed first)."""
    now = timezone.now()
    closed = Case(When(closes_at__lte=now, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        Poll.objects.filter(opens_at__lte=now)
        .annotate(is_closed=closed)
        .order_by("is_closed", "-opens_at", "-pk")
        .prefetch_related("options")
    )


def public_poll(slug: str) -> Poll | None:
    return Poll.objects.filter(slug=slug, opens_at__lte=timezone.now()).prefetch_related("options").first()


def home_poll() -> Poll | None:
    """The open poll shown on the home page: the most recently opened one marked for it.

    It reads the saved `state` as well as the dates, so the home page only changes with a saved
    change (the periodic job saves the state when a poll opens or closes), which renews the cache."""
    now = timezone.now()
    return (
        Poll.objects.filter(state=Poll.State.OPEN, show_on_home=True, opens_at__lte=now, closes_at__gt=now)
        .order_by("-opens_at", "-pk")
        .prefetch_related("options")
        .first()
    )


def poll_results(poll: Poll) -> Result:
    """Counted votes per option, in the options' order."""
    counts = dict(
        Vote.objects.filter(poll=poll, status=Status.COUNTED)
        .values_list("option_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    options = list(poll.options.all())
    values = [counts.get(option.pk, 0) for option in options]
    rows = [
        charts.Row(label=option.label, count=count, percent=percent, colour=OPTION_COLOUR)
        for option, count, percent in zip(options, values, charts.percentages(values), strict=True)
    ]
    return Result(label=poll.question, rows=rows)
