"""The upload paths outside Wagtail's forms: citizens' feedback attachments, the procedures import
(CSV/XLSX) and the article importer's media. Each refuses the hostile files with a Vietnamese reason
and leaves nothing behind; each takes the real thing. (Legal documents, consultation drafts and
newsletter issues are Wagtail documents: test_uploads_admin.py.)"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from toasoan.core import abuse
from toasoan.core.tests import file_samples as samples
from toasoan.feedback.models import Attachment, Submission
from toasoan.news.importer.errors import ImportFormatError
from toasoan.news.importer.media import MediaLibrary

pytestmark = pytest.mark.django_db

FEEDBACK_URL = "/phan-anh-kien-nghi/"
PROCEDURES_IMPORT_URL = "/admin/thu-tuc-hanh-chinh/nhap/"

HOSTILE = [
    ("ho-so.pdf", samples.PHP, "mã HTML, SVG hoặc mã lệnh"),
    ("anh.jpg", samples.HTML, "mã HTML, SVG hoặc mã lệnh"),
    ("anh.png", samples.SVG, "mã HTML, SVG hoặc mã lệnh"),
    ("anh.jpg", samples.image("JPEG") + samples.office(), "dữ liệu lạ nối sau phần ảnh"),
    ("anh.jpg", samples.image("JPEG") + samples.HTML, "dữ liệu lạ nối sau phần ảnh"),
    ("ho-so.pdf", samples.EXE, "không phải PDF"),
    ("don.docx", samples.zip_bomb_docx(), "bom nén"),
    ("anh.png", samples.png_bomb(), "triệu điểm ảnh"),
    ("don.docx", samples.PDF, "nội dung là PDF"),
]


@pytest.fixture
def citizen(settings, tmp_path, home):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TOASOAN_FORM_MIN_SECONDS = 0
    settings.TOASOAN_FEEDBACK = {"MAX_FILE_BYTES": 1_500_000, "MAX_TOTAL_BYTES": 5_000_000}

    def send(client, *uploads):
        data = {
            "kind": "phan_anh",
            "name": "Nguyễn Văn An",
            "email": "an@example.vn",
            "subject": "Đường hỏng trước cổng trường",
            "content": "Đề nghị sửa đoạn đường trước cổng trường tiểu học.",
            "consent": "on",
            abuse.STARTED_FIELD: abuse.form_token(),
            abuse.HONEYPOT_FIELD: "",
            "attachments": list(uploads),
        }
        return client.post(FEEDBACK_URL, data)

    return send


def private_files(settings) -> list[Path]:
    root = Path(settings.TOASOAN_PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "data", "message"), [*HOSTILE, ("lon.pdf", samples.PDF + b"0" * 1_600_000, "lớn hơn")]
)
def test_feedback_refuses(client, citizen, settings, name, data, message):
    response = citizen(client, SimpleUploadedFile(name, data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["attachments"])
    assert not Submission.objects.exists() and not Attachment.objects.exists() and not private_files(settings)


def test_feedback_photo_is_stored_without_its_position(client, citizen, settings):
    response = citizen(
        client, SimpleUploadedFile("Ổ gà.jpg", samples.image("JPEG")), SimpleUploadedFile("don.pdf", samples.PDF)
    )
    assert response.status_code == 302
    photo = Attachment.objects.get(content_type="image/jpeg")
    assert photo.original_name == "Ổ gà.jpg"  # the citizen's name for it, for staff
    data = photo.file.read()
    with PILImage.open(io.BytesIO(data)) as picture:
        assert not picture.getexif() and picture.size == (20, 40)
    assert photo.size == len(data)
    assert Attachment.objects.get(content_type="application/pdf").file.read() == samples.PDF


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("thu-tuc.xlsx", samples.zip_bomb_docx(), "không phải tệp Excel"),
        ("thu-tuc.xlsx", samples.office("xl/workbook.xml", {"xl/vbaProject.bin": b"VBA"}), "macro"),
        ("thu-tuc.csv", samples.HTML, "mã HTML, SVG hoặc mã lệnh"),
        ("thu-tuc.csv", samples.SVG, "mã HTML, SVG hoặc mã lệnh"),
        ("thu-tuc.csv", samples.PHP, "mã HTML, SVG hoặc mã lệnh"),
        ("thu-tuc.csv", samples.EXE, "không phải tệp văn bản CSV"),
        ("thu-tuc.pdf", samples.PDF, "không phải CSV hoặc Excel"),
        ("thu-tuc.csv", samples.image("JPEG") + samples.office(), "không phải tệp văn bản CSV"),
    ],
)
def test_procedures_import_refuses(admin_client, home, name, data, message):
    pages = Page.objects.count()
    response = admin_client.post(PROCEDURES_IMPORT_URL, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Page.objects.count() == pages


def test_procedures_import_refuses_an_xlsx_zip_bomb(admin_client, home):
    """A real workbook whose sheet inflates past the cap is refused before openpyxl opens it."""
    bomb = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(io.BytesIO(samples.xlsx())) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        with out.open("xl/worksheets/sheet9.xml", "w", force_zip64=True) as part:
            for _ in range(210):
                part.write(b" " * 1024 * 1024)
    response = admin_client.post(PROCEDURES_IMPORT_URL, {"file": SimpleUploadedFile("thu-tuc.xlsx", bomb.getvalue())})
    assert "bom nén" in response.content.decode()


@pytest.fixture
def library(tmp_path):
    return MediaLibrary(roots=[tmp_path])


@pytest.mark.parametrize(("name", "data", "message"), HOSTILE)
def test_importer_media_refuses(library, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    method = library.image if name.endswith((".jpg", ".png")) else library.document
    with pytest.raises(ImportFormatError) as caught:
        method(path)
    assert message in str(caught.value)
    assert not Image.objects.exists() and not Document.objects.exists()


def test_importer_media_stores_re_encoded_images_and_documents_as_they_are(library, tmp_path):
    (tmp_path / "Ảnh lễ.jpg").write_bytes(samples.image("JPEG"))
    (tmp_path / "Kế hoạch.pdf").write_bytes(samples.PDF)
    image = library.image(tmp_path / "Ảnh lễ.jpg")
    document = library.document(tmp_path / "Kế hoạch.pdf")
    data = image.file.read()
    assert image.file.name.startswith("original_images/anh-le") and b"Exif" not in data
    assert document.file.read() == samples.PDF and document.filename.startswith("ke-hoach")


def test_newsletter_issue_must_be_a_pdf_by_content(home):
    """Issues are Wagtail documents (checked on upload); a file stored before that is judged again."""
    import datetime

    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    from toasoan.newsletter.models import NewsletterIssuePage

    disguised = Document.objects.create(title="Số 1", file=ContentFile(samples.HTML, name="so-1.pdf"))
    issue = NewsletterIssuePage(title="Số 1", slug="so-1", number=1, issue_date=datetime.date(2026, 1, 1))
    issue.document = disguised
    issue.path, issue.depth = home.path + "9999", home.depth + 1
    with pytest.raises(ValidationError) as error:
        issue.clean()
    assert "PDF" in error.value.message_dict["document"][0]
    issue.document = Document.objects.create(title="Số 1", file=ContentFile(samples.PDF, name="so-1.pdf"))
    issue.clean()
