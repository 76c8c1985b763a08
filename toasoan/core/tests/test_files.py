"""toasoan.core.files: the allow-list by content shared by every upload path."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from toasoan.core import files
from toasoan.core.files import UploadRefused

from . import file_samples as samples

MB = 1024 * 1024


def check(name: str, data: bytes, kinds=files.ALL_KINDS, max_bytes: int | None = 20 * MB, **kwargs):
    return files.check_upload(SimpleUploadedFile(name, data), kinds=kinds, max_bytes=max_bytes, **kwargs)


def refusal(name: str, data: bytes, **kwargs) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        check(name, data, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("anh.jpg", samples.image("JPEG"), files.JPEG),
        ("anh.JPEG", samples.image("JPEG"), files.JPEG),
        ("anh.png", samples.image("PNG"), files.PNG),
        ("dong.gif", samples.image("GIF", frames=3), files.GIF),
        ("anh.webp", samples.image("WEBP"), files.WEBP),
        ("cong-van.pdf", samples.PDF, files.PDF),
        ("du-thao.docx", samples.office("word/document.xml"), files.DOCX),
        ("bang.xlsx", samples.xlsx(), files.XLSX),
        ("trinh-chieu.pptx", samples.office("ppt/presentation.xml"), files.PPTX),
        ("van-ban.odt", samples.odf(), files.ODT),
        ("bang.ods", samples.odf("application/vnd.oasis.opendocument.spreadsheet"), files.ODS),
        ("cu.doc", samples.ole("\x05SummaryInformation", "WordDocument"), files.DOC),
        ("cu.xls", samples.ole("Workbook"), files.XLS),
        ("cu.ppt", samples.ole("PowerPoint Document"), files.PPT),
        ("danh-sach.csv", samples.CSV, files.TEXT),
        ("ghi-chu.txt", "Ghi chú\ttiếng Việt\r\n".encode(), files.TEXT),
        ("unicode.txt", "\ufeffMã\tTên\n".encode("utf-16"), files.TEXT),
        ("khong-duoi", samples.PDF, files.PDF),  # no extension: the stored name gets the kind's
    ],
)
def test_allowed_by_content(name, data, kind):
    assert check(name, data) is kind
    assert files.sniff(io.BytesIO(data)) is kind


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("ho-so.pdf", samples.PHP, "active"),  # a PHP script renamed
        ("anh.jpg", samples.HTML, "active"),  # a web page renamed
        ("anh.png", samples.SVG, "active"),  # SVG with a script, whatever its name
        ("hinh.svg", samples.SVG, "active"),
        ("ghi-chu.txt", b"   <html><body>x</body></html>", "active"),
        ("ghi-chu.txt", "\ufeff<script>alert(1)</script>".encode("utf-16"), "active"),
        ("chay.sh", b"#!/bin/sh\nrm -rf /\n", "active"),
        ("setup.exe", samples.EXE, "kind"),
        ("ho-so.pdf", samples.EXE, "kind"),
        ("ho-so.pdf", samples.ELF, "kind"),
        ("nen.zip", samples.office("content.xml"), "kind"),  # a zip, not an Office document
        ("hong.docx", b"PK\x03\x04 khong phai zip", "kind"),
        ("cai-dat.doc", samples.ole("SummaryInformation"), "kind"),  # OLE without a Word stream: MSI...
        ("vi-du.txt", "chữ Việt".encode("cp1258", errors="replace") + b"\x81\x8d\x00", "kind"),
        ("macro.docx", samples.office("word/document.xml", {"word/vbaProject.bin": b"VBA"}), "macros"),
        ("macro.doc", samples.ole("WordDocument", "Macros", "VBA", "_VBA_PROJECT"), "macros"),
        ("macro.odt", samples.odf(extra={"Basic/Standard/Module1.xml": b"<x/>"}), "macros"),
        ("bom.docx", samples.zip_bomb_docx(), "zip_bomb"),
        ("ho-so.docx", samples.PDF, "extension"),  # a PDF named .docx
        ("anh.png", samples.image("JPEG"), "extension"),
        ("polyglot.jpg", samples.image("JPEG") + samples.office(), "polyglot"),  # JPEG + zip
        ("polyglot.jpg", samples.image("JPEG") + samples.HTML, "polyglot"),  # JPEG + HTML
        ("polyglot.png", samples.image("PNG") + samples.PHP, "polyglot"),
        ("polyglot.gif", samples.image("GIF") + samples.HTML, "polyglot"),
        ("polyglot.webp", samples.image("WEBP") + samples.PDF, "polyglot"),
        ("bom.png", samples.png_bomb(), "too_many_pixels"),  # 10 billion pixels in 100 bytes
        ("rong.pdf", b"", "empty"),
    ],
)
def test_refused_with_a_vietnamese_reason(name, data, code):
    refused = refusal(name, data)
    assert refused.code == code
    assert "“" in refused.messages[0] and refused.messages[0] == files.nfc(refused.messages[0])


def test_messages_say_what_to_do():
    assert "không phải PDF" in refusal("ho-so.pdf", samples.EXE).messages[0]
    assert "nội dung là PDF" in refusal("ho-so.docx", samples.PDF).messages[0]
    assert "đuôi .pdf" in refusal("ho-so.docx", samples.PDF).messages[0]
    assert "macro" in refusal("m.docx", samples.office(extra={"word/vbaProject.bin": b"x"})).messages[0]
    assert "HTML, SVG" in refusal("anh.png", samples.SVG).messages[0]


def test_only_the_kinds_asked_for():
    assert check("anh.png", samples.image("PNG"), kinds=(files.PNG,)) is files.PNG
    refused = refusal("cong-van.pdf", samples.PDF, kinds=(files.JPEG, files.PNG))
    assert refused.code == "kind" and "JPEG hoặc PNG" in refused.messages[0]


def test_size_is_refused_before_the_content_is_read():
    class Untouchable(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("read an oversized file")

    with pytest.raises(UploadRefused) as caught:
        files.check_upload(Untouchable("lon.pdf", samples.PDF + b"0" * (2 * MB)), kinds=files.ALL_KINDS, max_bytes=MB)
    refused = caught.value
    assert refused.code == "too_large" and "lớn hơn 1 MB" in refused.messages[0]


def test_names_with_path_separators_or_control_characters_are_refused():
    for name in ("../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "a\x00.pdf", "dong\nmoi.pdf"):
        with pytest.raises(UploadRefused) as caught:
            files.check_upload(io.BytesIO(samples.PDF), kinds=files.ALL_KINDS, max_bytes=MB, name=name)
        assert caught.value.code == "bad_name"


def test_pixel_cap_counts_every_frame():
    frames = samples.image("GIF", size=(100, 100), frames=5)  # 50,000 pixels in all
    assert check("dong.gif", frames, max_pixels=50_000) is files.GIF
    assert refusal("dong.gif", frames, max_pixels=49_999).code == "too_many_pixels"


@pytest.mark.parametrize(
    "trailer",
    [
        b"\x00" * 32,  # padding some cameras write
        samples.image("JPEG", exif=False),  # a phone's second picture (MPF)
        b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64,  # a motion photo's video
    ],
)
def test_harmless_data_after_a_jpeg_is_accepted(trailer):
    assert check("dien-thoai.jpg", samples.image("JPEG") + trailer) is files.JPEG


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("x.php.pdf", files.PDF, "x-php.pdf"),
        ("../Quyết định số 12.PDF", files.PDF, "quyet-dinh-so-12.pdf"),
        ("C:\\Users\\An\\Báo cáo.pdf", files.PDF, "bao-cao.pdf"),
        ("anh.jpeg", files.JPEG, "anh.jpeg"),
        (".pdf", files.PDF, "pdf.pdf"),
        ("khong-duoi", files.PDF, "khong-duoi.pdf"),
        ("...", files.PDF, "tep.pdf"),
        ("hop-dong.doc", files.DOCX, "hop-dong.docx"),  # the real kind's extension wins
    ],
)
def test_safe_names(name, kind, expected):
    assert files.safe_name(name, kind) == expected


class TestReencoding:
    def test_exif_gps_comment_and_trailer_are_gone_orientation_applied(self):
        original = samples.image("JPEG", size=(40, 20)) + b"\x00" * 16
        with Image.open(io.BytesIO(original)) as before:
            assert before.getexif().get_ifd(0x8825)  # the fixture does carry a position
        upload = SimpleUploadedFile("Ảnh hiện trường.jpg", original)
        kind, clean = files.sanitise(upload, kinds=files.IMAGES, max_bytes=MB)
        data = clean.read()
        assert kind is files.JPEG and clean.name == "anh-hien-truong.jpg"
        with Image.open(io.BytesIO(data)) as after:
            assert after.format == "JPEG"
            assert after.size == (20, 40)  # orientation 6 applied: upright, and no tag left to apply twice
            assert not after.getexif()
            assert "comment" not in after.info and "exif" not in after.info
        assert b"Exif" not in data and b"<?php" not in data
        assert data.endswith(b"\xff\xd9")  # nothing after the end of the image

    @pytest.mark.parametrize(("fmt", "kind"), [("PNG", files.PNG), ("WEBP", files.WEBP), ("GIF", files.GIF)])
    def test_same_format_out_without_metadata(self, fmt, kind):
        data = files.reencode_image(samples.image(fmt), kind)
        with Image.open(io.BytesIO(data)) as after:
            assert after.format == fmt
            assert not after.getexif()
        assert files.check_upload(SimpleUploadedFile(f"a.{kind.extension}", data), kinds=files.IMAGES, max_bytes=MB)

    def test_animation_is_kept(self):
        data = files.reencode_image(samples.image("GIF", frames=4), files.GIF)
        with Image.open(io.BytesIO(data)) as after:
            assert after.n_frames == 4

    def test_documents_are_not_rewritten(self):
        upload = SimpleUploadedFile("Dự thảo.docx", samples.office())
        kind, clean = files.sanitise(upload, kinds=files.DOCUMENTS, max_bytes=MB)
        assert kind is files.DOCX and clean is upload and clean.name == "du-thao.docx"
        assert clean.read() == samples.office()

    def test_an_open_file_on_disk_is_wrapped_with_its_safe_name(self, tmp_path):
        path = tmp_path / "Kế hoạch.pdf"
        path.write_bytes(samples.PDF)
        with path.open("rb") as handle:
            _, clean = files.sanitise(handle, kinds=files.DOCUMENTS, max_bytes=MB, name=path.name)
            assert clean.name == "ke-hoach.pdf" and clean.read() == samples.PDF
