"""Vietnamese text analysis for search. The same functions analyse documents and queries.

Pure Python with no Django imports, so it can be tested and benchmarked on its own.

- normalize(): NFC, lower case, one tone-mark placement ("hoà"/"hòa" -> "hòa").
- fold(): no diacritics at all, đ -> d.
- compounds() / joined_forms(): agency identifiers kept whole ("405/kh-ubnd") and all-letter
  ones also joined ("KH&CN" -> "khcn"); their parts are ordinary words.
- bigrams(): adjacent word pairs, so phrase matching is a term lookup.
"""

import itertools
import re
import unicodedata

from toasoan.core.vietnamese import fold as _fold_keep_case
from toasoan.core.vietnamese import nfc

MAX_QUERY_CHARS = 256
MAX_QUERY_TERMS = 32

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
# Open syllables ending in oa, oe, uy are written both ways: "hòa"/"hoà", "khỏe"/"khoẻ",
# "thủy"/"thuỷ". We keep the mark on the first vowel (the older and more common style).
TONE_SWAPPABLE = ("oa", "oe", "uy")

WORD = re.compile(r"\w+")
SEPARATORS = re.compile(r"[/&.\-]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, lower case and one tone-mark placement: the form documents and queries are compared in."""
    return normalize_tones(nfc(text).lower())


def fold(text: str) -> str:
    """Lower case without any diacritic, đ -> d: "Đảng ủy" -> "dang uy"."""
    return _fold_keep_case(nfc(text)).lower()


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x00C0, 0x1F00):
        ch = chr(code)
        folded = _fold_keep_case(ch)
        if folded != ch and len(folded) == 1:
            table[code] = folded
    return table


_FOLD_TABLE = _fold_table()


def fold_fast(text: str) -> str:
    """fold() for long NFC text, one C-level pass (no case change): for indexing documents."""
    return text.translate(_FOLD_TABLE)


BIGRAM_WORDS = 300


def bigrams(folded_text: str, limit: int = BIGRAM_WORDS) -> str:
    """Adjacent word pairs as single tokens, "cai cach hanh" -> "cai_cach cach_hanh": phrase
    matching as cheap term lookups. Only the first `limit` words: the lead of an article says
    what it is about, and pairs are the costliest part of indexing."""
    words = WORD.findall(folded_text, 0, limit * 12)[:limit]
    return " ".join([f"{a}_{b}" for a, b in itertools.pairwise(words)])


def fold_chars(text: str) -> str:
    """Fold and lower-case character by character, so offsets in the result match `text`."""
    folded = text.translate(_FOLD_TABLE).lower()
    if len(folded) == len(text):
        return folded
    # Rare: lower() changed a length (e.g. "İ"); go one character at a time.
    out = []
    for ch in text:
        one = _fold_keep_case(ch).lower()
        out.append(one if len(one) == 1 else ch)
    return "".join(out)


def normalize_spaces(text: str) -> str:
    """NFC with runs of white space collapsed: the form snippets are cut from."""
    return _SPACES.sub(" ", nfc(text)).strip()


# --- tone placement -------------------------------------------------------------------------


def _swap_table() -> dict[str, str]:
    """ "oà" -> "òa", "uý" -> "úy", ...: every open oa/oe/uy with the mark on the second vowel."""
    table = {}
    for first, second in TONE_SWAPPABLE:
        for mark in TONE_MARKS:
            table[first + unicodedata.normalize("NFC", second + mark)] = (
                unicodedata.normalize("NFC", first + mark) + second
            )
    return table


_SWAP = _swap_table()
# At the end of a word only (an open syllable), and not after "q": in "quý" the u belongs to "qu".
_SWAP_PATTERN = re.compile("(?<!q)[ou][" + "".join(sorted({pair[1] for pair in _SWAP})) + r"](?!\w)")


def normalize_tones(text: str) -> str:
    """One tone placement for open oa/oe/uy syllables: "hoà" -> "hòa", "thuỷ" -> "thủy".

    Expects NFC, lower-case text (as normalize() gives)."""
    return _SWAP_PATTERN.sub(lambda m: _SWAP.get(m.group(0), m.group(0)), text)


# --- tokens ---------------------------------------------------------------------------------


# Possessive quantifiers and a word-start anchor keep this linear on long texts.
IDENTIFIER = re.compile(r"(?<!\w)\w++(?:[/&.\-]\w++)+")


def compounds(normalized_text: str) -> list[str]:
    """Agency identifiers kept whole, folded: "405/kh-ubnd", "kh&cn", "30/12/2021".
    Expects normalize()d text."""
    # Only words with a separator inside can be identifiers: a cheap C-level filter first.
    candidates = [word for word in normalized_text.split() if not word.isalnum()]
    return [fold(match.group(0)) for word in candidates for match in IDENTIFIER.finditer(word)]


def joined_forms(compound_list: list[str]) -> list[str]:
    """All-letter identifiers written without their separators: "kh&cn" -> "khcn",
    "cc-vc-nld" -> "ccvcnld", so a query typed either way finds them."""
    joined = []
    for compound in compound_list:
        parts = SEPARATORS.split(compound)
        if all(part and not part.isdigit() for part in parts):
            joined.append("".join(parts))
    return joined


def identifiers(normalized_text: str) -> list[str]:
    """compounds() and their joined_forms() together."""
    found = compounds(normalized_text)
    return found + joined_forms(found)


def terms(text: str) -> list[str]:
    """Folded word tokens, as the simple index matches them: "Đảng ủy" -> ["dang", "uy"]."""
    return WORD.findall(fold(normalize(text)))


def query_terms(query: str) -> list[str]:
    """Terms of a user query, bounded so a pathological query stays cheap."""
    unique: list[str] = []
    for term in terms(query[:MAX_QUERY_CHARS]):
        if term not in unique:
            unique.append(term)
    return unique[:MAX_QUERY_TERMS]


def has_diacritics(text: str) -> bool:
    return fold(text) != nfc(text).lower()
