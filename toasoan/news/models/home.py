from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.models import BasePage


class HomePage(BasePage):
    intro = models.TextField("Lời giới thiệu", blank=True)

    parent_page_types = ["wagtailcore.Page"]
    # Not listed here: each page type that may sit under the home page says so in its own
    # parent_page_types (sections here; procedures and consultations in their apps), so news
    # never names the other apps.
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Trang chủ"

    def serve(self, request, *args, **kwargs):
        # Old portals named articles by a query on their home page; the importer stored redirects.
        if request.GET:
            from toasoan.news.importer.redirects import query_redirect

            redirect = query_redirect(request)
            if redirect is not None:
                return redirect
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from toasoan.news import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_page_blocks(self))
        return context
