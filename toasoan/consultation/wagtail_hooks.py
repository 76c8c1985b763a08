"""The moderation queue in the Wagtail admin ("Góp ý dự thảo") and the audit-log actions."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.log_actions import LogFormatter

from . import admin_views, services
from .models import Comment, CommentStatus, ConsultationPage


class CommentFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label="Dự thảo", queryset=ConsultationPage.objects.order_by("-closes_at", "-pk")
    )
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=CommentStatus.choices, empty_label="Tất cả")
    suspicious = django_filters.BooleanFilter(label="Có dấu hiệu nghi vấn", widget=BooleanRadioSelect)

    class Meta:
        model = Comment
        fields = ["consultation", "status", "suspicious"]


class CommentIndexView(IndexView):
    export_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation")

    def get_edit_url(self, instance):
        return None  # never edited; the title opens the comment (inspect view)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("export"):
            url = reverse(self.export_url_name)
            consultation = self.request.GET.get("consultation", "")
            if consultation.isdigit():
                url += f"?consultation={consultation}"
            buttons.append(admin_views.export_header_button(url))
        return buttons


def _sent_at(comment: Comment) -> str:
    return timezone.localtime(comment.created_at, timezone.get_default_timezone()).strftime("%d/%m/%Y %H:%M")


def _status_primary(comment: Comment) -> bool:
    return comment.status == CommentStatus.PENDING


class CommentViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Góp ý dự thảo"
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "gop-y-du-thao"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CommentIndexView
    inspect_view_class = admin_views.CommentInspectView
    inspect_view_fields = admin_views.INSPECT_FIELDS
    history_view_class = admin_views.CommentHistoryView
    filterset_class = CommentFilterSet
    ordering = ["-created_at", "-pk"]
    list_per_page = 30
    list_display = [
        "excerpt",
        Column("consultation", label="Dự thảo", accessor="consultation.title"),
        Column("name", label="Người góp ý", accessor="name", sort_key="name"),
        StatusTagColumn("status", label="Trạng thái", accessor="get_status_display", primary=_status_primary),
        Column("suspicious", label="Nghi vấn", accessor=lambda c: "Có" if c.suspicious else ""),
        Column("created_at", label="Thời điểm gửi", sort_key="created_at", accessor=_sent_at),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, copy or delete: a citizen's comment is kept as sent; moderators approve
        # or reject it. Links that would "edit" one open it instead.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            {
                "add_url_name": None,
                "edit_url_name": self.get_url_name("inspect"),
                "delete_url_name": None,
                "usage_url_name": None,
                "inspect_url_name": self.get_url_name("inspect"),
                "history_url_name": self.get_url_name("history"),
                "approve_url_name": self.get_url_name("approve"),
                "reject_url_name": self.get_url_name("reject"),
                "export_url_name": self.get_url_name("export"),
            }
        )
        return view_kwargs

    @property
    def approve_view(self):
        return self.construct_view(admin_views.CommentApproveView)

    @property
    def reject_view(self):
        return self.construct_view(admin_views.CommentRejectView)

    @property
    def export_view(self):
        return self.construct_view(admin_views.CommentExportView)

    @property
    def url_finder_class(self):
        inspect_url_name = self.get_url_name("inspect")

        class CommentURLFinder(ModelAdminURLFinder):
            edit_url_name = inspect_url_name

            def get_edit_url(self, instance):
                if self.user and not self.user.has_perm("consultation.view_comment"):
                    return None
                return self.construct_edit_url(instance)

        return CommentURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
            path("reject/<int:pk>/", self.reject_view, name="reject"),
            path("export/", self.export_view, name="export"),
        ]


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return CommentViewSet("consultation_comments")


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    actions.register_action(services.APPROVE_ACTION, "Duyệt góp ý dự thảo", "Đã duyệt và công khai góp ý")
    actions.register_action(services.EXPORT_ACTION, "Xuất góp ý dự thảo", "Đã xuất góp ý ra tệp CSV")

    @actions.register_action(services.REJECT_ACTION)
    class RejectFormatter(LogFormatter):
        label = "Từ chối góp ý dự thảo"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = "Đã từ chối góp ý"
            if data.get("withdrawn"):
                message += " (gỡ khỏi trang công khai)"
            if data.get("reason"):
                message += f": {data['reason']}"
            return message
