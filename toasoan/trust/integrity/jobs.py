"""The scheduled full scan (core.periodic; run_scheduler ticks every few seconds): once a night,
at TOASOAN_INTEGRITY["HOUR"] local time (default 2 o'clock), when no scan started in the last 20
hours, queued for the durable worker."""

import datetime
import time

from django.conf import settings
from django.utils import timezone

CHECK_EVERY_SECONDS = 60
MIN_GAP = datetime.timedelta(hours=20)
_last_check = 0.0


def scan_due(now: datetime.datetime | None = None) -> bool:
    from ..models import IntegrityScan

    now = now or timezone.now()
    hour = getattr(settings, "TOASOAN_INTEGRITY", {}).get("HOUR", 2)
    if timezone.localtime(now).hour != hour:
        return False
    return not IntegrityScan.objects.filter(started_at__gt=now - MIN_GAP).exists()


def scheduled_scan() -> None:
    global _last_check
    now = time.monotonic()
    if _last_check and now - _last_check < CHECK_EVERY_SECONDS:
        return
    _last_check = now
    if scan_due():
        # The scan takes minutes on a large site: the durable worker runs it, so the scheduler
        # keeps publishing on time. The row is made now, so the next tick does not queue it again.
        from ..models import IntegrityScan
        from .tasks import full_scan

        scan = IntegrityScan.objects.create()
        full_scan.enqueue(scan.pk)
