"""The admin's "Toàn vẹn nội dung" report (Báo cáo menu): open findings and their history,
filters, links to fix the object, "Báo nhầm" (false positive) and "Mở lại"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from toasoan.core.admin_views import AdminPageView
from toasoan.core.pagination import paginate

from ..models import REPORT_PERMISSION, REVIEW_PERMISSION, IntegrityFinding
from . import selectors, services
from .rules import RULES, SEVERITIES

PER_PAGE = 50


class ReportView(AdminPageView):
    template_name = "trust/integrity/report.html"
    page_title = "Toàn vẹn nội dung"
    header_icon = "warning"
    permission = REPORT_PERMISSION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = selectors.Filters.from_query(self.request.GET)
        page = paginate(selectors.findings(filters), self.request, PER_PAGE)
        user = self.request.user
        rows = [(finding, selectors.edit_url(finding, user)) for finding in page.object_list]
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "filters": filters,
                "rows": rows,
                "page_obj": page,
                "query": query.urlencode(),
                "counts": selectors.open_counts(),
                "last_scan": selectors.last_scan(),
                "statuses": IntegrityFinding.Status.choices,
                "severities": list(SEVERITIES.items()),
                "rules": list(RULES.items()),
                "sources": IntegrityFinding.Source.choices,
                "can_review": user.has_perm(REVIEW_PERMISSION),
                "back": self.request.get_full_path(),
            }
        )
        return context


@require_POST
def review(request, pk: int):
    if not (request.user.has_perm(REPORT_PERMISSION) and request.user.has_perm(REVIEW_PERMISSION)):
        raise PermissionDenied
    finding = get_object_or_404(IntegrityFinding, pk=pk)
    status = request.POST.get("status", "")
    if status not in (IntegrityFinding.Status.FALSE_POSITIVE, IntegrityFinding.Status.OPEN):
        messages.error(request, "Thao tác không hợp lệ.")
    else:
        services.finding_review(finding=finding, user=request.user, status=status)
        label = "báo nhầm" if status == IntegrityFinding.Status.FALSE_POSITIVE else "chưa xử lý"
        messages.success(request, f"Đã đánh dấu “{finding.get_rule_display()}” là {label}.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("trust_integrity_report")
    return redirect(back)
