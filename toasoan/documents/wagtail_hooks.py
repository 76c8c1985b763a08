from django.urls import path
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import DocumentField, DocumentType


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    menu_label = "Loại văn bản"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "folder-inverse"
    menu_label = "Lĩnh vực văn bản"
    list_display = ["name"]
    search_fields = ["name"]


class MissingDocumentsViewSet(ViewSet):
    name = "documents_missing"
    url_prefix = "van-ban/chua-co"
    icon = "warning"
    menu_label = "Văn bản chưa có trong thư viện"

    def get_urlpatterns(self):
        return [path("", admin_views.MissingDocumentsView.as_view(), name="index")]


class DocumentsMenu(SnippetViewSetGroup):
    menu_label = "Văn bản"
    menu_icon = "doc-full"
    menu_order = 260
    items = (DocumentTypeViewSet, DocumentFieldViewSet, MissingDocumentsViewSet)


register_snippet(DocumentsMenu)
