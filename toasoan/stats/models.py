"""Aggregates only: a count per day and page, and per day and site. No reader is ever recorded
(no IP, no user agent, no cookie, no referrer: only whether a view entered the site).

These rows change every few seconds and never show on a public page directly (the footer counter
is read when a page is rendered anyway), so saving them must not start a new page-cache
generation: `page_cache_ignore` (publishing/invalidation.py)."""

from django.db import models

REPORT_PERMISSION = "stats.view_report"


class PageViewDay(models.Model):
    """Views of one path on one host on one day (local time), and how many of them were entries."""

    page_cache_ignore = True

    day = models.DateField("ngày")
    host = models.CharField("tên miền", max_length=255)
    path = models.CharField("đường dẫn", max_length=1024)
    views = models.PositiveBigIntegerField("lượt xem", default=0)
    entries = models.PositiveBigIntegerField("lượt vào trang", default=0)

    class Meta:
        verbose_name = "lượt xem trang theo ngày"
        verbose_name_plural = "lượt xem trang theo ngày"
        constraints = [models.UniqueConstraint(fields=["day", "host", "path"], name="stats_pageviewday_unique")]
        permissions = [("view_report", "Xem thống kê truy cập")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.host}{self.path}: {self.views}"


class SiteDay(models.Model):
    """All page views and visits of one host on one day: the totals without summing every page."""

    page_cache_ignore = True

    day = models.DateField("ngày")
    host = models.CharField("tên miền", max_length=255)
    views = models.PositiveBigIntegerField("lượt xem", default=0)
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)

    class Meta:
        verbose_name = "lượt truy cập theo ngày"
        verbose_name_plural = "lượt truy cập theo ngày"
        constraints = [models.UniqueConstraint(fields=["day", "host"], name="stats_siteday_unique")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.host}: {self.visits}"


class LogCursor(models.Model):
    """How far nginx's statistics log has been read: saved with the counts it produced, in one
    transaction, so a crash never counts a line twice nor skips one."""

    page_cache_ignore = True

    path = models.CharField("tệp nhật ký", max_length=1024, unique=True)
    inode = models.PositiveBigIntegerField(default=0)
    offset = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "vị trí đọc nhật ký nginx"
        verbose_name_plural = "vị trí đọc nhật ký nginx"

    def __str__(self) -> str:
        return f"{self.path} @ {self.offset}"
