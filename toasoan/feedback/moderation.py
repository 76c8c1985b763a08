"""Anti-abuse rules for feedback, on top of toasoan.core.abuse: what makes a submission go to the
moderation queue ("Chờ kiểm duyệt"), and when one is refused outright. Nothing is dropped: a
suspicious submission is stored like any other, only its status differs."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from toasoan.core import abuse

from . import conf
from .models import Submission

REASON_LABELS = {
    "honeypot": "Trường ẩn chống máy gửi tự động đã bị điền",
    "too_fast": "Gửi quá nhanh sau khi mở biểu mẫu",
    "token_invalid": "Thiếu hoặc sai mã của biểu mẫu",
    "token_expired": "Biểu mẫu được mở quá lâu trước khi gửi",
    "ip_rate": "Nhiều phản ánh từ cùng một địa chỉ IP trong 1 giờ",
    "email_rate": "Nhiều phản ánh từ cùng một địa chỉ email trong 1 giờ",
    "near_duplicate": "Gần trùng với một phản ánh gửi gần đây",
}


class RateLimited(Exception):
    """Past the hard limit: the submission is refused (the form keeps what was typed)."""


@dataclass(frozen=True)
class Counts:
    ip: int
    email: int


def recent_counts(*, ip_hash: str, email_hash: str) -> Counts:
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = Submission.objects.filter(created_at__gte=since)
    return Counts(
        ip=recent.filter(ip_hash=ip_hash).count(),
        email=recent.filter(email_hash=email_hash).count() if email_hash else 0,
    )


def check_hard_limits(counts: Counts) -> None:
    if counts.ip >= conf.get("HARD_LIMIT_PER_IP") or counts.email >= conf.get("HARD_LIMIT_PER_EMAIL"):
        raise RateLimited


def rate_reasons(counts: Counts) -> list[str]:
    reasons = []
    if counts.ip >= conf.get("SOFT_LIMIT_PER_IP"):
        reasons.append("ip_rate")
    if counts.email >= conf.get("SOFT_LIMIT_PER_EMAIL"):
        reasons.append("email_rate")
    return reasons


def form_reasons(data) -> list[str]:
    """Honeypot, fill time and token of the posted form."""
    return list(abuse.check_form(data).reasons)


def duplicate_reasons(content: str) -> list[str]:
    since = timezone.now() - datetime.timedelta(hours=conf.get("DUPLICATE_WINDOW_HOURS"))
    recent = (
        Submission.objects.filter(created_at__gte=since)
        .order_by("-created_at")
        .values_list("content", flat=True)[: conf.get("DUPLICATE_CANDIDATES")]
    )
    return ["near_duplicate"] if abuse.is_near_duplicate(content, recent) else []


def reason_labels(reasons: list[str]) -> list[str]:
    return [REASON_LABELS.get(reason, reason) for reason in reasons]
