"""The emails citizens get, rendered when the change happens (so each one says what was true then)."""

from django.template.loader import render_to_string
from django.urls import reverse

from toasoan.core import selectors as site_selectors

from .models import Submission

SUBJECTS = {
    "received": "Đã tiếp nhận {kind} — mã tra cứu {code}",
    "processing": "{kind} {code} đang được xử lý",
    "answered": "Trả lời {kind} {code}",
    "rejected": "{kind} {code} không được tiếp nhận xử lý",
}


def compose(submission: Submission, event: str) -> tuple[str, str]:
    tracking_url = site_selectors.site_root_url() + reverse("feedback:track") + f"?ma={submission.code}"
    subject = SUBJECTS[event].format(kind=submission.get_kind_display(), code=submission.code)
    body = render_to_string(
        f"feedback/emails/{event}.txt",
        {"submission": submission, "tracking_url": tracking_url, "agency_name": site_selectors.agency_name()},
    )
    return subject, body.strip() + "\n"
