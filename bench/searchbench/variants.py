"""Query variants: as written, stripped of diacritics, and with the other tone-mark placement.

Written here from the spelling rules, not imported from toasoan.search.analysis, so the benchmark
checks the engine's normalisation independently.
"""

import re
import unicodedata

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
# Open syllables whose tone mark is written on either vowel: hòa/hoà, khỏe/khoẻ, thủy/thuỷ.
SWAPPABLE_PAIRS = frozenset({("o", "a"), ("o", "e"), ("u", "y")})
_WORD = re.compile(r"\w+")
_D = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text: str) -> str:
    """Every diacritic removed and đ/Đ -> d/D: "Hòa Bình, Đà Nẵng" -> "Hoa Binh, Da Nang"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


def _other_style_word(word: str) -> str:
    clusters: list[list] = []  # [base letter, [combining marks]]
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and clusters:
            clusters[-1][1].append(ch)
        else:
            clusters.append([ch, []])
    if len(clusters) < 2:
        return word
    (first, first_marks), (second, second_marks) = clusters[-2], clusters[-1]
    if (first.lower(), second.lower()) not in SWAPPABLE_PAIRS:
        return word
    if len(clusters) >= 3 and clusters[-3][0].lower() == "q":  # "quý": the u belongs to "qu"
        return word
    marks = first_marks + second_marks
    if len(marks) != 1 or marks[0] not in TONE_MARKS:  # no tone, or not a plain o/u + a/e/y
        return word
    if first_marks:
        clusters[-2][1], clusters[-1][1] = [], marks
    else:
        clusters[-2][1], clusters[-1][1] = marks, []
    return unicodedata.normalize("NFC", "".join(base + "".join(m) for base, m in clusters))


def other_tone_style(text: str) -> str:
    """Move the tone mark of open oa/oe/uy syllables to the other vowel: hòa <-> hoà, thủy <-> thuỷ."""
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _other_style_word(m.group(0)), text)


VARIANTS = {
    "as written": lambda q: q,
    "stripped": strip_diacritics,
    "other tone style": other_tone_style,
}
