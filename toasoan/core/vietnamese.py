"""Vietnamese text helpers used across the project. Pure Python: no Django imports.

Unicode does not decompose "đ"/"Đ" (they are letters, not "d" plus a mark), so a plain
NFKD-and-strip-marks pass would silently drop them; fold() maps them explicitly.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Compose text to NFC, the form every stored and compared string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip every diacritic, keeping case: "Đảng Cộng sản" -> "Dang Cong san"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def slugify(text: str, max_length: int = 255) -> str:
    """A URL slug from a Vietnamese title: unaccented, lower case, hyphenated, at most max_length."""
    slug = _NON_SLUG.sub("-", fold(nfc(text)).lower()).strip("-")
    if len(slug) > max_length:
        # Keep whole words: cut at the last hyphen that leaves at most max_length characters
        # (the one right after the limit counts too), or mid-word when there is none.
        head = slug[: max_length + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]
    return slug
