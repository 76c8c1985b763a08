"""Consent records: what a person agreed to when a public form took their personal data.

Every form that takes personal data stores, with what it took: when, the consent text shown
beside the checkbox word for word, the privacy policy in force (its URL and a version naming its
page, live revision and a hash of its text, so the text agreed to can be shown later even if the
revision is purged) and the form it came from. `capture()` takes that snapshot; models hold it
with `ConsentFields` (feedback, consultation) or their own record (newsletter's ConsentRecord,
which also keeps the confirmation)."""

import datetime
import hashlib
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from wagtail.models import Page

# Rows stored before the policy version was recorded.
UNKNOWN_VERSION = "không rõ (ghi nhận trước khi lưu phiên bản chính sách)"

_TEXT_FIELDS = (models.CharField, models.TextField)


@dataclass(frozen=True)
class Consent:
    at: datetime.datetime
    text: str
    policy_url: str
    policy_version: str
    source: str  # the form's address, e.g. "/phan-anh-kien-nghi/gui/"

    def as_fields(self, prefix: str = "consent_") -> dict[str, object]:
        """Keyword arguments for a model using ConsentFields."""
        return {
            f"{prefix}at": self.at,
            f"{prefix}text": self.text,
            f"{prefix}policy_url": self.policy_url,
            f"{prefix}policy_version": self.policy_version,
            f"{prefix}source": self.source,
        }


def policy_text_hash(page: Page) -> str:
    """sha256 (first 16 hex digits) of the policy's title and text fields, whatever its page type:
    recomputable from any stored revision (`revision.as_object()`)."""
    specific = page.specific
    parts = [specific.title]
    for field in type(specific)._meta.concrete_fields:
        if field.model is Page or field.name in ("page_ptr", "slug", "seo_title", "search_description"):
            continue
        if isinstance(field, _TEXT_FIELDS) or field.get_internal_type() == "JSONField":
            parts.append(f"{field.name}={field.value_to_string(specific)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def policy_version(page: Page) -> str:
    """The version a consent names, e.g. "trang 5, bản 123, xuất bản 12/03/2026 10:00, sha256 …"."""
    parts = [f"trang {page.pk}"]
    if page.live_revision_id:
        parts.append(f"bản {page.live_revision_id}")
    if page.last_published_at:
        parts.append(f"xuất bản {timezone.localtime(page.last_published_at):%d/%m/%Y %H:%M}")
    parts.append(f"sha256 {policy_text_hash(page)}")
    return ", ".join(parts)[:100]


def capture(*, text: str, source: str) -> Consent:
    """The consent given now, on the form at `source`, to `text`, under the policy in force."""
    from .selectors import privacy_policy

    url, version = privacy_policy()
    return Consent(at=timezone.now(), text=text, policy_url=url, policy_version=version, source=source)


class ConsentFields(models.Model):
    """The consent given with a row of personal data (an abstract model: apps inherit it)."""

    consent_at = models.DateTimeField("thời điểm đồng ý")
    consent_text = models.TextField("nội dung đồng ý")
    consent_policy_url = models.CharField("địa chỉ chính sách", max_length=500, blank=True)
    consent_policy_version = models.CharField("phiên bản chính sách", max_length=100, blank=True)
    consent_source = models.CharField("biểu mẫu thu thập", max_length=300, blank=True)

    class Meta:
        abstract = True

    def consent_summary(self) -> dict[str, str]:
        """The record as an export shows it."""
        return {
            "thời điểm đồng ý": timezone.localtime(self.consent_at).isoformat() if self.consent_at else "",
            "nội dung đồng ý": self.consent_text,
            "chính sách bảo vệ dữ liệu cá nhân": self.consent_policy_url,
            "phiên bản chính sách": self.consent_policy_version,
            "biểu mẫu thu thập": self.consent_source,
        }
