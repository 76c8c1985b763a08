from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.models import BasePage


class ProvincialNewsPage(BasePage):
    """The provincial portal's "Tin các đơn vị": the latest news of every agency site of the
    installation, each under its agency's name and linking to the article on its own site."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_site = models.PositiveSmallIntegerField(
        "Số tin mỗi cơ quan", default=5, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )

    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_site")]

    class Meta:
        verbose_name = "Tin các đơn vị (cổng tỉnh)"
        verbose_name_plural = "Tin các đơn vị (cổng tỉnh)"

    def get_context(self, request, *args, **kwargs):
        from toasoan.news import selectors

        context = super().get_context(request, *args, **kwargs)
        context["agencies"] = selectors.latest_news_by_site(self.per_site)
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context
