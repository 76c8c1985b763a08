"""Sample files for the demo archive, made in code: a tiny valid one-page PDF and a plain cover.
Both say plainly that they are samples, not real publications."""

import io
from pathlib import Path

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def _pdf_string(text: str) -> str:
    ascii_text = text.encode("ascii", "replace").decode("ascii")  # Helvetica (WinAnsi): keep it ASCII
    return "(" + ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def sample_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF showing `lines` in Helvetica, with a correct cross-reference table."""
    text_ops = ["BT", "/F1 16 Tf", "20 TL", "60 780 Td"]
    for line in lines:
        text_ops += [f"{_pdf_string(line)} Tj", "T*"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def sample_cover(number: int, year: int) -> bytes:
    """A 320x452 PNG cover: the agency's blue, the issue number and the word "MẪU" (sample)."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in _FONT_CANDIDATES if Path(p).exists()), None)

    def font(size: int):
        return ImageFont.truetype(font_path, size) if font_path else ImageFont.load_default(size=size)

    vietnamese = font_path is not None
    image = Image.new("RGB", (320, 452), "#0a4a8a")
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, 303, 435), outline="#ffffff", width=3)
    draw.text((32, 48), "BẢN TIN" if vietnamese else "BAN TIN", fill="#ffffff", font=font(40))
    draw.text((32, 100), "KH&CN", fill="#ffffff", font=font(40))
    draw.text((32, 190), f"Số {number}/{year}" if vietnamese else f"So {number}/{year}", fill="#ffd54f", font=font(34))
    draw.text((32, 370), "BẢN MẪU" if vietnamese else "BAN MAU", fill="#ffffff", font=font(28))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
