"""Satisfaction ratings (đánh giá sự hài lòng): the units people rate, and the ratings."""

from django.db import models

from .common import Level, ModeratedMixin

COMMENT_MAX_LENGTH = 1000


class RatingUnit(models.Model):
    """A unit of the agency that people rate, e.g. "Bộ phận Tiếp nhận và Trả kết quả"."""

    name = models.CharField("Tên đơn vị", max_length=255, unique=True)
    service_name = models.CharField(
        "Dịch vụ do đơn vị cung cấp",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Kiểm định, hiệu chuẩn phương tiện đo. Để trống nếu đơn vị không cung cấp dịch vụ riêng; "
        "khi có, người dân được đánh giá riêng dịch vụ đã nhận.",
    )
    description = models.TextField("Giới thiệu ngắn", blank=True)
    is_active = models.BooleanField(
        "Đang nhận đánh giá", default=True, help_text="Bỏ chọn để ẩn đơn vị khỏi biểu mẫu; kết quả cũ vẫn được giữ."
    )
    sort_order = models.IntegerField("Thứ tự hiển thị", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "đơn vị được đánh giá"
        verbose_name_plural = "Đơn vị được đánh giá"

    def __str__(self) -> str:
        return self.name


class Rating(ModeratedMixin):
    """One anonymous rating. Nothing identifies the rater: no name, email, address or cookie;
    only `client_key`, a keyed hash that changes with the target and the day."""

    class Subject(models.TextChoices):
        UNIT = "unit", "Thái độ phục vụ của đơn vị"
        SERVICE = "service", "Dịch vụ đã nhận"
        PROCEDURE = "procedure", "Thủ tục hành chính"

    subject = models.CharField("Nội dung đánh giá", max_length=10, choices=Subject.choices)
    unit = models.ForeignKey(
        RatingUnit,
        verbose_name="Đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    procedure = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Thủ tục hành chính",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField("Mức độ hài lòng", choices=Level.choices)
    # Read by staff only, never shown publicly: people write names and phone numbers in comments.
    comment = models.TextField("Ý kiến thêm", max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Lượt đánh giá"
        verbose_name_plural = "Lượt đánh giá"
        permissions = [("moderate_rating", "Kiểm duyệt lượt đánh giá")]
        default_permissions = ("view", "delete")

    def __str__(self) -> str:
        return f"{self.target_label} – {self.get_level_display()}"

    @property
    def target_label(self) -> str:
        if self.subject == self.Subject.PROCEDURE:
            return self.procedure.title if self.procedure else "(thủ tục đã bị xóa)"
        if self.unit is None:
            return "(không rõ đơn vị)"
        if self.subject == self.Subject.SERVICE:
            return f"{self.unit.service_name or 'Dịch vụ'} – {self.unit.name}"
        return self.unit.name
