"""Uploaded files judged by their bytes, never by their name: one allow-list for every upload path.

`sniff` says what a file is; `check_upload` refuses what is not allowed (size first, then the
content, then a name whose extension disagrees with it) with a Vietnamese message; `sanitise`
also renames it safely and re-encodes images, which drops EXIF/GPS, comments and anything
appended after the image data. Everything reads through the file object (seek, bounded reads),
so a 20 MB document is never held in memory whole; images are (they are at most 10 MB).
"""

import codecs
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, ImageSequence

from .vietnamese import nfc, slugify


@dataclass(frozen=True)
class FileKind:
    extension: str  # the one stored names end with
    content_type: str
    label: str  # Vietnamese, as in "không phải {label}"
    aliases: tuple[str, ...] = ()  # other extensions people use for it
    image: bool = False

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.extension, *self.aliases)


PDF = FileKind("pdf", "application/pdf", "PDF")
JPEG = FileKind("jpg", "image/jpeg", "JPEG", ("jpeg",), image=True)
PNG = FileKind("png", "image/png", "PNG", image=True)
GIF = FileKind("gif", "image/gif", "GIF", image=True)
WEBP = FileKind("webp", "image/webp", "WebP", image=True)
_OOXML = "application/vnd.openxmlformats-officedocument."
DOCX = FileKind("docx", _OOXML + "wordprocessingml.document", "Word (DOCX)")
XLSX = FileKind("xlsx", _OOXML + "spreadsheetml.sheet", "Excel (XLSX)")
PPTX = FileKind("pptx", _OOXML + "presentationml.presentation", "PowerPoint (PPTX)")
_ODF = "application/vnd.oasis.opendocument."
ODT = FileKind("odt", _ODF + "text", "OpenDocument văn bản (ODT)")
ODS = FileKind("ods", _ODF + "spreadsheet", "OpenDocument bảng tính (ODS)")
ODP = FileKind("odp", _ODF + "presentation", "OpenDocument trình chiếu (ODP)")
DOC = FileKind("doc", "application/msword", "Word 97–2003 (DOC)")
XLS = FileKind("xls", "application/vnd.ms-excel", "Excel 97–2003 (XLS)")
PPT = FileKind("ppt", "application/vnd.ms-powerpoint", "PowerPoint 97–2003 (PPT)")
TEXT = FileKind("txt", "text/plain", "văn bản thuần (TXT, CSV)", ("csv",))

IMAGES = (JPEG, PNG, GIF, WEBP)
DOCUMENTS = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT, TEXT)
ALL_KINDS = IMAGES + DOCUMENTS

# Zip containers (DOCX, XLSX, ODT...): what a zip bomb would exceed, read from the directory.
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
# Default pixel cap (width x height x frames) when settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS is unset.
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_FRAMES = 300

_CHUNK = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TYPES = {_ODF + "text": ODT, _ODF + "spreadsheet": ODS, _ODF + "presentation": ODP}
_OOXML_MAIN = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# What a browser would run or a server would execute, wherever it hides (lower case).
_ACTIVE = (
    b"<script",
    b"<html",
    b"<svg",
    b"<?php",
    b"<iframe",
    b"<body",
    b"<!doctype",
    b"<?xml",
    b"<object",
    b"<embed",
    b"javascript:",
)
_EMBEDDED = (b"pk\x03\x04", b"pk\x05\x06", b"%pdf-", b"mz\x90\x00", b"\x7felf")
_BAD_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UploadRefused(ValidationError):
    """A file refused, with the reason in Vietnamese (a ValidationError: forms show it as is)."""


def _refuse(message: str, code: str) -> UploadRefused:
    return UploadRefused(message, code=code)


def allowed_label(kinds: Iterable[FileKind]) -> str:
    """ "PDF, JPEG, PNG, Word (DOCX) hoặc Excel (XLSX)": what people may send, in words."""
    labels = [kind.label for kind in kinds]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " hoặc " + labels[-1]


