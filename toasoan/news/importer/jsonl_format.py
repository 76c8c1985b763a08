"""JSON Lines: one article per line with title, date, author, section, body_html or body_text,
and an optional source_url."""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.html import escape

from toasoan.core.vietnamese import nfc

from ..services import ArticleData
from .errors import ImportFormatError
from .text_format import parse_vietnamese_date


@dataclass(frozen=True)
class JsonlRecord:
    line_number: int
    section: str
    data: ArticleData | None
    error: str = ""


def _parse_date(value) -> datetime.date:
    if not isinstance(value, str) or not value.strip():
        raise ImportFormatError("thiếu trường “date”.")
    value = value.strip()
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return parse_vietnamese_date(value)


def _text_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _record(obj, default_section: str) -> tuple[str, ArticleData]:
    if not isinstance(obj, dict):
        raise ImportFormatError("mỗi dòng phải là một đối tượng JSON.")
    # "\u" escapes can carry decomposed (NFD) text past decode()'s NFC pass.
    obj = {key: nfc(value) if isinstance(value, str) else value for key, value in obj.items()}
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ImportFormatError("thiếu trường “title”.")
    body_html, body_text = obj.get("body_html"), obj.get("body_text")
    if isinstance(body_html, str) and body_html.strip():
        html = body_html
    elif isinstance(body_text, str) and body_text.strip():
        html = _text_to_html(body_text)
    else:
        raise ImportFormatError("thiếu nội dung: cần “body_html” hoặc “body_text”.")
    section = obj.get("section") or default_section
    if not isinstance(section, str) or not section.strip():
        raise ImportFormatError("thiếu trường “section”.")
    source_url = obj.get("source_url") or ""
    if not isinstance(source_url, str):
        raise ImportFormatError("“source_url” phải là chuỗi.")
    author = obj.get("author") or ""
    data = ArticleData(
        title=title.strip()[:255],
        date=_parse_date(obj.get("date")),
        body_html=html,
        author=str(author).strip()[:255],
        sapo=str(obj.get("sapo") or "").strip(),
        source_url=source_url.strip(),
    )
    return section.strip(), data


def parse_jsonl(text: str, default_section: str) -> Iterator[JsonlRecord]:
    """Yield every non-blank line as a record or as an error: one bad line does not stop the rest."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            section, data = _record(json.loads(line), default_section)
        except json.JSONDecodeError as exc:
            yield JsonlRecord(number, "", None, f"JSON không hợp lệ ({exc.msg}).")
        except ImportFormatError as exc:
            yield JsonlRecord(number, "", None, str(exc))
        else:
            yield JsonlRecord(number, section, data)
