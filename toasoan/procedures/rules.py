"""What a valid procedure looks like: codes, levels, service levels and portal links.

Shared by the page's own validation (admin) and the importer, so both say the same thing.
Pure Python (no Django imports)."""

import re
from urllib.parse import urlsplit

from toasoan.core.vietnamese import fold, nfc

CODE_MAX_LENGTH = 32
CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-_/]*$")

# Folded spellings agencies use, including the old "mức độ 1–4" scale (Nghị định 42/2022/NĐ-CP
# replaced it: level 4 is now "toàn trình", level 3 "một phần", levels 1–2 are not online services).
_LEVELS = {"cap tinh": "tinh", "tinh": "tinh", "cap huyen": "huyen", "huyen": "huyen", "cap xa": "xa", "xa": "xa"}
_SERVICE_LEVELS = {
    "toan trinh": "toan-trinh",
    "dvc toan trinh": "toan-trinh",
    "dich vu cong truc tuyen toan trinh": "toan-trinh",
    "muc do 4": "toan-trinh",
    "4": "toan-trinh",
    "mot phan": "mot-phan",
    "dvc mot phan": "mot-phan",
    "dich vu cong truc tuyen mot phan": "mot-phan",
    "muc do 3": "mot-phan",
    "3": "mot-phan",
    "": "",
    "khong": "",
    "khong co": "",
    "muc do 2": "",
    "muc do 1": "",
    "2": "",
    "1": "",
}
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold_key(text: str) -> str:
    """Lower case, no diacritics, words separated by one space: "Phí, lệ phí" -> "phi le phi"."""
    return _NON_WORD.sub(" ", fold(nfc(text)).lower()).strip()


def parse_level(text: str) -> str | None:
    """The stored value for a cấp thực hiện as written ("Cấp tỉnh", "cap tinh", "Tỉnh"), or None."""
    return _LEVELS.get(fold_key(text))


def parse_service_level(text: str) -> str | None:
    """The stored value for a mức độ as written ("Toàn trình", "Mức độ 3", empty), or None."""
    return _SERVICE_LEVELS.get(fold_key(text))


def code_error(code: str) -> str | None:
    if len(code) > CODE_MAX_LENGTH:
        return f"Mã thủ tục dài quá {CODE_MAX_LENGTH} ký tự."
    if not CODE_PATTERN.match(code):
        return "Mã thủ tục chỉ gồm chữ, số và các dấu . - _ / (ví dụ: 1.004227)."
    return None


def portal_url_error(url: str) -> str | None:
    """Citizens submit documents through this link: only http(s) addresses of a .gov.vn host."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "Liên kết dịch vụ công không phải địa chỉ web hợp lệ."
    if parts.scheme not in ("http", "https") or not host or any(ch.isspace() for ch in url):
        return "Liên kết dịch vụ công không phải địa chỉ web hợp lệ (phải bắt đầu bằng https://)."
    if host != "gov.vn" and not host.endswith(".gov.vn"):
        return (
            "Liên kết dịch vụ công phải thuộc tên miền .gov.vn, "
            "ví dụ https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004227."
        )
    return None
