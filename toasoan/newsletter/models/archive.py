"""The archive of PDF issues ("Bản tin KH&CN số …") as Wagtail pages, so every issue goes through
the "Duyệt tin" workflow (attached to the root page) before anything is public."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from toasoan.core import files
from toasoan.core.models import BasePage
from toasoan.core.pagination import paginate

# Paths under /ban-tin/ served by this app's views: an issue page must not hide behind them.
RESERVED_SLUGS = frozenset({"dang-ky", "xac-nhan", "huy", "tuy-chon"})


class NewsletterIndexPage(BasePage):
    """The archive (/ban-tin/): published issues, newest first."""

    intro = models.TextField("Giới thiệu", blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    PER_PAGE = 12

    class Meta:
        verbose_name = "Kho bản tin"
        verbose_name_plural = "Kho bản tin"

    def get_context(self, request, *args, **kwargs):
        from toasoan.newsletter import selectors

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = paginate(selectors.published_issues(self), request, self.PER_PAGE)
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context


class NewsletterIssuePage(BasePage):
    """One issue: its number, date, PDF and an optional cover."""

    number = models.PositiveIntegerField("Số", help_text="Số của bản tin, ví dụ 12.")
    issue_date = models.DateField("Ngày phát hành", db_index=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp PDF",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh bìa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField("Tóm tắt nội dung", blank=True)

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("number"), FieldPanel("issue_date")], heading="Số và ngày phát hành"),
        FieldPanel("document"),
        FieldPanel("cover_image"),
        FieldPanel("summary"),
    ]

    class Meta:
        verbose_name = "Số bản tin"
        verbose_name_plural = "Số bản tin"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "Đường dẫn này dành cho trang đăng ký bản tin. Hãy chọn đường dẫn khác."})
        if self.document_id and not _is_pdf(self.document):
            raise ValidationError({"document": "Bản tin phải là tệp PDF."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context


def _is_pdf(document) -> bool:
    """By the file's bytes (toasoan.core.files), not its name."""
    try:
        with document.file.open("rb") as handle:
            return files.sniff(handle) is files.PDF
    except OSError:
        return False
