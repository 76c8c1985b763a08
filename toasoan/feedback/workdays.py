"""Working days: Monday to Friday, less public holidays, plus weekend days declared working days
(when the government swaps a day, e.g. Saturday 10/01/2026 for Friday 02/01/2026)."""

import datetime
from collections.abc import Iterable


def is_working_day(
    day: datetime.date, holidays: Iterable[datetime.date], working_weekends: Iterable[datetime.date]
) -> bool:
    if day in working_weekends:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: datetime.date,
    days: int,
    holidays: Iterable[datetime.date] = (),
    working_weekends: Iterable[datetime.date] = (),
) -> datetime.date:
    """The `days`-th working day after `start` (the day of receipt itself does not count)."""
    holidays, working_weekends = set(holidays), set(working_weekends)
    current, counted = start, 0
    while counted < days:
        current += datetime.timedelta(days=1)
        if is_working_day(current, holidays, working_weekends):
            counted += 1
    return current
