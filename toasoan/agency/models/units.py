"""Organisation: units (phòng, ban, đơn vị trực thuộc) and the officials of the contacts directory."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField

from toasoan.core.vietnamese import slugify

from .common import ApprovedContent, ContentBlock


class UnitKind(models.TextChoices):
    # Labels are translated on English pages (toasoan/locale/en); the admin stays Vietnamese.
    OFFICE = "phong", _("Phòng chuyên môn")
    SUBDEPARTMENT = "chi-cuc", _("Chi cục")
    AFFILIATE = "truc-thuoc", _("Đơn vị sự nghiệp trực thuộc")


class Unit(ApprovedContent):
    name = models.CharField("Tên đơn vị", max_length=255)
    slug = models.SlugField(
        "Đường dẫn", max_length=100, unique=True, blank=True, help_text="Để trống để tạo từ tên đơn vị."
    )
    kind = models.CharField("Loại đơn vị", max_length=12, choices=UnitKind.choices, default=UnitKind.OFFICE)
    sort_order = models.PositiveIntegerField("Thứ tự hiển thị", default=100, help_text="Số nhỏ hiện trước.")
    head = models.ForeignKey(
        "agency.Official",
        verbose_name="Trưởng đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    functions = StreamField(ContentBlock(), verbose_name="Chức năng, nhiệm vụ", blank=True)
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    email = models.EmailField("Email", blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    name_en = models.CharField("Tên đơn vị (tiếng Anh)", max_length=255, blank=True)
    functions_en = StreamField(ContentBlock(), verbose_name="Chức năng, nhiệm vụ (tiếng Anh)", blank=True)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
                    FieldPanel("head"),
                    FieldPanel("functions"),
                    MultiFieldPanel(
                        [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading="Liên hệ"
                    ),
                    FieldPanel("slug"),
                ],
                heading="Tiếng Việt",
            ),
            ObjectList([FieldPanel("name_en"), FieldPanel("functions_en")], heading="Tiếng Anh"),
        ]
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "Cơ cấu tổ chức"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.slug = self.slug or slugify(self.name, max_length=100)
        if Unit.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": "Đường dẫn này đã dùng cho đơn vị khác. Hãy đặt đường dẫn khác."})

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    def save(self, *args, **kwargs) -> None:
        self.slug = self.slug or slugify(self.name, max_length=100)
        super().save(*args, **kwargs)


class Official(ApprovedContent):
    """One entry of the contacts directory (danh bạ): work contacts only, published by the agency."""

    name = models.CharField("Họ và tên", max_length=120)
    title = models.CharField("Chức vụ", max_length=160, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", null=True, blank=True, on_delete=models.SET_NULL, related_name="officials"
    )
    phone = models.CharField("Điện thoại", max_length=40, blank=True, help_text="Số máy cơ quan.")
    email = models.EmailField("Email công vụ", blank=True)
    sort_order = models.PositiveIntegerField("Thứ tự trong đơn vị", default=100, help_text="Số nhỏ hiện trước.")
    title_en = models.CharField("Chức vụ (tiếng Anh)", max_length=160, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta:
        ordering = ["unit__sort_order", "sort_order", "name"]
        verbose_name = "cán bộ"
        verbose_name_plural = "Danh bạ cán bộ"

    def __str__(self) -> str:
        return f"{self.name} – {self.title}" if self.title else self.name

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)


def tel_href(phone: str) -> str:
    """'0274 3822 123' -> 'tel:02743822123' (digits and a leading +)."""
    digits = "".join(c for c in phone if c.isdigit())
    if not digits:
        return ""
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits
