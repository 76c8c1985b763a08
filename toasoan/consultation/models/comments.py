from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from toasoan.core.consent import ConsentFields

from .. import rules
from .pages import ConsultationPage


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt, công khai"
    REJECTED = "rejected", "Từ chối"


class Comment(ConsentFields):
    """A comment as the citizen sent it, with its moderation state. Never shown to the public:
    approving one copies its public part to PublishedComment.

    page_cache_ignore: a new submission (or a moderator's note on one) changes no public page,
    so it must not empty the page cache — or every visitor's comment would."""

    page_cache_ignore = True

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name="Dự thảo", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField("Họ và tên", max_length=rules.NAME_MAX)
    organisation = models.CharField("Cơ quan, tổ chức", max_length=rules.ORGANISATION_MAX, blank=True)
    email = models.EmailField("Thư điện tử", help_text="Không công khai; dùng để liên hệ khi cần làm rõ góp ý.")
    section_ref = models.CharField("Điều, khoản góp ý", max_length=rules.SECTION_MAX, blank=True)
    body = models.TextField("Nội dung góp ý")
    # consent_at, consent_text, consent_policy_url, consent_policy_version, consent_source: ConsentFields.
    created_at = models.DateTimeField("Thời điểm gửi", default=timezone.now, db_index=True)
    # Keyed hashes (core.abuse.keyed_hash): rate limits count these; the address is not kept.
    ip_hash = models.CharField(max_length=40, editable=False)
    email_hash = models.CharField(max_length=40, editable=False)
    flags = models.JSONField("Dấu hiệu nghi vấn", default=list, blank=True)
    suspicious = models.BooleanField("Nghi vấn", default=False, db_index=True)
    status = models.CharField(
        "Trạng thái", max_length=16, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    reject_reason = models.TextField("Lý do từ chối", blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField("Thời điểm duyệt", null=True, blank=True)

    class Meta:
        verbose_name = "Góp ý dự thảo"
        verbose_name_plural = "Góp ý dự thảo"
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [
            ("moderate_comment", "Có thể duyệt, từ chối góp ý dự thảo"),
            ("export_comment", "Có thể xuất góp ý dự thảo ra tệp CSV"),
        ]
        indexes = [
            models.Index(fields=["ip_hash", "created_at"], name="consult_comment_ip"),
            models.Index(fields=["email_hash", "created_at"], name="consult_comment_email"),
        ]

    def __str__(self) -> str:
        return f"Góp ý số {self.pk} của {self.name}: {Truncator(self.body).chars(60)}"

    def flag_labels(self) -> list[str]:
        return [rules.FLAG_LABELS.get(flag, flag) for flag in self.flags]

    @property
    @admin.display(description="Góp ý")
    def excerpt(self) -> str:
        return Truncator(self.body).chars(90)


class PublishedComment(models.Model):
    """The public part of an approved comment (never the email), as the consultation page shows
    it. Only moderators' actions create or delete these rows, and each such change refreshes the
    page cache like any published content (this model does not set page_cache_ignore)."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="publication")
    consultation = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="published_comments")
    name = models.CharField(max_length=rules.NAME_MAX)
    organisation = models.CharField(max_length=rules.ORGANISATION_MAX, blank=True)
    section_ref = models.CharField(max_length=rules.SECTION_MAX, blank=True)
    body = models.TextField()
    submitted_at = models.DateTimeField()
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()
        verbose_name = "Góp ý đã công khai"
        verbose_name_plural = "Góp ý đã công khai"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"Góp ý công khai của {self.name}"
