"""Dates as old Vietnamese portals print them, found anywhere in a short text.

"Ngày cập nhật 05/01/2022", "Thứ Hai, 10/01/2022 08:30", "05-01-2022 | 14:05",
"ngày 5 tháng 1 năm 2022", and ISO dates from <time datetime> or <meta content>.
Day comes before month: 05/01/2022 is the fifth of January.
"""

import datetime
import re

from .errors import ImportFormatError

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def _make(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ImportFormatError(f"Ngày không hợp lệ: {day:02d}/{month:02d}/{year}.") from None


def find_date(text: str) -> datetime.date:
    """The first date in text, in any of the forms above; ImportFormatError when there is none."""
    text = " ".join(text.split())
    if match := _ISO.search(text):
        year, month, day = (int(part) for part in match.groups())
        return _make(year, month, day)
    if match := _DMY.search(text):
        day, month, year = (int(part) for part in match.groups())
        return _make(year, month, day)
    if match := _WORDS.search(text):
        day, month, year = (int(part) for part in match.groups())
        return _make(year, month, day)
    raise ImportFormatError(f"Không nhận ra ngày trong “{text[:60]}” (cần dạng dd/mm/yyyy).")
