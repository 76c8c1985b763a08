"""Digest periods: weeks from Monday 00:00 to the next Monday 00:00, local time."""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date  # a Monday
    end: datetime.date  # the next Monday (excluded)

    @classmethod
    def week_of(cls, day: datetime.date) -> "Period":
        start = day - datetime.timedelta(days=day.weekday())
        return cls(start, start + datetime.timedelta(days=7))

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes [start, end) in the site's time zone."""
        tz = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz),
            datetime.datetime.combine(self.end, datetime.time.min, tzinfo=tz),
        )

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"


def previous_week(now: datetime.datetime | None = None) -> Period:
    """The last complete week before `now`."""
    today = timezone.localdate(now)
    return Period.week_of(today - datetime.timedelta(days=7))
