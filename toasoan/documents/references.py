"""Finding document references in text: "Kế hoạch số 405/KH-UBND ngày 30/12/2021",
"Nghị định 42/2022/NĐ-CP", "Nghị quyết số 07-NQ/TU". Pure Python."""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from toasoan.core.vietnamese import nfc

from .models.numbers import number_key

# Document types as articles name them (Luật ban hành văn bản QPPL; Nghị định 30/2020/NĐ-CP),
# longest first so "Thông tư liên tịch" wins over "Thông tư".
KINDS = sorted(
    [
        "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Lệnh", "Nghị định", "Nghị quyết", "Nghị quyết liên tịch",
        "Thông tư", "Thông tư liên tịch", "Quyết định", "Chỉ thị", "Kế hoạch", "Chương trình", "Đề án",
        "Phương án", "Quy chế", "Quy định", "Hướng dẫn", "Công văn", "Công điện", "Thông báo", "Thông cáo",
        "Báo cáo", "Tờ trình", "Kết luận", "Văn bản",
    ],
    key=len,
    reverse=True,
)  # fmt: skip

# A number: digits (maybe a letter, "12a"), maybe a year, then at least one code that starts
# with a capital: 405/KH-UBND, 42/2022/NĐ-CP, 45/2016/QĐ-TTg, 59/2020/QH14, 07-NQ/TU.
# Dates (30/12/2021) and ranges (2021-2025) never match: their parts are all digits.
# Ð (Icelandic eth) stands in for Đ in text pasted from some PDFs; number_key() maps it back.
NUMBER = r"\d{1,5}[a-z]?(?:/\d{4})?[/-][A-ZĐÐ][A-ZĐÐa-zđð0-9&]*(?:[-/][A-ZĐÐa-zđð0-9&]+)*"
DATE = r"(?P<day>\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(?P<month>\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(?P<year>\d{4})"
KIND = "|".join(re.escape(kind) for kind in KINDS)

REFERENCE = re.compile(
    rf"(?:(?<!\w)(?P<kind>(?i:{KIND}))(?:\s+(?i:số))?\s*:?\s+)?"
    rf"(?<![\w/-])(?P<number>{NUMBER})(?![\w/])"
    rf"(?:,?\s+(?i:ngày)\s+{DATE})?"
)


@dataclass(frozen=True)
class Reference:
    start: int  # where the linked text starts (the type word, else the number)
    end: int  # where the linked text ends (after the number; the date stays outside the link)
    kind: str  # as written, "" for a bare number
    number: str
    issued_on: datetime.date | None

    @property
    def key(self) -> str:
        return number_key(self.number)

    @property
    def text(self) -> str:
        return f"{self.kind} {self.number}".strip()


def find_references(text: str) -> Iterator[Reference]:
    """Each reference in `text` (NFC), in order. A bare number counts too: the library decides."""
    for match in REFERENCE.finditer(nfc(text)):
        issued_on = None
        if match.group("year"):
            try:
                issued_on = datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                issued_on = None
        kind = match.group("kind") or ""
        yield Reference(
            start=match.start("kind") if kind else match.start("number"),
            end=match.end("number"),
            kind=kind,
            number=match["number"],
            issued_on=issued_on,
        )


def cited_references(text: str) -> Iterator[Reference]:
    """References named with their type ("Quyết định số 1234/QĐ-UBND"): surely documents, so the
    missing-documents report lists them; bare numbers could be anything."""
    return (reference for reference in find_references(text) if reference.kind)
