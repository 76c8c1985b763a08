"""Hypothesis strategies for hostile input to a Vietnamese portal: text in both Unicode forms with
invisible and direction marks, emoji and NUL, numbers and dates out of range, raw bytes that are
not UTF-8, forged guard tokens and cross-site origins."""

import datetime
import time
import unicodedata
from urllib.parse import quote

from django.core import signing
from hypothesis import strategies as st

from toasoan.core import abuse

WORDS = [
    "phản ánh", "kiến nghị", "thủ tục", "hành chính", "Đà Nẵng", "Thừa Thiên Huế", "khoa học", "công nghệ",
    "cải cách", "giấy phép", "người dân", "doanh nghiệp", "đường", "Nguyễn Văn A", "Trần Thị Bích Ngọc",
    "ủy ban", "uỷ ban", "hoà", "hòa", "CCHC", "TTHC", "Sở KH&CN", "quyết định số 12/2022/QĐ-UBND", "ngày 15/3",
]  # fmt: skip
ODD = [
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u200f", "\u202e", "\u2066", "\u00ad", "\x00", "\t", "\r\n", "\x0b",
    "😀", "👨‍👩‍👧", "🇻🇳", "\U0001f4a9", "ﷺ", "\u0301", "\u0323", "\u0300", "𝐓𝐢𝐧", "Ω", "ｆｕｌｌ",
    "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}", "{% debug %}", "%s%s%n", "../../etc/passwd",
    "javascript:alert(1)", "\\", '"', "&amp;", "&#0;", "%00", "%ff", "+", "&", "=", "?", "#",
]  # fmt: skip

_chars = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as str: see BAD_UTF8


def _normalise(form: str):
    return lambda s: unicodedata.normalize(form, s)


vietnamese = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
vietnamese_any_form = st.one_of(
    vietnamese,
    vietnamese.map(_normalise("NFD")),
    vietnamese.map(_normalise("NFKD")),
)


@st.composite
def hostile_text(draw, max_size: int = 300) -> str:
    """Vietnamese words (NFC or NFD) mixed with invisible marks, emoji, NUL, markup and any
    Unicode character; now and then up to twice `max_size` characters."""
    parts = draw(
        st.lists(
            st.one_of(vietnamese_any_form, st.sampled_from(ODD), st.text(_chars, max_size=20)),
            min_size=0,
            max_size=12,
        )
    )
    text = "".join(parts)
    if draw(st.integers(0, 19)) == 0:  # past the field's limit (callers pass a size above it)
        text = text * draw(st.integers(50, 400)) or "x" * max_size * 2
    return text[: max(max_size, 50) * 2]


# Plausible, valid values (for the "acknowledged is stored" properties).
valid_name = vietnamese.map(lambda s: s[:90].strip() or "Nguyễn Văn A")
valid_body = st.builds(
    lambda a, b: (a + " " + b)[:4000], vietnamese, st.one_of(vietnamese_any_form, st.sampled_from(ODD).map(str))
)
emails = st.one_of(
    st.emails().filter(lambda e: len(e) <= 200),
    st.sampled_from(["nguyen.van.a@gmail.com", "A@Example.VN", "test+tag@so.gov.vn"]),
)
bad_emails = st.one_of(
    hostile_text(20),
    st.sampled_from(["a@", "@b.vn", "a@b", "a@@b.vn", "nguyễn@gmail.com", "a b@c.vn", "x" * 300 + "@a.vn"]),
)

numbers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "-1", "1e9", "1.5", "NaN", "inf", "0x10", "١٢", "²", "9" * 40, " 2", "2 ", "", "+3"]),
    hostile_text(5),
)
page_numbers = st.one_of(
    numbers, st.integers(1, 3).map(str), st.sampled_from(["99999999999999999999999", "last", "0", "-0"])
)


@st.composite
def dates(draw) -> str:
    """Dates well formed and not: 2026-02-30, year 0 or 99999, other separators, junk."""
    y = draw(st.integers(-10, 100_000))
    m = draw(st.integers(-1, 14))
    d = draw(st.integers(-1, 33))
    return draw(
        st.sampled_from(
            [
                f"{y:04d}-{m:02d}-{d:02d}",
                f"{d:02d}/{m:02d}/{y}",
                f"{y}-{m}",
                f"{y}-W{d}",
                datetime.date(2026, 1, 1).isoformat(),
                "",
            ]
        )
    ) or draw(hostile_text(10))


@st.composite
def weeks(draw) -> str:
    """ISO weeks as ?tuan= takes them (2026-W48), and everything near it."""
    y = draw(st.integers(-5, 20_000))
    w = draw(st.integers(-3, 60))
    return draw(st.sampled_from([f"{y}-W{w:02d}", f"{y}W{w}", f"{y}-w{w}", f"{y}-W{w}-1", "2026-W53", "2020-W53"]))


date_or_week = st.one_of(dates(), weeks(), numbers)

# Raw bytes, for query strings and form bodies: broken UTF-8, overlong forms, lone surrogates
# encoded as UTF-8 (CESU), stray percent escapes.
BAD_UTF8 = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xe1\xba", b"\x80", b"%ff%fe", b"%ed%a0%80", b"%"]
raw_bytes = st.lists(
    st.one_of(st.sampled_from(BAD_UTF8), st.binary(max_size=12), vietnamese.map(lambda s: s.encode())),
    max_size=8,
).map(b"".join)


@st.composite
def raw_query(draw, names: list[str]) -> str:
    """A query string as the WSGI server hands it over (bytes decoded as latin-1): known names
    with odd values, repeated names, unknown names, bytes that are not UTF-8."""
    pairs = []
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.one_of(st.sampled_from(names or ["q"]), raw_bytes)) if names else draw(raw_bytes)
        name = name.encode() if isinstance(name, str) else name
        value = draw(st.one_of(raw_bytes, hostile_text(50).map(lambda s: quote(s).encode())))
        pairs.append(name + b"=" + value if draw(st.booleans()) else name)
    return b"&".join(pairs).decode("latin-1")


def query_params(names: list[str], values=None) -> st.SearchStrategy[dict[str, list[str]]]:
    """Known parameters with hostile values, sometimes repeated."""
    value = values or st.one_of(hostile_text(60), numbers, dates(), weeks(), hostile_text(5000))
    return st.dictionaries(st.sampled_from(names), st.lists(value, min_size=1, max_size=3), max_size=len(names))


# Guard fields (core.abuse): the token a real form carries, and everything else.
def valid_form_token(age_seconds: float = 60.0) -> str:
    """A form token made `age_seconds` ago: past the minimum fill time, not expired."""
    millis = int((time.time() - age_seconds) * 1000)
    return signing.Signer(salt=abuse._SALT).sign(str(millis))


forged_tokens = st.one_of(
    st.just(""),
    hostile_text(40),
    st.integers(0, 2**50).map(str),
    st.builds(lambda ms: f"{ms}:forgedsignature", st.integers(0, 2**45)),
    st.just(abuse.form_token()),  # fresh: "too fast"
    st.builds(valid_form_token, st.just(10 * 365 * 86400.0)),  # expired
    st.builds(lambda ms: signing.Signer(salt="other").sign(str(ms)), st.integers(0, 2**45)),
)
origins = st.one_of(
    st.sampled_from(
        [
            "null", "http://evil.example", "https://testserver.evil.example", "http://testserver@evil.example",
            "http://[", "http://[::1", "//[", "http://[zz]", "", " ", "testserver", "http://TESTSERVER",
            "file:///etc/passwd", "http://testserver:99999", "http://test server", "http://tést.vn",
        ]
    ),
    hostile_text(30),
)  # fmt: skip
