"""Small files made in memory for upload tests: real images (with EXIF/GPS), Office and OpenDocument
containers, an OLE2 directory, and the hostile ones (polyglots, bombs, markup, programs)."""

import io
import struct
import zipfile
import zlib

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 120 + b"This program cannot be run in DOS mode"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 120
PHP = b"<?php system($_GET['c']); ?>\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
CSV = "Mã thủ tục,Tên thủ tục\n1.004227,Đăng ký hợp đồng chuyển giao công nghệ\n".encode()
GPS_LATITUDE = (21, 1, 42)  # Hà Nội, the kind of tag a phone writes


def _exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° to show upright
    exif[0x010F] = "Máy ảnh thử"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (105, 51, 12)
    return exif


def image(fmt: str = "JPEG", size: tuple[int, int] = (40, 20), *, exif: bool = True, frames: int = 1) -> bytes:
    """A real image; with exif=True it carries an orientation tag, GPS position and a comment."""
    pictures = [Image.new("RGB", size, (30 * i % 255, 120, 200)) for i in range(frames)]
    buffer = io.BytesIO()
    options: dict = {"format": fmt}
    if exif and fmt in ("JPEG", "PNG", "WEBP"):
        options["exif"] = _exif()
    if fmt == "JPEG":
        options["comment"] = b"<?php echo 'comment'; ?>"
    if frames > 1:
        options.update(save_all=True, append_images=pictures[1:], duration=100, loop=0)
    pictures[0].save(buffer, **options)
    return buffer.getvalue()


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few dozen bytes that claims width x height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def office(main_part: str = "word/document.xml", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX/XLSX/PPTX: [Content_Types].xml and the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document>Dự thảo</document>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx(rows: list[list[str]] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows or [["Mã thủ tục", "Tên thủ tục"], ["1.004227", "Đăng ký"]]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf(mimetype: str = "application/vnd.oasis.opendocument.text", extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx(uncompressed_mb: int = 210) -> bytes:
    """A valid DOCX whose document.xml inflates to uncompressed_mb of zeros (about 200 KB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\x00" * (1024 * 1024)
            for _ in range(uncompressed_mb):
                part.write(block)
    return buffer.getvalue()


def ole(*streams: str) -> bytes:
    """An OLE2 compound file's header and directory naming the given streams (what Word 97 writes
    as "WordDocument", Excel as "Workbook", a macro project as "_VBA_PROJECT")."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    header = header.ljust(512, b"\x00")

    def entry(name: str, kind: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1) + b"\xff" * 12 + b"\x00" * 48

    directory = entry("Root Entry", 5) + b"".join(entry(name, 2) for name in streams)
    return header + directory.ljust(512 * ((len(directory) + 511) // 512), b"\x00") + b"\x00" * 512
