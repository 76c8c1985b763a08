from django.urls import path
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import DocumentField, DocumentType, LegalDocumentPage


class LegalDocumentListingViewSet(PageListingViewSet):
    """Every document in one flat list, filterable like the public library (the page tree shows
    them only under the library page)."""

    model = LegalDocumentPage
    name = "documents_all"
    url_prefix = "van-ban/tat-ca"
    icon = "doc-full"
    menu_label = "Tất cả văn bản"
    add_to_admin_menu = False
    list_display = ["title", "number", "document_type", "issuer", "issued_on", "live"]
    list_filter = ["document_type", "field", "issued_on", "live"]


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
    items = (LegalDocumentListingViewSet, DocumentTypeViewSet, DocumentFieldViewSet, MissingDocumentsViewSet)


register_snippet(DocumentsMenu)
