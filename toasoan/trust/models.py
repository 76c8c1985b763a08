"""Models of the trust app: findings of the content integrity scanner (toasoan/trust/integrity)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .integrity.rules import RULES, SEVERITIES

REPORT_PERMISSION = "trust.view_integrity_report"
REVIEW_PERMISSION = "trust.change_integrityfinding"


class IntegrityFinding(models.Model):
    """One suspicious thing in one object (or, for rendered pages, once for the whole site: an
    injected footer is one finding, not one per page). Re-found by its key on every scan."""

    class Status(models.TextChoices):
        OPEN = "open", "Chưa xử lý"
        RESOLVED = "resolved", "Đã hết"
        FALSE_POSITIVE = "false_positive", "Báo nhầm"

    class Source(models.TextChoices):
        CONTENT = "content", "Nội dung lưu trữ"
        RENDERED = "rendered", "Trang hiển thị"
        FILE = "file", "Tệp đính kèm"

    key = models.CharField(max_length=64, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField("Đối tượng", max_length=255, blank=True)
    url = models.CharField("Địa chỉ", max_length=1000, blank=True)
    source = models.CharField("Nguồn", max_length=16, choices=Source.choices, default=Source.CONTENT)
    location = models.CharField("Vị trí", max_length=255, blank=True)
    rule = models.CharField("Quy tắc", max_length=40, choices=list(RULES.items()), db_index=True)
    severity = models.CharField("Mức độ", max_length=8, choices=list(SEVERITIES.items()), db_index=True)
    excerpt = models.TextField("Trích đoạn")
    status = models.CharField("Trạng thái", max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    occurrences = models.PositiveIntegerField("Số trang gặp", default=1)
    first_seen = models.DateTimeField("Phát hiện lần đầu", auto_now_add=True)
    last_seen = models.DateTimeField("Gặp lần cuối", db_index=True)
    resolved_at = models.DateTimeField("Xử lý lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Phát hiện về toàn vẹn nội dung"
        verbose_name_plural = "Phát hiện về toàn vẹn nội dung"
        ordering = ["-last_seen", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [("view_integrity_report", "Xem báo cáo toàn vẹn nội dung")]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.object_label or self.url}"


class IntegrityScan(models.Model):
    """One full scan (scheduled or by the command): when it ran and what it found."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    objects_scanned = models.PositiveIntegerField(default=0)
    pages_rendered = models.PositiveIntegerField(default=0)
    files_scanned = models.PositiveIntegerField(default=0)
    findings_new = models.PositiveIntegerField(default=0)
    open_high = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Lượt quét toàn vẹn nội dung"
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"Lượt quét {self.started_at:%d/%m/%Y %H:%M}"
