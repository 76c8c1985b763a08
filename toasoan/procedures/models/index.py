from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.models import BasePage


class ProcedureIndexPage(BasePage):
    """The catalogue of administrative procedures (/thu-tuc-hanh-chinh/): by lĩnh vực and cấp."""

    intro = models.TextField("Giới thiệu", blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    PER_PAGE = 20

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"
        verbose_name_plural = "Danh mục thủ tục hành chính"

    def get_context(self, request, *args, **kwargs):
        from toasoan.procedures.views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context