def extension_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _read(file, start: int, size: int) -> bytes:
    file.seek(start)
    data = file.read(size)
    return data if isinstance(data, bytes) else b""


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    return size


# What a file is -------------------------------------------------------------------------------


def sniff(file) -> FileKind | None:
    """What the file is, by its bytes; None for anything outside the allow-list. Office and
    OpenDocument files are told apart by their parts; macros make them None."""
    return identify(file)[0]


def identify(file) -> tuple[FileKind | None, str]:
    """(kind, why): why a file has no kind, for messages: "active" (markup, scripts), "macros"
    or "" (unknown)."""
    try:
        head = _read(file, 0, 16)
        if head.startswith(b"%PDF-"):
            return PDF, ""
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG, ""
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG, ""
        if head.startswith((b"GIF87a", b"GIF89a")):
            return GIF, ""
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return WEBP, ""
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(file)
        if head.startswith(_OLE_MAGIC):
            return _ole_kind(file)
        if not head:
            return None, ""
        if _looks_active(_read(file, 0, 4096)):
            return None, "active"
        return (TEXT, "") if _is_plain_text(file) else (None, "")
    finally:
        file.seek(0)


def _zip_kind(file) -> tuple[FileKind | None, str]:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.open("mimetype").read(100).decode("ascii", "replace").strip()
                kind = _ODF_TYPES.get(mimetype)
                has_macros = any(name.startswith(("Basic/", "Scripts/")) for name in names)
            else:
                kind = next((k for part, k in _OOXML_MAIN.items() if part in names), None)
                if "[Content_Types].xml" not in names:
                    kind = None
                types = archive.open("[Content_Types].xml").read(1024 * 1024) if kind else b""
                has_macros = b"macroEnabled" in types or any(
                    name.endswith(("vbaProject.bin", "vbaData.xml")) or "/activeX/" in name for name in names
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError):
        return None, ""
    return (None, "macros") if kind and has_macros else (kind, "")


_OLE_STREAMS = (
    "Root Entry",
    "WordDocument",
    "Workbook",
    "Book",
    "PowerPoint Document",
    "_VBA_PROJECT",
    "_VBA_PROJECT_CUR",
    "VBA",
    "Macros",
)


def _ole_names(file) -> set[str]:
    """Which of _OLE_STREAMS an OLE2 compound file (DOC, XLS, PPT) has: directory entries are
    128-byte records on 128-byte boundaries, recognised by their own length and type fields."""
    names: set[str] = set()
    targets = {name: name.encode("utf-16-le") + b"\x00\x00" for name in _OLE_STREAMS}
    offset = 512
    while True:
        block = _read(file, offset, _CHUNK)  # _CHUNK is a multiple of 128: no entry straddles
        for name, encoded in targets.items():
            start = block.find(encoded)
            while start >= 0:
                entry = block[start : start + 128]
                if (
                    start % 128 == 0
                    and len(entry) == 128
                    and int.from_bytes(entry[64:66], "little") == len(encoded)
                    and entry[66] in (1, 2, 5)
                ):
                    names.add(name)
                    break
                start = block.find(encoded, start + 1)
        if len(block) < _CHUNK:
            return names
        offset += _CHUNK


def _ole_kind(file) -> tuple[FileKind | None, str]:
    names = _ole_names(file)
    if "Root Entry" not in names:
        return None, ""
    if names & {"_VBA_PROJECT", "_VBA_PROJECT_CUR", "VBA", "Macros"}:
        return None, "macros"
    if "WordDocument" in names:
        return DOC, ""
    if "Workbook" in names or "Book" in names:
        return XLS, ""
    if "PowerPoint Document" in names:
        return PPT, ""
    return None, ""  # an installer (MSI), an encrypted package, an Outlook message...


