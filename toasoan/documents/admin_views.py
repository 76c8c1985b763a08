"""The Wagtail admin's report of cited documents the library lacks."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import selectors


class MissingDocumentsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/admin/missing.html"
    page_title = "Văn bản được trích dẫn nhưng chưa có trong thư viện"
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing"] = selectors.missing_references()
        return context
