from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.models import BasePage


class HomePage(BasePage):
    intro = models.TextField("Lời giới thiệu", blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Trang chủ"

    def get_context(self, request, *args, **kwargs):
        from toasoan.news import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_page_blocks(self))
        return context
