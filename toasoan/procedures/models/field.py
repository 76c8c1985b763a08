from django.db import models
from wagtail.admin.panels import FieldPanel

from toasoan.core.vietnamese import nfc, slugify


class ProcedureField(models.Model):
    """A lĩnh vực (field) procedures are grouped by, e.g. "Hoạt động khoa học và công nghệ"."""

    name = models.CharField(
        "Tên lĩnh vực",
        max_length=255,
        unique=True,
        error_messages={"unique": "Đã có lĩnh vực với tên này."},
        help_text="Ví dụ: Hoạt động khoa học và công nghệ",
    )
    # The lĩnh vực filter's value in public URLs (?linh-vuc=...): made from the name once.
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, editable=False)

    panels = [FieldPanel("name")]

    class Meta:
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name.strip())
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.name, max_length=240) or "linh-vuc"
        slug, n = base, 1
        while ProcedureField.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug
