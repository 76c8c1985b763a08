"""Checks on what citizens send: Vietnamese phone numbers and attachment types by content."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s.\-()]")
# Mobile: 03x, 05x, 07x, 08x, 09x and 8 more digits; landline: 02 and 9 more digits.
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")


def normalise_phone(raw: str) -> str:
    """ "+84 912.345.678" -> "0912345678"; raises ValidationError when it is not a Vietnamese number."""
    digits = _SEPARATORS.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit() or not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise ValidationError(
            "Số điện thoại không hợp lệ: nhập số di động 10 chữ số (ví dụ 0912 345 678) "
            "hoặc số cố định có mã vùng (ví dụ 0243 825 1234).",
            code="phone",
        )
    return digits


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
PNG = FileKind("png", "image/png", "PNG")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)")
ALLOWED_LABEL = "PDF, JPEG, PNG, Word (DOCX) hoặc Excel (XLSX)"


def sniff(head: bytes, file) -> FileKind | None:
    """What the file is, judged by its bytes (never by its name); None when it is not allowed."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(file)
    return None


def _office_kind(file) -> FileKind | None:
    """A DOCX or XLSX is a zip with [Content_Types].xml and its main part; macros are refused."""
    try:
        file.seek(0)
        data = file.read()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names or any(name.endswith("vbaProject.bin") for name in names):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def file_kind(file) -> FileKind | None:
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    return sniff(head, file)
