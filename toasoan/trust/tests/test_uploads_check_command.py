"""manage.py check_uploads: stored files today's checker would refuse are listed, none deleted."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image

from toasoan.core.tests import file_samples as samples

pytestmark = pytest.mark.django_db


def stored_document(name: str, data: bytes) -> Document:
    document = Document(title=name, file=ContentFile(data, name=name))
    document.save()
    return document


def stored_image(name: str, data: bytes) -> Image:
    image = Image(title=name, file=ContentFile(data, name=name), width=40, height=20)
    image.save()
    return image


def test_reports_what_would_be_refused_and_deletes_nothing(capsys):
    good = [
        stored_document("ke-hoach.pdf", samples.PDF),
        stored_document("du-thao.docx", samples.office()),
        stored_image("anh.png", samples.image("PNG", exif=False)),
    ]
    bad = {
        stored_document("trang.pdf", samples.HTML).pk: "mã HTML",
        stored_document("nen.zip", samples.office("content.xml")).pk: "không phải",
        stored_document("macro.docx", samples.office(extra={"word/vbaProject.bin": b"VBA"})).pk: "macro",
        stored_document("ho-so.docx", samples.PDF).pk: "nội dung là PDF",
    }
    bad_images = {
        stored_image("ve.png", samples.SVG).pk: "mã HTML",
        stored_image("polyglot.jpg", samples.image("JPEG") + samples.HTML).pk: "dữ liệu lạ",
        stored_image("gps.jpg", samples.image("JPEG")).pk: "GPS",
    }

    call_command("check_uploads")
    out = capsys.readouterr().out

    for pk, reason in bad.items():
        line = next(line for line in out.splitlines() if line.startswith(f"tài liệu #{pk} "))
        assert reason in line
    for pk, reason in bad_images.items():
        line = next(line for line in out.splitlines() if line.startswith(f"ảnh #{pk} "))
        assert reason in line
    for item in good:
        assert f"#{item.pk} “{item.title}”" not in out
    assert "Đã kiểm tra 10 tệp: 7 tệp sẽ bị từ chối" in out
    assert Document.objects.count() == 6 and Image.objects.count() == 4
    assert all(document.file.storage.exists(document.file.name) for document in Document.objects.all())


def test_fail_flag_and_a_clean_library(capsys):
    stored_document("ke-hoach.pdf", samples.PDF)
    call_command("check_uploads", "--fail")
    assert "0 tệp sẽ bị từ chối" in capsys.readouterr().out
    stored_document("setup.pdf", samples.EXE)
    with pytest.raises(CommandError):
        call_command("check_uploads", "--fail")


def test_a_missing_file_is_reported(capsys):
    document = stored_document("mat.pdf", samples.PDF)
    document.file.storage.delete(document.file.name)
    call_command("check_uploads")
    assert "không còn trên máy chủ" in capsys.readouterr().out
