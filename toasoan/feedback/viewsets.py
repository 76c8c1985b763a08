"""The admin menu "Phản ánh, kiến nghị": submissions (list with filters, overdue highlighted, a
processing page), the public Q&A copies, answer templates and the holiday calendar."""

import django_filters
from django.urls import path
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, Table
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views, selectors
from .models import OPEN_STATUSES, AnswerState, AnswerTemplate, Holiday, Kind, PublishedQuestion, Status, Submission


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=Status.choices)
    kind = django_filters.ChoiceFilter(label="Loại", choices=Kind.choices)
    answer_state = django_filters.ChoiceFilter(label="Câu trả lời", choices=AnswerState.choices[1:])
    assignee = django_filters.ModelChoiceFilter(label="Cán bộ xử lý", queryset=lambda request: selectors.staff_users())
    overdue = django_filters.BooleanFilter(label="Quá hạn", method="filter_overdue")

    class Meta:
        model = Submission
        fields = ["status", "kind", "answer_state", "assignee"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = {"status__in": OPEN_STATUSES, "deadline__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class SubmissionTable(Table):
    def get_row_classname(self, instance: Submission) -> str:
        return "fb-overdue" if instance.is_overdue else ""


class DeadlineColumn(Column):
    def get_value(self, instance: Submission) -> str:
        text = f"{instance.deadline:%d/%m/%Y}"
        return f"{text} — QUÁ HẠN" if instance.is_overdue else text


class SubmissionIndexView(IndexView):
    table_class = SubmissionTable
    page_title = "Phản ánh, kiến nghị, hỏi đáp"
    default_ordering = "-created_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")


class SubmissionViewSet(ModelViewSet):
    model = Submission
    name = "phan-anh"
    icon = "mail"
    menu_label = "Phản ánh, kiến nghị"
    menu_order = 100
    index_view_class = SubmissionIndexView
    filterset_class = SubmissionFilterSet
    copy_view_enabled = False
    search_fields = ["code", "subject", "content", "name", "email", "phone"]
    list_display = [
        "code",
        "subject",
        Column("kind", label="Loại", accessor="get_kind_display", sort_key="kind"),
        Column("status", label="Trạng thái", accessor="get_status_display", sort_key="status"),
        Column("answer_state", label="Câu trả lời", accessor="get_answer_state_display"),
        DeadlineColumn("deadline", label="Hạn xử lý", sort_key="deadline"),
        Column("assignee", label="Cán bộ xử lý", accessor="assignee"),
        DateColumn("created_at", label="Ngày gửi", sort_key="created_at"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Citizens create submissions, staff never do: no "add" button anywhere.
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    @property
    def process_view(self):
        return admin_views.SubmissionProcessView.as_view()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("xu-ly/<int:pk>/", self.process_view, name="edit"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("usage/<int:pk>/", self.usage_view, name="usage"),
            path("tep/<int:pk>/", admin_views.attachment_download, name="attachment"),
        ]


class PublishedQuestionViewSet(ModelViewSet):
    model = PublishedQuestion
    name = "hoi-dap-cong-khai"
    icon = "help"
    menu_label = "Hỏi đáp công khai"
    copy_view_enabled = False
    form_fields = ["subject", "question", "answer", "is_public"]
    list_display = ["subject", Column("kind", label="Loại", accessor="get_kind_display"), "is_public", "published_at"]
    list_filter = ["kind", "is_public"]
    search_fields = ["subject", "question", "answer"]

    def get_common_view_kwargs(self, **kwargs):
        # Published only by approving an answer.
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}


class AnswerTemplateViewSet(ModelViewSet):
    model = AnswerTemplate
    name = "mau-tra-loi"
    icon = "doc-full"
    menu_label = "Mẫu trả lời"
    form_fields = ["title", "body"]
    list_display = ["title"]
    search_fields = ["title", "body"]


class HolidayViewSet(ModelViewSet):
    model = Holiday
    name = "ngay-nghi-le"
    icon = "date"
    menu_label = "Ngày nghỉ lễ"
    form_fields = ["date", "name", "is_working_day"]
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]


class FeedbackViewSetGroup(ModelViewSetGroup):
    menu_label = "Phản ánh, kiến nghị"
    menu_icon = "mail"
    menu_order = 250
    items = (SubmissionViewSet, PublishedQuestionViewSet, AnswerTemplateViewSet, HolidayViewSet)
