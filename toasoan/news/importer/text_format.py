"""The seed's text format: a page saved as text from an old portal.

<navigation noise…>
<title>
Ngày cập nhật dd/mm/yyyy
<paragraphs and "- " list items…>
<byline>
Các tin khác
<more navigation noise…>
"""

import datetime
import re

from django.utils.html import escape

from toasoan.core.vietnamese import nfc

from ..services import ArticleData
from .errors import ImportFormatError

DATE_LINE = re.compile(r"^Ngày cập nhật\b\s*:?\s*(?P<value>.*)$", re.IGNORECASE)
DATE_VALUE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
LIST_ITEM = re.compile(r"^[-–•]\s*(?=\S)")
END_MARKERS = ("Các tin khác", "Xem tin theo ngày", "Tin liên quan")
MAX_BYLINE_CHARS = 60


def parse_vietnamese_date(value: str) -> datetime.date:
    match = DATE_VALUE.match(value.strip())
    if not match:
        raise ImportFormatError(f"Ngày không đúng dạng dd/mm/yyyy: “{value.strip()[:40]}”.")
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ImportFormatError(f"Ngày không hợp lệ: {day:02d}/{month:02d}/{year}.") from None


def _is_end_marker(line: str) -> bool:
    return any(line.casefold() == marker.casefold() for marker in END_MARKERS)


def _looks_like_byline(line: str) -> bool:
    return len(line) <= MAX_BYLINE_CHARS and not line.endswith((".", ":", ";")) and not LIST_ITEM.match(line)


def body_html_from_lines(lines: list[str]) -> str:
    """Paragraphs become <p>, runs of "- " lines become one <ul>."""
    html, items = [], []
    for line in lines:
        if LIST_ITEM.match(line):
            items.append(f"<li>{escape(LIST_ITEM.sub('', line, count=1))}</li>")
            continue
        if items:
            html.append("<ul>" + "".join(items) + "</ul>")
            items = []
        html.append(f"<p>{escape(line)}</p>")
    if items:
        html.append("<ul>" + "".join(items) + "</ul>")
    return "".join(html)


def parse_text_page(text: str) -> ArticleData:
    lines = [line.strip() for line in nfc(text).splitlines()]
    date_index = next((i for i, line in enumerate(lines) if DATE_LINE.match(line)), None)
    if date_index is None:
        raise ImportFormatError("Không tìm thấy dòng “Ngày cập nhật dd/mm/yyyy”.")
    date = parse_vietnamese_date(DATE_LINE.match(lines[date_index]).group("value"))
    title = next((line for line in reversed(lines[:date_index]) if line), "")
    if not title:
        raise ImportFormatError("Không tìm thấy tiêu đề trước dòng “Ngày cập nhật”.")

    rest = lines[date_index + 1 :]
    end = next((i for i, line in enumerate(rest) if _is_end_marker(line)), None)
    body_lines = [line for line in (rest if end is None else rest[:end]) if line]
    author = ""
    # The byline is the last line before "Các tin khác", when it looks like a name.
    if end is not None and len(body_lines) > 1 and _looks_like_byline(body_lines[-1]):
        author = body_lines.pop()
    if not body_lines:
        raise ImportFormatError("Bài viết không có nội dung.")
    return ArticleData(title=title[:255], date=date, body_html=body_html_from_lines(body_lines), author=author)
