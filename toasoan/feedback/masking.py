"""Hide personal data in a citizen's question before it is published in the public Q&A list.

What is masked: email addresses, Vietnamese phone numbers, identity numbers (CMND 9 digits,
CCCD 12 digits, and any other long run of digits: tax codes, bank accounts), the sender's own
name, and people's names where Vietnamese text marks them (a title such as "ông", "bà", "anh",
"chị", "tôi là", "tên là" before capitalised words) or where a capitalised sequence starts with a
common Vietnamese family name. Place names that follow "đường", "phố", "phường", "xã"... are kept.
It errs on the side of masking; the approver reviews the public copy before publishing."""

import re
import unicodedata

from toasoan.core.vietnamese import fold

NAME = "[họ tên]"
EMAIL = "[email]"
PHONE = "[số điện thoại]"
NUMBER = "[số giấy tờ]"

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# +84 / 84 / 0, then 9 or 10 digits, with spaces, dots or dashes between groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{9,16}(?!\d)")

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_WORD = rf"[{_UPPER}][{_LOWER}]+"
_NAME_SEQUENCE = rf"{_WORD}(?:\s+{_WORD}){{0,4}}"

# Titles and phrases after which capitalised words are a person's name.
_CUES = r"(?:ông|bà|anh|chị|em|cô|chú|bác|cháu|tôi là|tên tôi là|tôi tên là|tôi tên|tên là|họ tên|họ và tên|người gửi)"
_CUED_NAME = re.compile(rf"(?i:\b{_CUES})\s*:?\s+(?P<name>{_NAME_SEQUENCE})")

FAMILY_NAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lâm "
    "Mai Trịnh Cao Lưu Tạ Hà Chu Tô Quách Kiều Vương Thái Từ Lương Triệu Lục Mạc Nông Khổng"
).split()
_FAMILY_NAME = re.compile(rf"\b(?:{'|'.join(FAMILY_NAMES)})(?:\s+{_WORD}){{1,3}}")
# Capitalised words after these are places or institutions, not people.
_PLACE_CUES = (
    "đường",
    "phố",
    "ngõ",
    "ngách",
    "hẻm",
    "phường",
    "xã",
    "thị trấn",
    "quận",
    "huyện",
    "tỉnh",
    "thành phố",
    "tp",
    "tp.",
    "thôn",
    "ấp",
    "bản",
    "khu phố",
    "tổ",
    "trường",
    "bệnh viện",
    "chủ tịch",
    "tư tưởng",
    "lăng",
    "cầu",
    "chợ",
    "công viên",
)
# Well-known places that look like a person's name ("Hà Nội", "Bà Rịa", "Lâm Đồng").
KEEP = (
    "Hà Nội",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hà Đông",
    "Hồ Chí Minh",
    "Hồ Gươm",
    "Hồ Tây",
    "Lâm Đồng",
    "Cao Bằng",
    "Cao Lãnh",
    "Thái Bình",
    "Thái Nguyên",
    "Bà Rịa",
    "Bà Chiểu",
    "Bà Đen",
    "Đồng Nai",
    "Đồng Tháp",
    "Phan Thiết",
    "Phan Rang",
    "Tô Lịch",
    "Mai Châu",
)
_KEEP_FOLDED = tuple(fold(place).lower() for place in KEEP)
_PLACE_BEFORE = re.compile(rf"(?i:(?:{'|'.join(re.escape(c) for c in _PLACE_CUES)}))\s+$")


def _mask_known_name(text: str, name: str) -> str:
    name = " ".join(name.split())
    if len(name) < 3:
        return text
    pattern = r"\s+".join(re.escape(part) for part in name.split())
    text = re.sub(pattern, NAME, text, flags=re.IGNORECASE)
    # Without diacritics too ("Nguyen Van An" for "Nguyễn Văn An").
    folded = fold(name)
    if folded != name:
        pattern = r"\s+".join(re.escape(part) for part in folded.split())
        text = re.sub(pattern, NAME, text, flags=re.IGNORECASE)
    return text


def _is_place(text: str, start: int, matched: str = "") -> bool:
    if fold(matched).lower().startswith(_KEEP_FOLDED):
        return True
    return bool(_PLACE_BEFORE.search(text[max(0, start - 20) : start]))


def mask_personal_data(text: str, names: tuple[str, ...] = ()) -> str:
    """`text` with personal data replaced by placeholders; `names` are known names to hide."""
    text = unicodedata.normalize("NFC", text or "")
    text = _EMAIL.sub(EMAIL, text)
    text = _PHONE.sub(PHONE, text)
    text = _LONG_NUMBER.sub(NUMBER, text)
    for name in names:
        if name:
            text = _mask_known_name(text, unicodedata.normalize("NFC", name))

    def cued(match: re.Match) -> str:
        whole = match.group(0)
        if _is_place(text, match.start(), whole) or _is_place(text, match.start("name"), match.group("name")):
            return whole
        return whole[: match.start("name") - match.start(0)] + NAME

    text = _CUED_NAME.sub(cued, text)

    def family(match: re.Match) -> str:
        return match.group(0) if _is_place(text, match.start(), match.group(0)) else NAME

    text = _FAMILY_NAME.sub(family, text)
    return text
