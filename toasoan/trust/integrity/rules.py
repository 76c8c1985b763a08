"""What the scanner looks for: gambling terms and hosts, text normalisation. Pure Python.

Terms are written with their diacritics. Text is compared folded (no diacritics, lower case, with
zero-width characters removed), but a span written WITH diacritics must carry the term's own
marks: "nhà cái" and "nha cai" match "nhà cái", "nhà cải" does not.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass

from toasoan.core.vietnamese import fold, nfc

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
SEVERITIES = {HIGH: "Cao", MEDIUM: "Trung bình", LOW: "Thấp"}

# Rule ids and their Vietnamese labels (the admin report shows the label).
RULES = {
    "gambling_term": "Từ khóa cờ bạc, cá cược",
    "gambling_link": "Liên kết tới trang cờ bạc",
    "hidden_link": "Liên kết bị ẩn",
    "hidden_text": "Văn bản bị ẩn",
    "offsite_script": "Mã script từ trang ngoài",
    "inline_script": "Mã script nhúng trong nội dung",
    "obfuscated_script": "Mã script bị che giấu (base64, document.write, eval)",
    "embed": "Khung nhúng (iframe, object, embed)",
    "event_handler": "Thuộc tính sự kiện JavaScript (on...)",
    "javascript_url": "Địa chỉ javascript:",
    "meta_refresh": "Tự chuyển hướng (meta refresh)",
    "style_block": "Khối CSS trong nội dung",
    "pdf_javascript": "PDF chứa JavaScript",
    "pdf_launch": "PDF chạy chương trình (/Launch)",
    "office_macro": "Tệp Office chứa macro",
}

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
_ZERO_WIDTH_TABLE = dict.fromkeys(map(ord, ZERO_WIDTH))
WORD = re.compile(r"\w+")

# Gambling brands: any mention is spam on an agency portal.
BRANDS = (
    "w88 fb88 188bet kubet kucasino jun88 789bet go88 sunwin 8xbet hi88 new88 shbet f8bet v9bet 12bet m88 "
    "bk8 fun88 dafabet 1xbet cmd368 sbobet hitclub rikvip b52club iwinclub manclub five88 33win mu88 "
    "789club mb66 78win qh88 u888 kuwin typhu88 sv388 onbet win55 ae888 8kbet gemwin yo88 zbet 23win "
    "nohu52 nohu90 bet88 vz99 okvip bong88 lucky88 letou w388 tf88 debet xoso66 hb88 ee88 fi88 ok365 nbet"
).split()
# Phrases of gambling advertising: news about gambling cases does not use them.
STRONG_PHRASES = (
    "nhà cái uy tín",
    "nổ hũ",
    "quay hũ",
    "game bài đổi thưởng",
    "cổng game đổi thưởng",
    "bắn cá đổi thưởng",
    "tài xỉu online",
    "casino trực tuyến uy tín",
    "casino online",
    "soi kèo",
    "kèo nhà cái",
    "tỷ lệ kèo",
    "đá gà trực tuyến",
    "đá gà online",
    "xóc đĩa online",
    "lô đề online",
    "đánh đề online",
    "slot game",
    "link vào nhà cái",
    "nạp tiền cá cược",
)
# Words news about gambling cases uses too: findings only where a reader does not see them as
# news (link text, hidden text, attributes) or where they are written to dodge filters.
WEAK_WORDS = (
    "nhà cái",
    "cá cược",
    "casino",
    "tài xỉu",
    "lô đề",
    "bắn cá",
    "xóc đĩa",
    "đá gà",
    "đánh đề",
    "số đề",
    "cờ bạc",
    "đánh bạc",
    "baccarat",
    "poker",
    "slot",
    "cược",
)
# Joined forms of the words above as they appear in host names and URL paths.
HOST_WORDS = (
    "nhacai",
    "cacuoc",
    "casino",
    "nohu",
    "taixiu",
    "soikeo",
    "keonhacai",
    "gamebai",
    "doithuong",
    "xocdia",
    "dagatructuyen",
    "danhde",
    "baccarat",
    "poker",
)
PATH_WORDS = ("nhacai", "cacuoc", "nohu", "taixiu", "soikeo", "keonhacai", "gamebai", "xocdia", "casino")
_BRAND_LABEL = re.compile(
    r"(?:^|[^a-z])(?:[a-z]{1,5}|\d{1,3})88(?:[^0-9]|$)|\d+[a-z]?bet|bet\d+|(?:^|-)(?:bet|slots?)(?:-|$)"
)


@dataclass(frozen=True)
class Term:
    text: str  # as written, NFC lower case with diacritics
    words: tuple[str, ...]  # folded words
    strong: bool

    @property
    def compact(self) -> str:
        return "".join(self.words)


def _term(text: str, strong: bool) -> Term:
    text = nfc(text).lower()
    return Term(text, tuple(WORD.findall(fold(text))), strong)


TERMS = tuple(_term(t, True) for t in STRONG_PHRASES + tuple(BRANDS)) + tuple(_term(t, False) for t in WEAK_WORDS)
_BY_FIRST: dict[str, list[Term]] = {}
for _t in TERMS:
    _BY_FIRST.setdefault(_t.words[0], []).append(_t)
_COMPACT = {t.compact: t for t in TERMS if len(t.compact) >= 6 or any(c.isdigit() for c in t.compact)}


def _fold_table() -> dict[int, str]:
    """fold() of every precomposed Latin letter, for one C-level translate per word."""
    table = {}
    for code in range(0x00C0, 0x1F00):
        folded = fold(chr(code))
        if folded != chr(code) and len(folded) == 1:
            table[code] = folded
    return table


_FOLD = _fold_table()


def fold_fast(text: str) -> str:
    """fold() for NFC text: one pass, no case change."""
    return text.translate(_FOLD)


def strip_invisible(text: str) -> str:
    return nfc(text).translate(_ZERO_WIDTH_TABLE)


def has_invisible(text: str) -> bool:
    return any(ch in ZERO_WIDTH for ch in text)


def has_marks(word: str) -> bool:
    return fold_fast(word) != word


@dataclass(frozen=True)
class TermMatch:
    term: Term
    span: str  # the words as written
    evasive: bool  # written against Vietnamese spelling to dodge filters (split, unaccented)


_JOINABLE_GAP = re.compile(rf"[ \t\u00a0.\-_*/{ZERO_WIDTH}]*")
_WORD_OR_INVISIBLE = re.compile(rf"[\w{ZERO_WIDTH}]+")


@dataclass(frozen=True)
class Token:
    written: str  # lower case, as written, invisible characters removed
    folded: str
    joined: bool  # joined from one-letter words ("n h à c á i")
    close: bool  # follows the previous word with no more than a space, dot or hyphen between
    hidden: bool  # had invisible characters inside ("n\u200bhà")


def _tokens(text: str) -> list[Token]:
    """The words of `text`. Runs of 3+ one-letter words are joined into one word; commas, line
    breaks and other punctuation end a phrase."""
    lower = nfc(text).lower()
    words: list[tuple[str, bool, bool]] = []
    end = 0
    for match in _WORD_OR_INVISIBLE.finditer(lower):
        raw = match.group()
        word = raw.translate(_ZERO_WIDTH_TABLE)
        if not word:
            continue
        close = bool(words) and _JOINABLE_GAP.fullmatch(lower[end : match.start()]) is not None
        words.append((word, close, word != raw))
        end = match.end()
    out: list[Token] = []
    i = 0
    while i < len(words):
        j = i + 1
        if len(words[i][0]) == 1 and words[i][0].isalpha():
            while j < len(words) and len(words[j][0]) == 1 and words[j][0].isalpha() and words[j][1]:
                j += 1
        if j - i >= 3:
            joined = "".join(w for w, _, _ in words[i:j])
            hidden = any(h for _, _, h in words[i:j])
            out.append(Token(joined, fold_fast(joined), True, words[i][1], hidden))
            i = j
            continue
        word, close, hidden = words[i]
        out.append(Token(word, fold_fast(word), False, close, hidden))
        i += 1
    return out


def _openings() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Single-word terms, and the first two words of the others, as written and unaccented."""
    singles, pairs = set(), set()
    for term in TERMS:
        for form in (term.text, fold(term.text)):
            words = WORD.findall(form)
            if len(words) == 1:
                singles.add(words[0])
            else:
                pairs.add((words[0], words[1]))
    return frozenset(singles), frozenset(pairs)


