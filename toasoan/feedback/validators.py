"""Checks on what citizens send: Vietnamese phone numbers and attachment types by content
(toasoan.core.files)."""

import re

from django.core.exceptions import ValidationError

from toasoan.core import files
from toasoan.core.files import DOCX, JPEG, PDF, PNG, XLSX, FileKind

__all__ = [
    "ALLOWED_LABEL",
    "CITIZEN_KINDS",
    "DOCX",
    "JPEG",
    "PDF",
    "PNG",
    "XLSX",
    "FileKind",
    "file_kind",
    "normalise_phone",
]

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


# Attachment types: the generic checker lives in core (every upload path shares it); citizens may
# send PDF, photos and Office files, nothing that runs.
CITIZEN_KINDS = (files.PDF, files.JPEG, files.PNG, files.DOCX, files.XLSX)
ALLOWED_LABEL = files.allowed_label(CITIZEN_KINDS)


def file_kind(file) -> FileKind | None:
    """What the file is, judged by its bytes (never by its name); None when citizens may not send it."""
    kind = files.sniff(file)
    return kind if kind in CITIZEN_KINDS else None