def _text_encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _is_plain_text(file) -> bool:
    """UTF-8 (or UTF-16 with its BOM, as Excel saves "Unicode text") from end to end, no NUL, no
    control characters but tab and line breaks."""
    head = _read(file, 0, 4096)
    encoding = _text_encoding(head)
    decoder = codecs.getincrementaldecoder(encoding)()
    file.seek(0)
    try:
        while chunk := file.read(_CHUNK):
            text = decoder.decode(chunk)
            if _CONTROL.search(text):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def looks_active(file) -> bool:
    """The file starts like HTML, SVG, XML or a script, or has such markup near its start."""
    try:
        return _looks_active(_read(file, 0, 4096))
    finally:
        file.seek(0)


def _looks_active(data: bytes) -> bool:
    """Markup a browser would render or a script a server would run (UTF-16 text is widened)."""
    lowered = data.replace(b"\x00", b"").lower()
    return lowered.lstrip().startswith((b"<", b"#!")) or any(marker in lowered for marker in _ACTIVE)


# Refusals -------------------------------------------------------------------------------------


def check_upload(
    file,
    *,
    kinds: Sequence[FileKind],
    max_bytes: int | None,
    name: str | None = None,
    max_pixels: int | None = None,
) -> FileKind:
    """The kind of an allowed file; raises UploadRefused with the reason in Vietnamese."""
    name = name if name is not None else (getattr(file, "name", "") or "")
    shown = nfc(name)[:120]
    if _BAD_NAME.search(name):
        raise _refuse(
            f"Tên tệp “{shown}” có ký tự không được phép (/, \\ hoặc ký tự điều khiển): hãy đổi tên tệp.",
            "bad_name",
        )
    size = _size(file)
    if size == 0:
        raise _refuse(f"Tệp “{shown}” trống.", "empty")
    if max_bytes is not None and size > max_bytes:
        raise _refuse(f"Tệp “{shown}” lớn hơn {_mb(max_bytes)} (tệp nặng {_mb(size)}).", "too_large")
    kind, why = identify(file)
    extension = extension_of(name)
    if why == "active":
        raise _refuse(f"Tệp “{shown}” chứa mã HTML, SVG hoặc mã lệnh: không được phép tải lên.", "active")
    if why == "macros":
        raise _refuse(
            f"Tệp “{shown}” có macro (mã lệnh VBA): hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx).",
            "macros",
        )
    if kind is None or kind not in kinds:
        expected = next((k for k in kinds if extension in k.extensions), None)
        what = expected.label if expected else allowed_label(kinds)
        raise _refuse(f"Tệp “{shown}” không phải {what} (kiểm tra theo nội dung tệp, không theo tên).", "kind")
    if extension and extension not in kind.extensions:
        raise _refuse(
            f"Tệp “{shown}” có đuôi .{extension} nhưng nội dung là {kind.label}: "
            f"hãy đặt đúng đuôi .{kind.extension} hoặc chọn đúng tệp.",
            "extension",
        )
    try:
        if kind in (DOCX, XLSX, PPTX, ODT, ODS, ODP):
            _check_zip(file, shown)
        elif kind.image:
            _check_image(_read(file, 0, size), kind, shown, max_pixels)
    finally:
        file.seek(0)
    return kind


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.3g} MB".replace(".", ",")


