"""The lists documents are filtered by: loại văn bản and lĩnh vực, edited as snippets."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.vietnamese import nfc, slugify


class SluggedName(models.Model):
    """A named entry with a slug made from the name once: the filter's value in public URLs."""

    name = models.CharField("Tên", max_length=255, unique=True, error_messages={"unique": "Đã có mục với tên này."})
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, editable=False)

    panels = [FieldPanel("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name.strip())
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        model = type(self)
        base = slugify(self.name, max_length=240) or model._meta.model_name
        slug, n = base, 1
        while model.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class DocumentType(SluggedName):
    """A loại văn bản: Luật, Nghị định, Quyết định, Kế hoạch, Công văn... Agencies publish
    types beyond any fixed list (Hướng dẫn, Tờ trình, Quy chế), so editors keep the list."""

    sort_order = models.PositiveSmallIntegerField(
        "Thứ tự", default=100, help_text="Số nhỏ đứng trước trong danh sách lọc (Luật trước Công văn)."
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "Loại văn bản"
        verbose_name_plural = "Loại văn bản"
        ordering = ["sort_order", "name"]


class DocumentField(SluggedName):
    """A lĩnh vực documents are grouped by, e.g. "Cải cách hành chính"."""

    class Meta:
        verbose_name = "Lĩnh vực văn bản"
        verbose_name_plural = "Lĩnh vực văn bản"
        ordering = ["name"]