_SINGLES, _PAIRS = _openings()
_GLUED = re.compile("|".join(re.escape(c) for c in sorted(_COMPACT, key=len, reverse=True)))
_MEASURE = re.compile(r"\d+[a-z]{1,2}\d+")
_LETTER_RUN = re.compile(r"\b\w[ .\-_*/]+\w[ .\-_*/]+\w\b")


def _may_hold_terms(clean_lower: str) -> bool:
    """Cheap test first (most text holds no term): a term's opening words as written or
    unaccented, a long or digit-bearing word (glued forms), or a run of one-letter words."""
    words = WORD.findall(clean_lower)
    unique = set(words)
    if unique & _SINGLES or not _PAIRS.isdisjoint(itertools.pairwise(words)):
        return True
    glued = [fold_fast(w) for w in unique if len(w) >= 6 or (len(w) > 2 and not w.isalpha() and not w.isdigit())]
    if glued and _GLUED.search(" ".join(glued)):
        return True
    return _LETTER_RUN.search(clean_lower) is not None


def find_terms(text: str) -> list[TermMatch]:
    """Every gambling term in `text`, with diacritics folded and zero-width characters removed."""
    if not _may_hold_terms(strip_invisible(text).lower()):
        return []
    tokens = _tokens(text)
    accented_text = any(has_marks(t.written) for t in tokens)
    matches: list[TermMatch] = []
    for i, token in enumerate(tokens):
        folded, written, joined = token.folded, token.written, token.joined
        for term in _BY_FIRST.get(folded, ()):
            n = len(term.words)
            window = tokens[i : i + n]
            if [t.folded for t in window] != list(term.words) or not all(t.close for t in window[1:]):
                continue
            written_words = [t.written for t in window]
            term_words = WORD.findall(term.text)
            as_term = written_words == term_words
            unaccented = not as_term and all(w == fold_fast(w) for w in written_words)
            if not (as_term or unaccented):
                continue  # other or partial marks: other words ("nhà cải", "so đề", "da gà")
            # Unaccented phrases amid accented text dodge filters; one unaccented word is just
            # ambiguous ("cuoc" is also "cuộc" in a URL)
            unaccented = unaccented and n > 1 and term.text != fold(term.text)
            evasive = (unaccented and accented_text) or any(t.hidden or t.joined for t in window)
            matches.append(TermMatch(term, " ".join(written_words), evasive))
        compact_term = _COMPACT.get(folded)
        if compact_term is None and _MEASURE.fullmatch(folded):
            continue  # "1m88": a height, not M88
        if compact_term is None and (len(folded) >= 8 or (len(folded) > 3 and any(c.isdigit() for c in folded))):
            # Glued into a longer word: "nhacaiuytin", "fb88vn"
            compact_term = next((t for c, t in _COMPACT.items() if t.strong and c in folded), None)
        if compact_term is not None and (joined or len(compact_term.words) > 1 or compact_term.compact != folded):
            matches.append(TermMatch(compact_term, written, True))
    return matches


def host_is_gambling(host: str, path: str = "") -> bool:
    """Whether a URL's host (or path) names gambling: a brand, a gambling word, "bet"."""
    host = host.lower().rstrip(".")
    if not host:
        return False
    labels = host.split(".")
    compact_host = "".join(labels[:-1]).replace("-", "") if len(labels) > 1 else host.replace("-", "")
    if any(word in compact_host for word in HOST_WORDS):
        return True
    if any(brand in compact_host for brand in BRANDS if len(brand) >= 4):
        return True
    if any(label in BRANDS for label in labels):
        return True
    if any(_BRAND_LABEL.search(label) for label in labels[:-1]):
        return True
    compact_path = re.sub(r"[^a-z0-9]", "", fold(path.lower()))
    return any(word in compact_path for word in PATH_WORDS) or any(
        brand in compact_path for brand in BRANDS if len(brand) >= 4 and any(c.isdigit() for c in brand)
    )


def is_denied_host(host: str, denylist: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in denylist)


def fingerprint_text(text: str) -> str:
    """The form an excerpt is compared in across scans: NFKC, no invisible characters, one space."""
    return " ".join(unicodedata.normalize("NFKC", strip_invisible(text)).split())
