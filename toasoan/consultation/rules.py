"""The rules of a consultation, in one place: field limits, rate limits, and when comments are
accepted. Pure functions of their arguments (no database), so pages, services, the closing job
and tests all agree."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

NAME_MAX = 100
ORGANISATION_MAX = 200
SECTION_MAX = 100
BODY_MIN = 10
BODY_MAX = 5000
REJECT_REASON_MAX = 500
# How many earlier comments on the same draft a new one is compared with for near-duplicates.
NEAR_DUPLICATE_LOOKBACK = 200
PUBLIC_COMMENTS_PER_PAGE = 20
CLOSED_PER_PAGE = 10


@dataclass(frozen=True)
class RateLimit:
    kind: str  # "ip" or "email": which keyed hash is counted
    window: datetime.timedelta
    limit: int  # comments allowed in the window; more are flagged, never refused

    @property
    def flag(self) -> str:
        return f"rate_{self.kind}"


# Offices share one address behind NAT, hence the generous per-IP limits: exceeding one only
# flags the comment for the moderators.
RATE_LIMITS = (
    RateLimit("ip", datetime.timedelta(hours=1), 10),
    RateLimit("ip", datetime.timedelta(days=1), 40),
    RateLimit("email", datetime.timedelta(hours=1), 5),
    RateLimit("email", datetime.timedelta(days=1), 15),
)

# Why a comment was flagged, as moderators read it.
FLAG_LABELS = {
    "honeypot": "Trường ẩn (bẫy máy gửi tự động) bị điền",
    "too_fast": "Gửi quá nhanh sau khi mở biểu mẫu",
    "token_invalid": "Thiếu hoặc sai mã biểu mẫu",
    "token_expired": "Biểu mẫu mở quá lâu trước khi gửi",
    "rate_ip": "Quá nhiều góp ý từ cùng một địa chỉ IP",
    "rate_email": "Quá nhiều góp ý từ cùng một thư điện tử",
    "near_duplicate": "Gần trùng với một góp ý đã gửi",
}


class Phase(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


PHASE_LABELS = {
    Phase.UPCOMING: "Sắp lấy ý kiến",
    Phase.OPEN: "Đang lấy ý kiến",
    Phase.CLOSED: "Đã hết hạn góp ý",
}


def opening_time(opens_on: datetime.date) -> datetime.datetime:
    """Comments open at midnight, Vietnam time, on the opening date."""
    return datetime.datetime.combine(opens_on, datetime.time.min, tzinfo=timezone.get_default_timezone())


def phase(*, opens_on: datetime.date, closes_at: datetime.datetime, now: datetime.datetime) -> Phase:
    if now >= closes_at:
        return Phase.CLOSED
    if now < opening_time(opens_on):
        return Phase.UPCOMING
    return Phase.OPEN


def days_left(*, closes_at: datetime.datetime, now: datetime.datetime) -> int | None:
    """Calendar days from today to the deadline's day (0 = the deadline is today), Vietnam time;
    None once it has passed."""
    if now >= closes_at:
        return None
    local = timezone.get_default_timezone()  # the site's, whatever an admin user chose for display
    return (timezone.localdate(closes_at, local) - timezone.localdate(now, local)).days
