"""Wagtail hooks of audit (imported by toasoan/trust/wagtail_hooks.py): the report under
"Báo cáo", its permission in the group editor, the audit actions and the receivers that log what
Wagtail's views leave out."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import actions, bulk, multiple_upload, permissions, receivers
from .views import AuditLogView

receivers.connect()
multiple_upload.install()


class AuditMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return permissions.can_view(request.user)


_urls = (
    [
        path("", AuditLogView.as_view(), name="index"),
        path("ket-qua/", AuditLogView.as_view(results_only=True), name="results"),
    ],
    "trust_audit",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("nhat-ky-quan-tri/", include(_urls, namespace="trust_audit"))]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AuditMenuItem(
        "Nhật ký quản trị", reverse("trust_audit:index"), name="nhat-ky-quan-tri", icon_name="history", order=1010
    )


@hooks.register("register_permissions")
def register_permissions():
    return permissions.audit_permissions()


@hooks.register("register_log_actions")
def register_log_actions(registry) -> None:
    actions.register(registry)


@hooks.register("after_bulk_action")
def log_bulk_action(request, action_type, objects, view):
    bulk.after_bulk_action(request, action_type, objects, view)
