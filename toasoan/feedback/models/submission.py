"""What citizens send, and what staff do with it. None of these rows ever appears on a public page
as such (the public Q&A shows PublishedQuestion copies), so saving them leaves the page cache alone."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from toasoan.core.consent import ConsentFields

from ..storage import private_storage


class Kind(models.TextChoices):
    FEEDBACK = "phan_anh", "Phản ánh"
    PETITION = "kien_nghi", "Kiến nghị"
    QUESTION = "hoi_dap", "Hỏi đáp"


CODE_PREFIX = {Kind.FEEDBACK: "PA", Kind.PETITION: "KN", Kind.QUESTION: "HD"}


class Status(models.TextChoices):
    MODERATION = "cho_kiem_duyet", "Chờ kiểm duyệt"
    RECEIVED = "da_tiep_nhan", "Đã tiếp nhận"
    PROCESSING = "dang_xu_ly", "Đang xử lý"
    ANSWERED = "da_tra_loi", "Đã trả lời"
    REJECTED = "tu_choi", "Từ chối"


OPEN_STATUSES = (Status.MODERATION, Status.RECEIVED, Status.PROCESSING)


class AnswerState(models.TextChoices):
    NONE = "", "Chưa có"
    PENDING = "cho_duyet", "Chờ duyệt"
    RETURNED = "tra_lai", "Trả lại để sửa"
    APPROVED = "da_duyet", "Đã duyệt"


class Submission(ConsentFields):
    page_cache_ignore = True

    code = models.CharField("mã tra cứu", max_length=12, unique=True)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    subject = models.CharField("tiêu đề", max_length=200)
    content = models.TextField("nội dung")
    name = models.CharField("họ và tên", max_length=100)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("số điện thoại", max_length=20, blank=True)
    about = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="về thủ tục hoặc bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày gửi", default=timezone.now, db_index=True)
    deadline = models.DateField("hạn xử lý", db_index=True)
    status_changed_at = models.DateTimeField("cập nhật trạng thái", default=timezone.now)

    # consent_at, consent_text, consent_policy_url, consent_policy_version, consent_source: ConsentFields.

    # Keyed hashes (toasoan.core.abuse.keyed_hash): counted for rate limits, never reversed.
    ip_hash = models.CharField(max_length=40, db_index=True, editable=False)
    email_hash = models.CharField(max_length=40, db_index=True, blank=True, editable=False)
    moderation_reasons = models.JSONField("lý do kiểm duyệt", default=list, blank=True)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField("lý do từ chối", blank=True)

    answer = models.TextField("câu trả lời", blank=True)
    answer_state = models.CharField(
        "tình trạng câu trả lời", max_length=12, choices=AnswerState.choices, default=AnswerState.NONE, blank=True
    )
    answer_publish = models.BooleanField("đăng lên mục hỏi đáp", default=True)
    answer_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField("ngày trả lời", null=True, blank=True)

    class Meta:
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị, hỏi đáp"
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_answer", "Duyệt câu trả lời phản ánh, kiến nghị")]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


def _attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the citizen's file name is kept in the row, never used on disk.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"feedback/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    page_cache_ignore = True

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=_attachment_path, max_length=200)
    original_name = models.CharField("tên tệp", max_length=200)
    content_type = models.CharField("loại tệp", max_length=100)
    size = models.PositiveIntegerField("dung lượng (byte)")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Note(models.Model):
    """An internal note: staff only, never shown to the citizen or the public."""

    page_cache_ignore = True

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField("ghi chú")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "ghi chú nội bộ"
        verbose_name_plural = "ghi chú nội bộ"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class StatusEvent(models.Model):
    """The status history the citizen sees on the tracking page (dates, no names)."""

    page_cache_ignore = True

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.created_at:%d/%m/%Y}"


class TrackingLookup(models.Model):
    """A lookup of an unknown code, by keyed IP hash: such misses per IP are rate limited."""

    page_cache_ignore = True

    ip_hash = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["ip_hash", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M}"
