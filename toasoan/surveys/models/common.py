"""Choices shared by ratings and votes."""

from django.db import models
from django.utils import timezone


class Level(models.IntegerChoices):
    """The four satisfaction levels, best first (the order of every form, chart and table)."""

    VERY_SATISFIED = 4, "Rất hài lòng"
    SATISFIED = 3, "Hài lòng"
    NEUTRAL = 2, "Bình thường"
    DISSATISFIED = 1, "Không hài lòng"


LEVELS_BEST_FIRST = sorted(Level, reverse=True)


class Status(models.TextChoices):
    """Whether a rating or vote counts in the public results."""

    COUNTED = "counted", "Được tính vào kết quả"
    PENDING = "pending", "Chờ kiểm duyệt"
    REJECTED = "rejected", "Đã loại"


# Why a submission waits for a moderator (core.abuse reasons, plus our own repeat limit).
FLAG_LABELS = {
    "honeypot": "Điền vào trường ẩn (nghi do máy gửi)",
    "too_fast": "Gửi quá nhanh sau khi mở biểu mẫu",
    "token_invalid": "Thiếu hoặc sai mã biểu mẫu",
    "token_expired": "Biểu mẫu đã mở quá lâu",
    "repeat": "Lặp lại trong ngày từ cùng một nơi gửi",
}


def flag_labels(flags: str) -> list[str]:
    return [FLAG_LABELS.get(flag, flag) for flag in flags.split(",") if flag]


class ModeratedMixin(models.Model):
    """Status, reasons and moderation time of a public submission that may need review."""

    status = models.CharField(
        "Trạng thái", max_length=10, choices=Status.choices, default=Status.COUNTED, db_index=True
    )
    flags = models.CharField("Lý do cần kiểm duyệt", max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField("Thời điểm gửi", default=timezone.now, db_index=True, editable=False)
    moderated_at = models.DateTimeField("Thời điểm kiểm duyệt", null=True, blank=True, editable=False)
    # keyed_hash of the client's address, the target and the day: counts repeats without keeping
    # the address, and cannot link one person's submissions across targets or days.
    client_key = models.CharField(max_length=40, db_index=True, editable=False)

    # Rows never appear on a public page as such (results are counted live on uncached pages),
    # so a submission must not flush the page cache.
    page_cache_ignore = True

    class Meta:
        abstract = True

    @property
    def flag_list(self) -> list[str]:
        return flag_labels(self.flags)
