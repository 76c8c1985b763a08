"""Moderation in the admin: ratings and votes are written by the public only. Staff read them,
accept or reject suspicious ones (audit-logged), delete spam, and export them; nobody can add or
edit one, which would forge the results."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from . import services
from .models import Status


class ModerationIndexView(IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == Status.PENDING and self.permission_policy.user_has_permission(
            self.request.user, "moderate"
        ):
            url = reverse(self.inspect_url_name, args=[instance.pk])
            buttons.insert(0, ListingButton("Kiểm duyệt", url=url, icon_name="tick", priority=5))
        return buttons


class ModerationInspectView(InspectView):
    template_name = "surveys/admin/moderate.html"

    def get_page_title(self):
        return "Chi tiết và kiểm duyệt"

    def can_moderate(self) -> bool:
        return self.permission_policy.user_has_permission(self.request.user, "moderate")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_moderate"] = self.can_moderate()
        context["flags"] = self.object.flag_list
        return context

    def get_flags_display_value(self):
        return ", ".join(self.object.flag_list) or "Không có"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
        return "—" if value in (None, "") else value

    def post(self, request, *args, **kwargs):
        if not self.can_moderate():
            raise PermissionDenied
        decision = request.POST.get("decision")
        if decision not in ("accept", "reject"):
            messages.error(request, "Thao tác kiểm duyệt không hợp lệ.")
            return redirect(request.path)
        services.submission_moderate(item=self.object, accept=decision == "accept", user=request.user)
        if decision == "accept":
            messages.success(request, f"Đã chấp nhận “{self.object}”: được tính vào kết quả.")
        else:
            messages.success(request, f"Đã loại “{self.object}” khỏi kết quả.")
        return redirect(f"{reverse(self.index_url_name)}?status={Status.PENDING}")


class ModerationViewSet(ModelViewSet):
    """Listing (pending first by filter), details with accept/reject, delete and export."""

    index_view_class = ModerationIndexView
    inspect_view_class = ModerationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    export_filename = "du-lieu"

    def get_urlpatterns(self):
        # No add, edit or copy pages at all (the policy refuses them too).
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("usage/<int:pk>/", self.usage_view, name="usage"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, copy_url_name=None)
        return view_kwargs


def display_column(name: str, label: str) -> Column:
    """A listing column showing a choice field's Vietnamese label under a Vietnamese heading."""
    return Column(name, label=label, accessor=f"get_{name}_display")
