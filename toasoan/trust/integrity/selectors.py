"""Reads of the integrity report."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ..models import IntegrityFinding, IntegrityScan
from .rules import RULES, SEVERITIES

Status = IntegrityFinding.Status
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Filters:
    status: str = Status.OPEN  # "" for every status
    severity: str = ""
    rule: str = ""
    source: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query) -> "Filters":
        status = query.get("trang_thai", Status.OPEN)
        return cls(
            status=status if status in Status.values or status == "" else Status.OPEN,
            severity=query.get("muc_do", "") if query.get("muc_do", "") in SEVERITIES else "",
            rule=query.get("quy_tac", "") if query.get("quy_tac", "") in RULES else "",
            source=query.get("nguon", "") if query.get("nguon", "") in IntegrityFinding.Source.values else "",
            q=query.get("q", "").strip()[:200],
        )


def findings(filters: Filters) -> QuerySet[IntegrityFinding]:
    queryset = IntegrityFinding.objects.select_related("content_type", "reviewed_by")
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.severity:
        queryset = queryset.filter(severity=filters.severity)
    if filters.rule:
        queryset = queryset.filter(rule=filters.rule)
    if filters.source:
        queryset = queryset.filter(source=filters.source)
    if filters.q:
        queryset = queryset.filter(
            Q(object_label__icontains=filters.q) | Q(url__icontains=filters.q) | Q(excerpt__icontains=filters.q)
        )
    return queryset.order_by("status", "severity", "-last_seen", "-pk")


def open_counts() -> dict[str, int]:
    """Open findings per severity, for the report's summary."""
    rows = IntegrityFinding.objects.filter(status=Status.OPEN).values("severity").annotate(n=Count("pk"))
    counts = {severity: 0 for severity in SEVERITIES}
    counts.update({row["severity"]: row["n"] for row in rows})
    return counts


def last_scan() -> IntegrityScan | None:
    return IntegrityScan.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


def edit_url(finding: IntegrityFinding, user) -> str:
    """The admin page where the object is fixed, when it still exists and the user may edit it."""
    if finding.content_type_id is None or not finding.object_id:
        return ""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    model = finding.content_type.model_class()
    if model is None:
        return ""
    obj = model._default_manager.filter(pk=finding.object_id).first()
    if obj is None:
        return ""
    return AdminURLFinder(user).get_edit_url(obj) or ""
