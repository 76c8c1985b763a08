"""Media on an S3-compatible object store, for real: moto's S3 server on loopback (tests/deploy/s3.py).

The storage settings come from toasoan/settings/base.py itself (read in a subprocess with the
TOASOAN_S3_* environment), then uploads go through the Wagtail admin as an editor would: the
objects land in the bucket, renditions are made from and written to it, image URLs lead to the
bucket (or the custom domain), documents are served by our view from it, and the upload checker
and file deletion work on it. Backup and restore with S3 media: test_s3_backup.py."""

import io
import json
import subprocess
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.deploy import s3
from tests.servers import REPO, VENV_BIN
from toasoan.core.tests import file_samples as samples
from toasoan.trust.uploads.scan import scan_stored

pytestmark = pytest.mark.servers

PRINT_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "default": settings.STORAGES["default"],
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin_img_src": settings.TOASOAN_ADMIN_CSP["DIRECTIVES"]["img-src"],
    "serve_media": settings.SERVE_MEDIA,
}))
"""


def settings_for(env: dict[str, str], module: str = "toasoan.settings.production") -> dict:
    """What the real settings module makes of this environment."""
    result = subprocess.run(
        [VENV_BIN / "python", "-c", PRINT_SETTINGS],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "x" * 50, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def bucket(tmp_path_factory):
    server = s3.start_server(log=tmp_path_factory.mktemp("moto") / "moto.log")
    policy = s3.public_read_policy(server.bucket)
    server.client().put_bucket_policy(Bucket=server.bucket, Policy=json.dumps(policy))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def s3_settings(bucket) -> dict:
    return settings_for(bucket.env())


@pytest.fixture
def on_s3(settings, s3_settings):
    """The default storage of this test is the bucket, configured as the settings module does."""
    settings.STORAGES = {**settings.STORAGES, "default": s3_settings["default"]}


def test_settings_read_the_environment(bucket, s3_settings):
    options = s3_settings["default"]["OPTIONS"]
    assert s3_settings["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == bucket.bucket
    assert options["endpoint_url"] == bucket.endpoint_url
    assert options["location"] == "media"
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    # Readers' browsers load images from the endpoint: the CSP allows it, public and admin.
    assert bucket.endpoint_url in s3_settings["img_src"]
    assert bucket.endpoint_url in s3_settings["admin_img_src"]
    assert s3_settings["serve_media"] is False
    local = settings_for({})
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["img_src"] == ["'self'", "data:"] and local["serve_media"] is True


def test_custom_domain_is_the_image_origin(bucket, settings):
    configured = settings_for({**bucket.env(), "TOASOAN_S3_CUSTOM_DOMAIN": "media.skhcn.example.gov.vn"})
    assert configured["img_src"] == ["'self'", "data:", "https://media.skhcn.example.gov.vn"]
    settings.STORAGES = {**settings.STORAGES, "default": configured["default"]}
    from django.core.files.storage import default_storage

    assert default_storage.url("images/anh.jpg") == "https://media.skhcn.example.gov.vn/media/images/anh.jpg"


def anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def upload(client, model: str, name: str, data: bytes, title: str):
    namespace = {"image": "wagtailimages", "document": "wagtaildocs"}[model]
    collection = Collection.get_first_root_node().pk
    response = client.post(
        reverse(f"{namespace}:add"), {"title": title, "file": SimpleUploadedFile(name, data), "collection": collection}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_image_upload_lands_in_the_bucket_and_renditions_too(bucket, on_s3, admin_client):
    upload(admin_client, "image", "Ảnh hội nghị.jpg", samples.image("JPEG", (400, 300)), "Hội nghị")
    image = Image.objects.get(title="Hội nghị")
    objects = bucket.keys("media/")
    assert f"media/{image.file.name}" in objects
    assert image.file.name.startswith("original_images/")
    assert objects[f"media/{image.file.name}"].startswith(b"\xff\xd8\xff"), "re-encoded JPEG, stored in the bucket"

    rendition = image.get_rendition("fill-120x90")
    assert f"media/{rendition.file.name}" in bucket.keys("media/images/")
    url = rendition.url
    assert url.startswith(f"{bucket.endpoint_url}/{bucket.bucket}/media/images/")
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
    assert body.startswith(b"\xff\xd8\xff")
    with PILImage.open(io.BytesIO(body)) as picture:
        assert picture.size == (120, 90)
    # The runbook's bucket policy: renditions are public, originals are not.
    assert anonymous_status(image.file.url) == 403


@pytest.mark.django_db
def test_document_upload_is_served_by_our_view_from_the_bucket(bucket, on_s3, admin_client, client):
    upload(admin_client, "document", "Công văn 12.pdf", samples.PDF, "Công văn 12")
    document = Document.objects.get(title="Công văn 12")
    assert bucket.keys("media/documents/")[f"media/{document.file.name}"] == samples.PDF
    # Not readable from the bucket by anyone but the portal: /documents/ is the only way in.
    assert anonymous_status(document.file.url) == 403

    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Not used by any public page yet: readers get nothing, as with local media.
    assert client.get(document.url).status_code == 404


@pytest.mark.django_db
def test_a_published_document_is_served_to_readers(bucket, on_s3, admin_client, client, section, make_article):
    upload(admin_client, "document", "bao-cao.pdf", samples.PDF, "Báo cáo")
    document = Document.objects.get(title="Báo cáo")
    make_article(section, "Bài có tài liệu", body=f'<a linktype="document" id="{document.pk}">Tải</a>')
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF
    # The object vanished from the bucket: a clear 404, not a 500.
    bucket.client().delete_object(Bucket=bucket.bucket, Key=f"media/{document.file.name}")
    assert client.get(document.url).status_code == 404


@pytest.mark.django_db
def test_check_uploads_reads_the_bucket(bucket, on_s3, admin_client):
    upload(admin_client, "document", "to-trinh.pdf", samples.PDF, "Tờ trình")
    upload(admin_client, "image", "anh.png", samples.image("PNG"), "Ảnh PNG")
    document = Document.objects.get(title="Tờ trình")
    image = Image.objects.get(title="Ảnh PNG")
    report = scan_stored()
    assert report.checked >= 2
    assert [f for f in report.findings if f.pk in (document.pk, image.pk)] == []
    # Someone replaces the object in the bucket behind the portal's back, and deletes another.
    client = bucket.client()
    client.put_object(Bucket=bucket.bucket, Key=f"media/{document.file.name}", Body=samples.HTML)
    client.delete_object(Bucket=bucket.bucket, Key=f"media/{image.file.name}")
    reasons = {(f.model, f.pk): f.reason for f in scan_stored().findings}
    assert "mã HTML" in reasons[("tài liệu", document.pk)]
    assert reasons[("ảnh", image.pk)] == "tệp không còn trên máy chủ."


@pytest.mark.django_db
def test_deleting_an_image_deletes_its_objects_on_commit(bucket, on_s3, admin_client, committed):
    upload(admin_client, "image", "xoa.jpg", samples.image("JPEG"), "Sẽ xoá")
    image = Image.objects.get(title="Sẽ xoá")
    rendition = image.get_rendition("width-50")
    names = {f"media/{image.file.name}", f"media/{rendition.file.name}"}
    assert names <= set(bucket.keys("media/"))
    with committed():
        image.delete()
    assert not names & set(bucket.keys("media/"))
