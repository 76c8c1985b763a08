from django.urls import path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import ProcedureField
from .services import IMPORT_ACTION


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "tag"
    menu_label = "Lĩnh vực"
    list_display = ["name"]
    search_fields = ["name"]
    ordering = ["name"]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.IMPORT_PERMISSION)


class ProcedureImportViewSet(ViewSet):
    name = "procedure_import"
    url_prefix = "thu-tuc-hanh-chinh/nhap"
    icon = "upload"
    menu_label = "Nhập thủ tục hành chính"
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.ProcedureImportView.as_view(), name="index"),
            path("tep-mau.csv", admin_views.import_template, name="template"),
        ]


class ProceduresMenu(SnippetViewSetGroup):
    menu_label = "Thủ tục hành chính"
    menu_icon = "list-ul"
    menu_order = 250
    items = (ProcedureFieldViewSet, ProcedureImportViewSet)


register_snippet(ProceduresMenu)


@hooks.register("register_log_actions")
def register_import_log_action(actions) -> None:
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = "Nhập thủ tục hành chính"

        def format_message(self, log_entry) -> str:
            data = log_entry.data or {}
            name = data.get("filename", "")
            if data.get("file_error"):
                return f"Nhập tệp “{name}” không thành công: {data['file_error']}"
            state = "xuất bản" if data.get("published") else "lưu nháp"
            return (
                f"Nhập tệp “{name}”: {data.get('created', 0)} tạo mới, {data.get('updated', 0)} cập nhật ({state}),"
                f" {data.get('unchanged', 0)} không đổi, {data.get('errors', 0)} dòng lỗi"
            )
