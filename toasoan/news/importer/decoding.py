"""Turn a file's bytes into text, refusing what is not UTF-8 text with a reason an operator can act on."""

from pathlib import Path

from toasoan.core.vietnamese import nfc

from .errors import ImportFormatError

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFormatError(f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB), tối đa {max_bytes // 1024 // 1024} MB.")
    return decode(path.read_bytes())


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise ImportFormatError("Tệp rỗng.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (raw.count(b"\x00") > len(raw) // 4):
        raise ImportFormatError("Tệp được mã hóa UTF-16; hãy lưu lại với mã UTF-8.")
    if b"\x00" in raw:
        raise ImportFormatError("Tệp nhị phân, không phải văn bản.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"Tệp không phải mã UTF-8 (byte lỗi ở vị trí {exc.start}); có thể là Windows-1258 hoặc TCVN3."
            " Hãy lưu lại với mã UTF-8."
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text) // 100):
        raise ImportFormatError("Tệp nhị phân, không phải văn bản.")
    return nfc(text)
