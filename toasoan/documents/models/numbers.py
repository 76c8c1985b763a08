"""How document numbers (số hiệu) are compared: "405/KH-UBND" = "405 / kh-ubnd" = "405/KH–UBND"."""

import re

from toasoan.core.vietnamese import nfc

# Look-alikes editors paste from Word or PDFs: Icelandic eth for Đ, dashes for the hyphen.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "‐": "-", "‑": "-", "–": "-", "—": "-", "−": "-"})
_SPACES = re.compile(r"\s+")


def number_key(number: str) -> str:
    """The form a number is looked up in: NFC, no spaces, upper case, plain hyphens."""
    return _SPACES.sub("", nfc(number or "").translate(_LOOKALIKES)).upper()
