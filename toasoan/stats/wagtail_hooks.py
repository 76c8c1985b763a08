"""The report in the admin's "Báo cáo" menu, and its permission in the group editor."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ReportView
from .models import REPORT_PERMISSION


class ReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("thong-ke-truy-cap/", ReportView.as_view(), name="stats_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "Thống kê truy cập", reverse("stats_report"), name="thong-ke-truy-cap", icon_name="view", order=50
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="stats", codename="view_report")
