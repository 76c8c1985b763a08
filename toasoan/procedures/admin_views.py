"""The Wagtail admin's "Nhập thủ tục hành chính": upload a list, see what was imported and why a
row was not."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import selectors, services
from .forms import ProcedureImportForm
from .importer import COLUMNS

IMPORT_PERMISSION = "procedures.import_procedures"
TEMPLATE_EXAMPLE = {
    "code": "1.004227",
    "title": "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
    "field": "Hoạt động khoa học và công nghệ",
    "level": "Cấp tỉnh",
    "agency": "Sở Khoa học và Công nghệ",
    "steps": "Bước 1: Tổ chức nộp hồ sơ.\nBước 2: Sở xem xét, cấp giấy chứng nhận.",
    "methods": "- Trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh\n- Qua dịch vụ bưu chính\n- Trực tuyến",
    "dossier": "- Đơn đăng ký hoạt động khoa học và công nghệ\n- Quyết định thành lập tổ chức",
    "processing_time": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    "fees": "Không",
    "applicants": "Tổ chức",
    "result": "Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
    "legal_basis": "- Luật Khoa học và Công nghệ số 29/2013/QH13",
    "service_level": "Toàn trình",
    "portal_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004227",
}


def _check_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied


class ProcedureImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "procedures/admin/import.html"
    form_class = ProcedureImportForm
    page_title = "Nhập thủ tục hành chính"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _check_permission(request)
        self.index = selectors.default_index()
        permissions = self.index.permissions_for_user(request.user) if self.index else None
        self.can_add = bool(permissions and permissions.can_add_subpage())
        self.can_publish = bool(permissions and permissions.can_publish_subpage())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "can_publish": self.can_publish}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "columns": COLUMNS,
                "index": self.index,
                "can_add": self.can_add,
                "can_publish": self.can_publish,
                "template_url": reverse("procedure_import:template"),
            }
        )
        return context

    def form_valid(self, form):
        if self.index is None or not self.can_add:
            form.add_error(None, "Bạn không có quyền thêm thủ tục vào “Danh mục thủ tục hành chính”.")
            return self.form_invalid(form)
        upload = form.cleaned_data["file"]
        report = services.procedures_import(
            data=upload.read(),
            filename=upload.name,
            index=self.index,
            user=self.request.user,
            publish=self.can_publish and form.cleaned_data.get("publish", False),
        )
        if report.file_error:
            form.add_error("file", report.file_error)
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(can_publish=self.can_publish), report=report)
        )


def import_template(request: HttpRequest) -> HttpResponse:
    """A CSV with the headers and one example row, to fill in with Excel (UTF-8 with BOM so Excel
    reads the Vietnamese right)."""
    _check_permission(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([TEMPLATE_EXAMPLE.get(column.key, "") for column in COLUMNS])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-thu-tuc-hanh-chinh.csv"'
    return response
