"""Wagtail hooks of integrity (imported by toasoan/trust/wagtail_hooks.py): the report, and the
scan on save in the admin. Publishing (the "Xuất bản" button, or approving in "Duyệt tin") is
refused while the page holds a high-severity finding; lesser findings are warnings."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from ..models import REPORT_PERMISSION
from . import admin_views, services

MAX_LISTED = 5


class ReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("toan-ven-noi-dung/", admin_views.ReportView.as_view(), name="trust_integrity_report"),
        path("toan-ven-noi-dung/<int:pk>/danh-dau/", admin_views.review, name="trust_integrity_review"),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "Toàn vẹn nội dung", reverse("trust_integrity_report"), name="toan-ven-noi-dung", icon_name="warning", order=60
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="trust", codename__in=["view_integrity_report", "change_integrityfinding"]
    )


def _describe(findings) -> str:
    parts = [
        f"{f.label} ({f.location}): “{f.excerpt[:80]}”" if f.location else f"{f.label}: “{f.excerpt[:80]}”"
        for f in findings[:MAX_LISTED]
    ]
    more = f"; và {len(findings) - MAX_LISTED} dấu hiệu khác" if len(findings) > MAX_LISTED else ""
    return "; ".join(parts) + more


def _refuse(request, page, findings):
    messages.error(
        request,
        "Chưa xuất bản: nội dung có dấu hiệu bị chèn quảng cáo cờ bạc hoặc mã độc — "
        + _describe(findings)
        + ". Bản nháp đã được lưu; hãy xóa phần này rồi xuất bản lại. Nếu đây là báo nhầm, người quản trị "
        "đánh dấu “Báo nhầm” trong Báo cáo → Toàn vẹn nội dung.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_publishing(request, page):
    blocking = services.blocking(services.findings_preview(page))
    if blocking:
        return _refuse(request, page, blocking)
    return None


@hooks.register("before_edit_page")
def refuse_approval(request, page):
    """Approving the last task of "Duyệt tin" publishes the latest revision: check that one."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if request.POST.get("workflow-action-name") != "approve":
        return None
    latest = page.get_latest_revision_as_object() if hasattr(page, "get_latest_revision_as_object") else page
    blocking = services.blocking(services.findings_preview(latest))
    if blocking:
        return _refuse(request, page, blocking)
    return None


def _warn(request, obj, findings=None) -> None:
    findings = services.findings_preview(obj) if findings is None else findings
    if not findings:
        return
    if services.blocking(findings):
        # Pages with them cannot be published; other content is recorded for the report
        consequence = "và sẽ không xuất bản được" if isinstance(obj, Page) else "— hãy gỡ bỏ"
        messages.warning(
            request,
            f"Nội dung có dấu hiệu bị chèn quảng cáo cờ bạc hoặc mã độc {consequence}: " + _describe(findings),
        )
    else:
        messages.warning(request, "Nội dung có điểm cần kiểm tra: " + _describe(findings))


def _after_save(request, page):
    """After saving or submitting: a page awaiting approval with a blocking finding leaves the
    workflow (the approver never gets it, whichever screen they approve from); otherwise warn."""
    if request.POST.get("action-publish"):
        return None  # after publishing, after_publish_page warns
    findings = services.findings_preview(page)
    blocking = services.blocking(findings)
    # Read afresh: the edit view prefetched the workflow states before submitting started one.
    state = Page.objects.get(pk=page.pk).current_workflow_state if blocking else None
    if state is not None and state.status in (state.STATUS_IN_PROGRESS, state.STATUS_NEEDS_CHANGES):
        state.cancel(user=request.user)
        messages.error(
            request,
            "Chưa gửi duyệt được: nội dung có dấu hiệu bị chèn quảng cáo cờ bạc hoặc mã độc — "
            + _describe(blocking)
            + ". Bản nháp đã được lưu; hãy xóa phần này rồi gửi duyệt lại.",
        )
        return None
    _warn(request, page, findings)
    return None


@hooks.register("after_edit_page")
def check_after_edit(request, page):
    return _after_save(request, page)


@hooks.register("after_create_page")
def check_after_create(request, page):
    return _after_save(request, page)


@hooks.register("after_publish_page")
def warn_after_publish(request, page):
    _warn(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def scan_snippet(request, instance):
    from .setup import scan_saved

    if getattr(instance, "live", True):
        scan_saved(instance)
    _warn(request, instance)
