from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from toasoan.core.blocks import BodyBlock
from toasoan.core.models import BasePage


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(BasePage):
    sapo = models.TextField("Sapo (tóm tắt)", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Nội dung", blank=True)
    author = models.CharField(
        "Tác giả", max_length=255, blank=True, help_text="Bút danh hiển thị cuối bài, ví dụ: Diệu Hà"
    )
    display_date = models.DateField(
        "Ngày cập nhật",
        null=True,
        blank=True,
        db_index=True,
        help_text="Để trống để dùng ngày xuất bản lần đầu.",
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_image_alt = models.CharField("Văn bản thay thế của ảnh đại diện", max_length=255, blank=True)
    is_featured = models.BooleanField("Tin nổi bật", default=False, help_text="Hiển thị ở mục tin nổi bật trang chủ")
    tags = ClusterTaggableManager("Từ khóa", through=ArticlePageTag, blank=True)
    # Identity of an imported article, so importing the same source again updates it.
    import_key = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    source_url = models.URLField("Nguồn", max_length=1000, blank=True)

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    content_panels = BasePage.content_panels + [
        FieldPanel("sapo"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("display_date"),
        MultiFieldPanel([FieldPanel("featured_image"), FieldPanel("featured_image_alt")], heading="Ảnh đại diện"),
        InlinePanel("attachments", heading="Tệp đính kèm", label="Tệp"),
        FieldPanel("tags"),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("is_featured"), FieldPanel("source_url")]

    search_fields = BasePage.search_fields + [index.SearchField("sapo"), index.SearchField("author")]

    class Meta:
        verbose_name = "Bài viết"
        verbose_name_plural = "Bài viết"

    def clean(self):
        super().clean()
        if self.featured_image_id and not self.featured_image_alt.strip():
            raise ValidationError({"featured_image_alt": "Cần nhập văn bản thay thế (alt) khi có ảnh đại diện."})

    def save(self, *args, **kwargs):
        # "Ngày cập nhật" defaults to the day of first publication, in the site's time zone.
        if self.display_date is None and self.first_published_at:
            self.display_date = timezone.localdate(self.first_published_at)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from toasoan.news import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_context(self))
        return context


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tài liệu", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("Tên hiển thị", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"

    @property
    def label(self) -> str:
        return self.title or self.document.title
