"""Wagtail images and documents: every admin path that takes a file (add, the chooser's upload tab,
multiple upload) refuses what the allow-list refuses, stores nothing then, and stores images
re-encoded under a safe name."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from toasoan.core.tests import file_samples as samples

pytestmark = pytest.mark.django_db

SMALL_LIMIT = 1_500_000  # set below: "oversized" without building tens of megabytes


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = SMALL_LIMIT
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = SMALL_LIMIT


def stored(folder: str) -> set[str]:
    """Files in the test storage (in memory, shared by the whole run: compare before and after)."""
    try:
        return set(default_storage.listdir(folder)[1])
    except FileNotFoundError:
        return set()


NAMESPACE = {"image": "wagtailimages", "document": "wagtaildocs"}


def post_upload(client, model: str, path: str, name: str, data: bytes):
    """Upload through one admin path; returns the text a person would read."""
    collection = Collection.get_first_root_node().pk
    upload = SimpleUploadedFile(name, data)
    if path == "add":
        response = client.post(
            reverse(f"{NAMESPACE[model]}:add"), {"title": "Tệp thử", "file": upload, "collection": collection}
        )
        return response.content.decode()
    if path == "chooser":
        prefix = f"{model}-chooser-upload"
        response = client.post(
            reverse(f"{NAMESPACE[model]}_chooser:create"),
            {f"{prefix}-title": "Tệp thử", f"{prefix}-file": upload, f"{prefix}-collection": collection},
        )
        payload = json.loads(response.content)
        return payload.get("htmlFragment") or payload.get("html") or response.content.decode()
    response = client.post(reverse(f"{NAMESPACE[model]}:add_multiple"), {"files[]": upload, "collection": collection})
    payload = json.loads(response.content)
    return payload.get("error_message", "") if not payload.get("success") else "OK"


PATHS = ["add", "chooser", "multiple"]

HOSTILE_IMAGES = [
    ("shell.jpg", samples.PHP, "mã HTML, SVG hoặc mã lệnh"),
    ("trang.jpg", samples.HTML, "mã HTML, SVG hoặc mã lệnh"),
    ("ve.png", samples.SVG, "mã HTML, SVG hoặc mã lệnh"),
    ("ve.svg", samples.SVG, "mã HTML, SVG hoặc mã lệnh"),
    ("polyglot.jpg", samples.image("JPEG") + samples.office(), "dữ liệu lạ nối sau phần ảnh"),
    ("polyglot.jpg", samples.image("JPEG") + samples.HTML, "dữ liệu lạ nối sau phần ảnh"),
    ("setup.jpg", samples.EXE, "không phải JPEG"),
    ("bom.docx.png", samples.zip_bomb_docx(), "không phải PNG"),
    ("lon.jpg", samples.image("JPEG") + b"\x00" * SMALL_LIMIT, "lớn hơn"),
    ("bom.png", samples.png_bomb(), "triệu điểm ảnh"),
    ("tai-lieu.pdf", samples.PDF, "không phải"),
]

HOSTILE_DOCUMENTS = [
    ("cong-van.pdf", samples.PHP, "mã HTML, SVG hoặc mã lệnh"),
    ("cong-van.pdf", samples.HTML, "mã HTML, SVG hoặc mã lệnh"),
    ("ve.png", samples.SVG, "mã HTML, SVG hoặc mã lệnh"),
    ("ghi-chu.txt", samples.SVG, "mã HTML, SVG hoặc mã lệnh"),
    ("polyglot.docx", samples.image("JPEG") + samples.office(), "không phải Word (DOCX)"),
    ("setup.pdf", samples.EXE, "không phải PDF"),
    ("bom.docx", samples.zip_bomb_docx(), "bom nén"),
    ("macro.docx", samples.office(extra={"word/vbaProject.bin": b"VBA"}), "macro"),
    ("ho-so.docx", samples.PDF, "nội dung là PDF"),
    ("lon.pdf", samples.PDF + b"0" * SMALL_LIMIT, "lớn hơn"),
    ("nen.zip", samples.office("content.xml"), "không phải"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("name", "data", "message"), HOSTILE_IMAGES)
def test_images_refused_on_every_path(admin_client, path, name, data, message):
    before = stored("original_images")
    text = post_upload(admin_client, "image", path, name, data)
    assert message in text
    assert not Image.objects.exists() and stored("original_images") == before


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("name", "data", "message"), HOSTILE_DOCUMENTS)
def test_documents_refused_on_every_path(admin_client, path, name, data, message):
    before = stored("documents")
    text = post_upload(admin_client, "document", path, name, data)
    assert message in text
    assert "is not allowed" not in text  # Wagtail's English echo of the same refusal is dropped
    assert not Document.objects.exists() and stored("documents") == before


@pytest.mark.parametrize("path", PATHS)
def test_a_real_photo_is_stored_re_encoded(admin_client, path):
    post_upload(admin_client, "image", path, "Ảnh hội nghị.php.jpg", samples.image("JPEG") + b"\x00" * 8)
    image = Image.objects.get()
    assert image.file.name.startswith("original_images/anh-hoi-nghi-php")
    assert image.file.name.endswith(".jpg")
    data = image.file.read()
    with PILImage.open(io.BytesIO(data)) as picture:
        assert not picture.getexif() and picture.size == (20, 40)  # upright, GPS gone
    assert data.endswith(b"\xff\xd9") and b"<?php" not in data
    assert (image.width, image.height, image.file_size) == (20, 40, len(data))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("name", "data"),
    [("Kế hoạch.pdf", samples.PDF), ("du-thao.docx", samples.office()), ("danh-sach.csv", samples.CSV)],
)
def test_real_documents_are_stored_as_sent(admin_client, path, name, data):
    post_upload(admin_client, "document", path, name, data)
    document = Document.objects.get()
    assert document.file.read() == data
    assert "/" not in document.filename and document.filename.isascii()


def test_a_file_name_with_folders_lands_in_the_upload_folder(admin_client):
    """The browser's name is not trusted: Django keeps its last part, we slugify it."""
    boundary = "ranh-gioi"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nTệp\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="collection"\r\n\r\n'
            f"{Collection.get_first_root_node().pk}\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../../etc/x.php.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + samples.PDF
        + f"\r\n--{boundary}--\r\n".encode()
    )
    admin_client.post(reverse("wagtaildocs:add"), data=body, content_type=f"multipart/form-data; boundary={boundary}")
    document = Document.objects.get()
    assert document.file.name.startswith("documents/x-php") and ".." not in document.file.name


def test_svg_is_not_an_image_extension(settings):
    from toasoan.trust.uploads import policy

    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert {kind.extension for kind in policy.image_kinds()} == {"jpg", "png", "gif", "webp"}
    assert "zip" not in settings.WAGTAILDOCS_EXTENSIONS and "rtf" not in settings.WAGTAILDOCS_EXTENSIONS


def test_the_form_says_what_is_accepted(admin_client):
    html = admin_client.get(reverse("wagtaildocs:add")).content.decode()
    assert "kiểm tra theo nội dung tệp" in html and "PDF" in html


def test_replacing_a_file_on_edit_is_checked_too(admin_client):
    post_upload(admin_client, "image", "add", "anh.png", samples.image("PNG"))
    image = Image.objects.get()
    before, files_before = image.file.name, stored("original_images")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Ảnh", "file": SimpleUploadedFile("anh.png", samples.SVG), "collection": image.collection_id},
    )
    assert "mã HTML, SVG hoặc mã lệnh" in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == before and stored("original_images") == files_before