def _check_zip(file, shown: str) -> None:
    with zipfile.ZipFile(file) as archive:
        entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_ZIP_UNCOMPRESSED:
        raise _refuse(
            f"Tệp “{shown}” khi giải nén quá lớn hoặc có quá nhiều thành phần (nghi là “bom nén”): không nhận.",
            "zip_bomb",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise _refuse(f"Tệp “{shown}” được đặt mật khẩu: hãy gỡ mật khẩu rồi gửi lại.", "encrypted")


# Images ---------------------------------------------------------------------------------------


def _max_pixels(max_pixels: int | None) -> int:
    return max_pixels or getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or MAX_IMAGE_PIXELS


def _open_image(data: bytes, shown: str, max_pixels: int | None) -> Image.Image:
    """Opened (header only), its pixel count capped before anything is decoded."""
    limit = _max_pixels(max_pixels)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(shown, limit) from None
    except Exception:  # Pillow raises many kinds on bad data
        raise _refuse(f"Ảnh “{shown}” bị hỏng hoặc không đọc được.", "broken_image") from None
    if width * height * frames > limit or frames > MAX_IMAGE_FRAMES:
        image.close()
        raise _too_many_pixels(shown, limit, f"{width}×{height} điểm ảnh, {frames} khung hình")
    return image


def _too_many_pixels(shown: str, limit: int, detail: str = "") -> UploadRefused:
    detail = f" ({detail})" if detail else ""
    return _refuse(
        f"Ảnh “{shown}” quá lớn{detail}: tối đa {limit / 1_000_000:g} triệu điểm ảnh. Hãy thu nhỏ ảnh rồi gửi lại.",
        "too_many_pixels",
    )


def _check_image(data: bytes, kind: FileKind, shown: str, max_pixels: int | None) -> None:
    with _open_image(data, shown, max_pixels) as image:
        if image.format != {JPEG: "JPEG", PNG: "PNG", GIF: "GIF", WEBP: "WEBP"}[kind]:
            raise _refuse(f"Ảnh “{shown}” bị hỏng hoặc không đọc được.", "broken_image")
    end = _image_end(data, kind)
    if end is None:
        raise _refuse(f"Ảnh “{shown}” bị hỏng (thiếu phần kết thúc ảnh): hãy mở và lưu lại ảnh.", "broken_image")
    if not _harmless_trailer(data[end:]):
        raise _refuse(
            f"Ảnh “{shown}” có dữ liệu lạ nối sau phần ảnh (có thể là tệp khác giấu trong ảnh): "
            "hãy mở và lưu lại ảnh rồi gửi lại.",
            "polyglot",
        )


def _harmless_trailer(trailer: bytes) -> bool:
    """After the image: padding, further JPEG frames (phones' MPF), a motion photo's MP4 or a
    Samsung trailer are harmless (re-encoding drops them); markup, archives, PDFs, programs are not."""
    while trailer.startswith(b"\xff\xd8\xff") and (end := _jpeg_end(trailer)) is not None:
        trailer = trailer[end:]
    if not trailer.strip(b"\x00\xff \t\r\n"):
        return True
    lowered = trailer.lower()
    if any(marker in lowered for marker in _ACTIVE + _EMBEDDED):
        return False
    return trailer[4:8] == b"ftyp" or trailer.rstrip(b"\x00").endswith(b"SEFT")


def _image_end(data: bytes, kind: FileKind) -> int | None:
    """Where the image data ends (after JPEG's EOI, PNG's IEND, GIF's trailer, WebP's RIFF)."""
    try:
        if kind is JPEG:
            return _jpeg_end(data)
        if kind is PNG:
            return _png_end(data)
        if kind is GIF:
            return _gif_end(data)
        size = int.from_bytes(data[4:8], "little")
        return 8 + size + (size & 1) if 8 + size <= len(data) else None
    except IndexError:
        return None


def _jpeg_end(data: bytes) -> int | None:
    i, n = 2, len(data)
    while i < n:
        if data[i] != 0xFF:
            return None
        while i < n and data[i] == 0xFF:
            i += 1
        if i >= n:
            return None
        marker = data[i]
        i += 1
        if marker == 0xD9:
            return i
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        i += int.from_bytes(data[i : i + 2], "big")
        if marker == 0xDA:  # entropy-coded data up to the next marker that is not a restart
            while True:
                i = data.find(b"\xff", i)
                if i < 0 or i + 1 >= n:
                    return None
                following = data[i + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    i += 2
                elif following == 0xFF:
                    i += 1
                else:
                    break
    return None


def _png_end(data: bytes) -> int | None:
    i = 8
    while i + 8 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        chunk = data[i + 4 : i + 8]
        i += 12 + length
        if chunk == b"IEND":
            return i if i <= len(data) else None
    return None


def _gif_end(data: bytes) -> int | None:
    def skip_blocks(i: int) -> int:
        while data[i]:
            i += data[i] + 1
        return i + 1

    flags = data[10]
    i = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    while True:
        block = data[i]
        if block == 0x3B:
            return i + 1
        if block == 0x21:
            i = skip_blocks(i + 2)
        elif block == 0x2C:
            flags = data[i + 9]
            i += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
            i = skip_blocks(i + 1)
        else:
            return None


def reencode_image(data: bytes, kind: FileKind, *, name: str = "", max_pixels: int | None = None) -> bytes:
    """The image drawn again by Pillow in its own format: orientation applied, no EXIF, GPS, XMP
    or comments, nothing after the image data. Animated GIF and WebP keep their frames."""
    shown = nfc(name)[:120]
    output = io.BytesIO()
    with _open_image(data, shown, max_pixels) as image:
        try:
            if getattr(image, "n_frames", 1) > 1:
                frames, durations = [], []
                for frame in ImageSequence.Iterator(image):
                    durations.append(frame.info.get("duration", 100))
                    frames.append(_bare(frame.convert("RGBA")))
                frames[0].save(
                    output,
                    format=image.format,
                    save_all=True,
                    append_images=frames[1:],
                    duration=durations,
                    loop=image.info.get("loop", 0),
                    **({"disposal": 2} if kind is GIF else {"quality": 90}),
                )
            else:
                icc = image.info.get("icc_profile")
                upright = _bare(ImageOps.exif_transpose(image))
                options = {"icc_profile": icc} if icc and kind is not GIF else {}
                if kind is JPEG:
                    if upright.mode not in ("RGB", "L", "CMYK"):
                        upright = upright.convert("RGB")
                    # The original's quantization tables: same quality, no growth, no extra loss.
                    tables = getattr(image, "quantization", None)
                    options.update({"qtables": tables} if tables else {"quality": 90})
                elif kind is WEBP:
                    options.update(quality=90)
                upright.save(output, format=image.format, **options)
        except (OSError, ValueError, SyntaxError) as exc:
            raise _refuse(f"Ảnh “{shown}” bị hỏng hoặc không đọc được.", "broken_image") from exc
    return output.getvalue()


def _bare(image: Image.Image) -> Image.Image:
    """A copy with no metadata but what drawing needs (transparency)."""
    image.load()
    bare = image.copy()
    bare.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
    return bare


# Names and the one call upload paths make -----------------------------------------------------


def safe_name(name: str, kind: FileKind) -> str:
    """ "../Quyết định số 12.php.PDF" -> "quyet-dinh-so-12-php.pdf": no folders, one extension (the
    kind's), unaccented lower-case words."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    extension = extension_of(base)
    stem = base[: -len(extension) - 1] if extension else base
    final = extension if extension in kind.extensions else kind.extension
    return f"{slugify(stem, max_length=80) or 'tep'}.{final}"


def sanitise(
    file,
    *,
    kinds: Sequence[FileKind],
    max_bytes: int | None,
    name: str | None = None,
    max_pixels: int | None = None,
):
    """Check the file, then return (kind, file to store): renamed safely, images re-encoded (a
    new in-memory file), anything else the same object. Raises UploadRefused."""
    name = name if name is not None else (getattr(file, "name", "") or "")
    kind = check_upload(file, kinds=kinds, max_bytes=max_bytes, name=name, max_pixels=max_pixels)
    clean_name = safe_name(name, kind)
    if kind.image:
        data = reencode_image(_read(file, 0, _size(file)), kind, name=name, max_pixels=max_pixels)
        file.seek(0)
        return kind, SimpleUploadedFile(clean_name, data, content_type=kind.content_type)
    try:
        file.name = clean_name
    except AttributeError:  # an open file on disk: its name is its path
        file = File(file, name=clean_name)
    return kind, file
