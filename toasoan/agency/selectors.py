"""Reads for the public pages: only live (approved and published) rows, ever."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from .models import AgencyProfile, Leader, Official, ScheduleEntry, Unit
from .weeks import Week, day_name


def profile() -> AgencyProfile | None:
    return AgencyProfile.objects.filter(live=True).order_by("-last_published_at", "-pk").first()


def units() -> list[Unit]:
    """Live units in order; `head` is None unless the head's directory entry is live too."""
    result = list(Unit.objects.filter(live=True).select_related("head"))
    for unit in result:
        if unit.head is not None and not unit.head.live:
            unit.head = None
    return result


def leaders() -> list[Leader]:
    return list(Leader.objects.filter(live=True).select_related("photo"))


def unit_by_slug(slug: str) -> Unit | None:
    return Unit.objects.filter(live=True, slug=slug).first() if slug else None


def officials(unit: Unit | None = None) -> list[Official]:
    """Live directory entries, of one unit or all; entries of unpublished units are left out."""
    rows = Official.objects.filter(live=True).filter(Q(unit__isnull=True) | Q(unit__live=True))
    if unit is not None:
        rows = rows.filter(unit=unit)
    return list(rows.select_related("unit").order_by("unit__sort_order", "unit__name", "sort_order", "name"))


@dataclass
class ScheduleDay:
    date: datetime.date
    name: str
    entries: list[ScheduleEntry] = field(default_factory=list)


def week_schedule(week: Week) -> list[ScheduleDay]:
    """Monday to Friday always, Saturday and Sunday when something is planned; each entry's
    leaders and preparing unit are the live ones only."""
    entries = (
        ScheduleEntry.objects.filter(live=True, date__range=(week.monday, week.sunday))
        .select_related("preparing_unit")
        .prefetch_related(Prefetch("leaders", queryset=Leader.objects.filter(live=True)))
    )
    days = {day: ScheduleDay(day, day_name(day)) for day in week.days}
    for entry in entries:
        if entry.preparing_unit is not None and not entry.preparing_unit.live:
            entry.preparing_unit = None
        days[entry.date].entries.append(entry)
    return [day for day in days.values() if day.entries or day.date.weekday() < 5]
