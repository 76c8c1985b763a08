"""Fixtures for feedback tests: private media in a temporary directory, users in the two groups,
valid form data, sample files, and running the durable task queue like db_worker does."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from toasoan.core import abuse
from toasoan.core.tests import file_samples

from ..selectors import APPROVER_GROUP, HANDLER_GROUP

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# Real images: attachments are decoded and re-encoded (toasoan.core.files), magic bytes are not enough.
PNG = file_samples.image("PNG")
JPEG = file_samples.image("JPEG")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def office_file(main_part: str, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def feedback_settings(settings, tmp_path):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TOASOAN_FORM_MIN_SECONDS = 0
    settings.TOASOAN_FEEDBACK = {}
    return settings


@pytest.fixture
def form_data():
    """form_data(**overrides) -> a valid POST for the submission form."""

    def make(**overrides) -> dict:
        data = {
            "kind": "hoi_dap",
            "name": "Nguyễn Văn An",
            "email": "an.nguyen@example.vn",
            "phone": "0912 345 678",
            "subject": "Hỏi về thủ tục đăng ký hợp đồng chuyển giao công nghệ",
            "content": "Xin hỏi hồ sơ đăng ký hợp đồng chuyển giao công nghệ gồm những giấy tờ gì và nộp ở đâu?",
            "consent": "on",
            abuse.STARTED_FIELD: abuse.form_token(),
            abuse.HONEYPOT_FIELD: "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


def _user(django_user_model, username: str, group: str | None = None, **extra):
    user = django_user_model.objects.create_user(username=username, password="mat-khau-thu-nghiem-dai", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def handler(db, django_user_model):
    return _user(django_user_model, "canbo", HANDLER_GROUP, first_name="Lê", last_name="Cán Bộ")


@pytest.fixture
def approver(db, django_user_model):
    return _user(django_user_model, "lanhdao", APPROVER_GROUP)


@pytest.fixture
def outsider(db, django_user_model):
    return _user(django_user_model, "phongvien", "Phóng viên")
