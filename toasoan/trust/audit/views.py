"""The report "Nhật ký quản trị": every entry of Wagtail's log (pages and other models), for
auditors, filtered by date range, user, action, object type and text, exported to CSV or Excel.

Wagtail's own "Site history" shows each editor only what they may edit; this report shows
everything, to superusers and to holders of AUDIT_PERMISSION only.
"""

import datetime
from collections.abc import Iterator

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, TextField, Value
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils import timezone
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page

from . import csv_safety, permissions


def _log_models() -> list:
    return list(log_registry.get_log_entry_models())


def _all_content_types():
    """Every type with entries: each page type on its own (Wagtail lists only "Page"), plus Page
    for all pages together."""
    ids: set[int] = {ContentType.objects.get_for_model(Page).pk}
    for model in _log_models():
        ids.update(model.objects.order_by().values_list("content_type_id", flat=True).distinct())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


def _all_users():
    ids: set[int] = set()
    for model in _log_models():
        ids.update(model.objects.all().get_user_ids())
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class AuditFilterSet(SiteHistoryReportFilterSet):
    q = django_filters.CharFilter(label="Tìm trong nhật ký", method="filter_text")
    object_type = ContentTypeFilter(
        label="Loại đối tượng", method="filter_object_type", queryset=lambda request: _all_content_types()
    )

    def get_action_choices(self):
        used: set[str] = set()
        for model in _log_models():
            used.update(model.objects.all().get_actions())
        return [choice for choice in log_registry.get_choices() if choice[0] in used]

    def get_user_choices(self):
        return _all_users()

    def get_users_queryset(self):
        # Wagtail takes the users from page entries only: a user with other entries only would
        # not validate, and Wagtail's report then ignores the whole filter.
        return _all_users()

    def filter_object_type(self, queryset, name, value):
        if value.model_class() is Page and "page" in _field_names(queryset.model):
            return queryset  # "Trang": every page type
        return queryset.filter(content_type_id=value.pk)

    def filter_text(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        # data is JSON text: codes and numbers match; accented words are stored escaped.
        match = (
            Q(label__icontains=value)
            | Q(action__icontains=value)
            | Q(user__username__icontains=value)
            | Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(_audit_data__icontains=value)
        )
        fields = _field_names(queryset.model)
        if "object_id" in fields:
            match |= Q(object_id=value)
        elif "page" in fields and value.isdigit():
            match |= Q(page_id=int(value))
        return queryset.alias(_audit_data=Cast("data", TextField())).filter(match)


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S")


class AuditLogView(LogEntriesView):
    page_title = "Nhật ký quản trị"
    header_icon = "history"
    filterset_class = AuditFilterSet
    index_url_name = "trust_audit:index"
    index_results_url_name = "trust_audit:results"

    list_export = ["timestamp", "user_display_name", "action", "message", "content_type", "object_id", "label"]
    export_headings = {
        "timestamp": "Thời điểm",
        "user_display_name": "Người thực hiện",
        "action": "Hành động",
        "message": "Chi tiết",
        "content_type": "Loại đối tượng",
        "object_id": "Mã đối tượng",
        "label": "Tên đối tượng",
    }

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Vietnam time in both formats (Wagtail writes XLSX times in UTC).
        self.custom_field_preprocess["timestamp"] = {
            self.FORMAT_CSV: _local,
            self.FORMAT_XLSX: lambda value: timezone.localtime(value).replace(tzinfo=None),
        }

    def get_filename(self) -> str:
        return f"nhat-ky-quan-tri-{timezone.localdate():%Y-%m-%d}"

    def filter_queryset(self, queryset):
        """A filter value that does not validate shows nothing (Wagtail would show everything)."""
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def get_filtered_queryset(self):
        """Wagtail's report limits each log model to what the user may edit; auditors see all."""
        self.log_models = _log_models()
        queryset = None
        for index, log_model in enumerate(self.log_models):
            sub = log_model.objects.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp")

    def stream_csv(self, queryset) -> Iterator[bytes]:
        """UTF-8 with a byte order mark (Excel then reads Vietnamese right) and no cell that a
        spreadsheet would run as a formula."""
        yield csv_safety.BOM
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_safety.escape(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response
