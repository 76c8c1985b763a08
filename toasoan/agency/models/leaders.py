"""The agency's leaders (lãnh đạo): title, photo, short biography and areas in charge."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField

from .common import TEXT_FEATURES, ApprovedContent
from .units import tel_href


class Leader(ApprovedContent):
    name = models.CharField("Họ và tên", max_length=120)
    title = models.CharField("Chức vụ", max_length=160, help_text="Ví dụ: Giám đốc Sở, Phó Giám đốc Sở")
    sort_order = models.PositiveIntegerField("Thứ tự hiển thị", default=100, help_text="Số nhỏ hiện trước.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh chân dung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        "Mô tả ảnh (alt)", max_length=200, blank=True, help_text="Để trống: “Ảnh chân dung” và họ tên."
    )
    biography = RichTextField("Tiểu sử tóm tắt", features=TEXT_FEATURES, blank=True)
    areas = models.TextField("Lĩnh vực phụ trách", blank=True, help_text="Mỗi dòng một lĩnh vực.")
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    email = models.EmailField("Email công vụ", blank=True)
    title_en = models.CharField("Chức vụ (tiếng Anh)", max_length=160, blank=True)
    biography_en = RichTextField("Tiểu sử tóm tắt (tiếng Anh)", features=TEXT_FEATURES, blank=True)
    areas_en = models.TextField("Lĩnh vực phụ trách (tiếng Anh)", blank=True, help_text="Mỗi dòng một lĩnh vực.")

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("title"), FieldPanel("sort_order")]),
                    MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading="Ảnh"),
                    FieldPanel("biography"),
                    FieldPanel("areas"),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                ],
                heading="Tiếng Việt",
            ),
            ObjectList(
                [FieldPanel("title_en"), FieldPanel("biography_en"), FieldPanel("areas_en")], heading="Tiếng Anh"
            ),
        ]
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "lãnh đạo"
        verbose_name_plural = "Lãnh đạo"

    def __str__(self) -> str:
        return f"{self.title} {self.name}"

    @property
    def alt_text(self) -> str:
        return self.photo_alt or f"Ảnh chân dung {self.name}"

    @property
    def area_list(self) -> list[str]:
        return [line.strip() for line in self.areas.splitlines() if line.strip()]

    @property
    def area_list_en(self) -> list[str]:
        return [line.strip() for line in self.areas_en.splitlines() if line.strip()]

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)
