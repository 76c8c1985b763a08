"""ISO weeks for the work schedule: `?tuan=2026-W48`. Pure functions (no Django)."""

import datetime
import re
from dataclasses import dataclass

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
# Far enough for any real schedule; bounds the URLs a crawler can invent.
MIN_YEAR, MAX_YEAR = 2000, 2100
DAY_NAMES = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@dataclass(frozen=True)
class Week:
    monday: datetime.date

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def param(self) -> str:
        return week_param(self.monday)

    @property
    def previous(self) -> "Week":
        return Week(self.monday - datetime.timedelta(days=7))

    @property
    def next(self) -> "Week":
        return Week(self.monday + datetime.timedelta(days=7))

    @property
    def days(self) -> list[datetime.date]:
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]


def week_of(day: datetime.date) -> Week:
    return Week(day - datetime.timedelta(days=day.weekday()))


def week_param(day: datetime.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def parse_week(value: str | None, today: datetime.date) -> tuple[Week, bool]:
    """The week named by `value` ("2026-W48"), or this week. The flag says whether `value` was
    given but unusable (bad format, week 53 of a 52-week year, out of range)."""
    if not value:
        return week_of(today), False
    match = WEEK_RE.match(value.strip())
    if match is None:
        return week_of(today), True
    year, number = int(match.group(1)), int(match.group(2))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return week_of(today), True
    try:
        return Week(datetime.date.fromisocalendar(year, number, 1)), False
    except ValueError:
        return week_of(today), True


def day_name(day: datetime.date) -> str:
    return DAY_NAMES[day.weekday()]
