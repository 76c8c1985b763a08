"""Subscribers, their consent records, digest runs and per-subscriber deliveries.

High-churn rows that no public page shows: `page_cache_ignore` keeps their saves from emptying
the page cache. Addresses are personal data: shown in the admin only, never logged."""

import uuid

from django.conf import settings
from django.db import models


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xác nhận"
        CONFIRMED = "confirmed", "Đã xác nhận"
        UNSUBSCRIBED = "unsubscribed", "Đã hủy đăng ký"

    page_cache_ignore = True

    email = models.EmailField("Thư điện tử", max_length=254, unique=True)
    # What signed links name instead of the address or the row id (ids can be reused).
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField("Trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING)
    sections = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name="Chuyên mục nhận tin",
        blank=True,
        related_name="+",
        through="SubscriberSection",
    )
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)
    confirmed_at = models.DateTimeField("Ngày xác nhận", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("Ngày hủy đăng ký", null=True, blank=True)

    class Meta:
        verbose_name = "Người đăng ký nhận bản tin"
        verbose_name_plural = "Người đăng ký nhận bản tin"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    def section_titles(self) -> str:
        return ", ".join(self.sections.order_by("path").values_list("title", flat=True)) or "—"

    section_titles.short_description = "Chuyên mục nhận tin"


class SubscriberSection(models.Model):
    """A subscriber's chosen section (an explicit through model, so changes skip the page cache)."""

    page_cache_ignore = True

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE)
    section = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "section"], name="newsletter_one_row_per_section")]

    def __str__(self) -> str:
        return f"{self.subscriber_id} → {self.section_id}"


class ConsentRecord(models.Model):
    """One request to subscribe (or to change sections): what was agreed to, when, from where
    (a keyed hash of the IP, not the IP), and when the mailbox owner confirmed it."""

    page_cache_ignore = True

    subscriber = models.ForeignKey(
        Subscriber, verbose_name="Người đăng ký", on_delete=models.CASCADE, related_name="consents"
    )
    created_at = models.DateTimeField("Thời điểm đồng ý", auto_now_add=True, db_index=True)
    consent_text = models.TextField("Nội dung đồng ý")
    consent_version = models.CharField("Phiên bản nội dung đồng ý", max_length=32)
    policy_url = models.CharField("Chính sách bảo vệ dữ liệu cá nhân", max_length=500, blank=True)
    policy_version = models.CharField("Phiên bản chính sách", max_length=100, blank=True)
    source = models.CharField("Biểu mẫu thu thập", max_length=300, blank=True)
    ip_hash = models.CharField("Mã băm địa chỉ IP", max_length=40, blank=True, db_index=True)
    email_hash = models.CharField(max_length=40, db_index=True, editable=False)
    section_ids = models.JSONField("Chuyên mục đã chọn", default=list)
    confirmed_at = models.DateTimeField("Thời điểm xác nhận", null=True, blank=True)

    class Meta:
        verbose_name = "Bản ghi đồng ý"
        verbose_name_plural = "Bản ghi đồng ý"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Đồng ý ngày {self.created_at:%d/%m/%Y}"


class DigestRun(models.Model):
    """One period's digest: at most one row per period, whoever asks (scheduler or staff)."""

    page_cache_ignore = True

    period_start = models.DateField("Từ ngày", unique=True)
    period_end = models.DateField("Đến ngày (không gồm)")
    created_at = models.DateTimeField("Thời điểm yêu cầu", auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người yêu cầu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_enqueued_at = models.DateTimeField("Lần đưa vào hàng đợi gần nhất", null=True, blank=True)
    finished_at = models.DateTimeField("Thời điểm gửi xong", null=True, blank=True)

    class Meta:
        verbose_name = "Đợt gửi bản tin"
        verbose_name_plural = "Đợt gửi bản tin"
        ordering = ["-period_start"]

    def __str__(self) -> str:
        from datetime import timedelta

        last = self.period_end - timedelta(days=1)
        return f"Bản tin {self.period_start:%d/%m/%Y} – {last:%d/%m/%Y}"

    def sent_count(self) -> int:
        return Delivery.objects.filter(period_start=self.period_start, status=Delivery.Status.SENT).count()

    sent_count.short_description = "Số thư đã gửi"


class Delivery(models.Model):
    """A subscriber's copy of one period's digest. The unique row is the claim that makes sending
    idempotent: a retried task or a second scheduler finds it and sends nothing."""

    class Status(models.TextChoices):
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        EMPTY = "empty", "Không có tin mới"
        FAILED = "failed", "Gửi lỗi"

    page_cache_ignore = True

    subscriber = models.ForeignKey(
        Subscriber, verbose_name="Người đăng ký", on_delete=models.CASCADE, related_name="deliveries"
    )
    period_start = models.DateField("Từ ngày")
    status = models.CharField("Trạng thái", max_length=16, choices=Status.choices, default=Status.SENDING)
    article_count = models.PositiveIntegerField("Số bài", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("Thời điểm gửi", null=True, blank=True)

    class Meta:
        verbose_name = "Lượt gửi bản tin"
        verbose_name_plural = "Lượt gửi bản tin"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "period_start"], name="newsletter_one_delivery_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.period_start:%d/%m/%Y})"
