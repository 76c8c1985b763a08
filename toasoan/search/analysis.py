"""Text analysis for search: the same functions analyse documents and queries.

Pure Python, no Django imports, so it can be tested and benchmarked on its own.
"""

import re

from toasoan.core.vietnamese import fold, nfc

_WORD = re.compile(r"\w+")
MAX_QUERY_CHARS = 256
MAX_QUERY_TERMS = 16


def normalize(text: str) -> str:
    """NFC and lower case: the form documents and queries are compared in."""
    return nfc(text).lower()


def fold_chars(text: str) -> str:
    """Fold and lower-case character by character, so offsets in the result match `text`."""
    out = []
    for ch in text:
        folded = fold(ch).lower()
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def terms(text: str) -> list[str]:
    """Folded, lower-case word tokens: "Đảng ủy" -> ["dang", "uy"]."""
    return _WORD.findall(fold(normalize(text)))


def query_terms(query: str) -> list[str]:
    """Terms of a user query, bounded so a pathological query stays cheap."""
    unique: list[str] = []
    for term in terms(query[:MAX_QUERY_CHARS]):
        if term not in unique:
            unique.append(term)
    return unique[:MAX_QUERY_TERMS]


def index_text(text: str) -> str:
    """Terms joined and padded with spaces, so " term " matches whole words only."""
    return " " + " ".join(terms(text)) + " "


_SPACES = re.compile(r"\s+")


def normalize_spaces(text: str) -> str:
    """NFC with runs of white space collapsed: the form snippets are cut from."""
    return _SPACES.sub(" ", nfc(text)).strip()
