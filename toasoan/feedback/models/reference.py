"""Staff-edited reference data: the holiday calendar used for deadlines, and answer templates."""

from django.db import models


class Holiday(models.Model):
    page_cache_ignore = True  # deadlines are shown only on pages that are never cached

    date = models.DateField("ngày", unique=True)
    name = models.CharField("tên", max_length=200)
    is_working_day = models.BooleanField(
        "ngày làm bù",
        default=False,
        help_text="Đánh dấu khi đây là ngày cuối tuần phải đi làm (làm bù), không phải ngày nghỉ.",
    )

    class Meta:
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"
        ordering = ["date"]

    def __str__(self) -> str:
        kind = "làm bù" if self.is_working_day else "nghỉ"
        return f"{self.date:%d/%m/%Y} — {self.name} ({kind})"


class AnswerTemplate(models.Model):
    page_cache_ignore = True

    title = models.CharField("tên mẫu", max_length=200)
    body = models.TextField(
        "nội dung",
        help_text="Có thể dùng {ho_ten}, {ma}, {ngay_gui}, {tieu_de}: được thay bằng thông tin của phản ánh.",
    )

    class Meta:
        verbose_name = "mẫu trả lời"
        verbose_name_plural = "mẫu trả lời"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
