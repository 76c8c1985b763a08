"""Stored uploads judged again by today's checker (manage.py check_uploads): what was uploaded
before it, or under older rules, and would now be refused. Reports only; deletes nothing."""

import io
from dataclasses import dataclass, field

from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from toasoan.core import files

from . import policy

GPS_IFD = 0x8825


@dataclass(frozen=True)
class Finding:
    model: str  # "tài liệu" or "ảnh"
    pk: int
    title: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.model} #{self.pk} “{self.title}” ({self.path}): {self.reason}"


@dataclass
class ScanReport:
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)


def scan_stored() -> ScanReport:
    report = ScanReport()
    sources = (
        ("tài liệu", get_document_model(), policy.document_kinds(), policy.document_max_bytes()),
        ("ảnh", get_image_model(), policy.image_kinds(), policy.image_max_bytes()),
    )
    for label, model, kinds, max_bytes in sources:
        for item in model.objects.order_by("pk").iterator():
            report.checked += 1
            reason = _reason(item.file, kinds, max_bytes)
            if reason:
                report.findings.append(Finding(label, item.pk, item.title, item.file.name, reason))
    return report


def _reason(field_file, kinds, max_bytes) -> str:
    name = field_file.name.rsplit("/", 1)[-1]
    try:
        handle = field_file.open("rb")
    except OSError:
        return "tệp không còn trên máy chủ."
    try:
        with handle:
            kind = files.check_upload(
                handle, kinds=kinds, max_bytes=max_bytes, name=name, max_pixels=policy.max_pixels()
            )
            if kind.image and _has_gps(handle):
                return "ảnh còn vị trí GPS trong EXIF: tải lên lại để hệ thống xóa."
    except files.UploadRefused as refused:
        return refused.messages[0]
    return ""


def _has_gps(handle) -> bool:
    handle.seek(0)
    try:
        with PILImage.open(io.BytesIO(handle.read())) as picture:
            return bool(picture.getexif().get_ifd(GPS_IFD))
    except Exception:  # a broken image is reported by check_upload, not here
        return False
