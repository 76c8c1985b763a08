from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.models import BasePage


class DocumentIndexPage(BasePage):
    """The library of legal documents (/van-ban/): a list with filters by type, issuer, year, field."""

    intro = models.TextField("Giới thiệu", blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["documents.LegalDocumentPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    PER_PAGE = 20

    class Meta:
        verbose_name = "Thư viện văn bản"
        verbose_name_plural = "Thư viện văn bản"

    def get_context(self, request, *args, **kwargs):
        from toasoan.documents.views import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(self, request))
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context
