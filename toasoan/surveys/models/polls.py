"""Polls (thăm dò ý kiến): one question, its options, an opening and a closing time, and votes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from toasoan.core.vietnamese import slugify

from ..admin_forms import PollAdminForm
from .common import ModeratedMixin


class Poll(ClusterableModel):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Chưa mở"
        OPEN = "open", "Đang mở"
        CLOSED = "closed", "Đã kết thúc"

    question = models.CharField("Câu hỏi", max_length=255)
    slug = models.SlugField(
        "Đường dẫn",
        max_length=80,
        unique=True,
        blank=True,
        allow_unicode=False,
        help_text="Để trống để tạo từ câu hỏi.",
    )
    description = models.TextField("Giới thiệu", blank=True)
    opens_at = models.DateTimeField("Mở từ", default=timezone.now)
    closes_at = models.DateTimeField("Kết thúc lúc")
    show_on_home = models.BooleanField(
        "Hiển thị ở trang chủ", default=True, help_text="Trang chủ hiện cuộc thăm dò đang mở, mở gần đây nhất."
    )
    # Kept in step with the dates by save() and by the periodic job, so that a poll opening or
    # closing is a saved change: it renews every cached page (the home page shows the poll).
    state = models.CharField(
        "Tình trạng", max_length=10, choices=State.choices, default=State.SCHEDULED, editable=False, db_index=True
    )
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)

    base_form_class = PollAdminForm
    panels = [
        FieldPanel("question"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="Thời gian nhận ý kiến"),
        FieldPanel("show_on_home"),
        InlinePanel("options", heading="Các phương án trả lời", label="Phương án", min_num=2, max_num=10),
    ]

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = "cuộc thăm dò ý kiến"
        verbose_name_plural = "Thăm dò ý kiến"

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("surveys:poll_detail", args=[self.slug])

    def state_at(self, moment: datetime.datetime) -> str:
        if moment < self.opens_at:
            return self.State.SCHEDULED
        if moment >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    def is_open_at(self, moment: datetime.datetime) -> bool:
        return self.state_at(moment) == self.State.OPEN

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Thời điểm kết thúc phải sau thời điểm mở."})
        if self.slug and Poll.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": "Đường dẫn này đã được dùng cho cuộc thăm dò khác."})

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = _unique_slug(self.question, self.pk)
        if kwargs.get("update_fields") is None:  # the periodic job saves a state it computed itself
            self.state = self.state_at(timezone.now())
        super().save(*args, **kwargs)


def _unique_slug(question: str, pk: int | None) -> str:
    base = slugify(question, max_length=70) or "tham-do"
    slug, n = base, 2
    while Poll.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class PollOption(Orderable):
    poll = ParentalKey(Poll, related_name="options", on_delete=models.CASCADE)
    label = models.CharField("Phương án", max_length=200)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Phương án"
        verbose_name_plural = "Phương án"

    def __str__(self) -> str:
        return self.label


class Vote(ModeratedMixin):
    """One anonymous vote; like ratings, only a keyed hash of address, poll and day is kept."""

    poll = models.ForeignKey(Poll, verbose_name="Cuộc thăm dò", on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, verbose_name="Phương án", on_delete=models.CASCADE, related_name="votes")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Lượt bình chọn"
        verbose_name_plural = "Lượt bình chọn"
        permissions = [("moderate_vote", "Kiểm duyệt lượt bình chọn")]
        default_permissions = ("view", "delete")

    def __str__(self) -> str:
        return f"{self.poll} – {self.option}"
