from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.models import BasePage
from toasoan.core.pagination import paginate


class SectionPage(BasePage):
    """A news section (chuyên mục): lists its articles newest first."""

    intro = models.TextField("Giới thiệu chuyên mục", blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    PER_PAGE = 10
    site_map_children = False  # its articles are an archive: /so-do-trang/ lists the section only

    class Meta:
        verbose_name = "Chuyên mục"
        verbose_name_plural = "Chuyên mục"

    def get_context(self, request, *args, **kwargs):
        from toasoan.news import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(selectors.section_articles(self), request, self.PER_PAGE)
        return context
