"""The email to the security contact (AgencySettings.security_contact) about new high findings."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from toasoan.core import selectors as site_facts
from toasoan.core.models import AgencySettings

from ..models import IntegrityFinding

MAX_LISTED = 20


def findings_mail(*, finding_ids: list[int]) -> bool:
    """Send one message listing the findings still open; False when there is nobody to tell."""
    site = site_facts.default_site()
    contact = AgencySettings.for_site(site).security_contact if site else ""
    findings = list(
        IntegrityFinding.objects.filter(pk__in=finding_ids, status=IntegrityFinding.Status.OPEN).order_by("pk")
    )
    if not contact or not findings:
        return False
    root = site.root_url if site else ""
    lines = [
        f"Bộ quét toàn vẹn nội dung phát hiện {len(findings)} dấu hiệu nghiêm trọng mới trên cổng thông tin "
        f"{site_facts.agency_name()}:",
        "",
    ]
    for finding in findings[:MAX_LISTED]:
        address = root + finding.url if finding.url.startswith("/") else finding.url or "—"
        lines += [
            f"- {finding.get_rule_display()} — {finding.object_label or finding.url}",
            f"  Vị trí: {finding.location or '—'}; địa chỉ: {address}",
            f"  Trích đoạn: {finding.excerpt[:200]}",
        ]
    if len(findings) > MAX_LISTED:
        lines.append(f"… và {len(findings) - MAX_LISTED} dấu hiệu khác.")
    lines += ["", f"Xem và xử lý trong trang quản trị: {root}{reverse('trust_integrity_report')}"]
    subject = f"[Cảnh báo an toàn] {len(findings)} dấu hiệu nội dung bị chèn mã độc, quảng cáo cờ bạc"
    send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [contact])
    IntegrityFinding.objects.filter(pk__in=[f.pk for f in findings]).update(notified_at=timezone.now())
    return True
