from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="site")
class AgencySettings(ClusterableModel, BaseSiteSetting):
    """Everything an agency changes about its site: nothing is hard-coded to one department."""

    name = models.CharField("Tên cơ quan", max_length=255, default="Tên cơ quan")
    parent_name = models.CharField(
        "Cơ quan chủ quản", max_length=255, blank=True, help_text="Ví dụ: UBND tỉnh Thừa Thiên Huế"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="Logo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=64, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    responsible_person = models.CharField(
        "Người chịu trách nhiệm nội dung", max_length=255, blank=True, help_text="Ví dụ: Ông Nguyễn Văn A - Giám đốc Sở"
    )
    license_text = models.CharField(
        "Giấy phép", max_length=255, blank=True, help_text="Số giấy phép thiết lập trang thông tin điện tử, nếu có"
    )
    trust_badge_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh nhãn Tín Nhiệm Mạng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trust_badge_url = models.URLField("Liên kết xác thực Tín Nhiệm Mạng", blank=True)
    security_email = models.EmailField(
        "Thư điện tử tiếp nhận báo cáo an toàn thông tin",
        blank=True,
        help_text="Công bố tại /.well-known/security.txt và trang Liên hệ an toàn thông tin. "
        "Để trống: dùng thư điện tử của cơ quan.",
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Trang chính sách bảo vệ dữ liệu cá nhân",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Các biểu mẫu thu thập dữ liệu cá nhân (phản ánh, góp ý, đăng ký nhận tin) dẫn tới trang này.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("parent_name"), FieldPanel("logo")], heading="Cơ quan"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("responsible_person"),
                FieldPanel("license_text"),
            ],
            heading="Liên hệ và chân trang",
        ),
        MultiFieldPanel(
            [FieldPanel("trust_badge_image"), FieldPanel("trust_badge_url")],
            heading="Nhãn Tín Nhiệm Mạng",
            help_text="Nhãn chỉ hiển thị khi có cả ảnh và liên kết.",
        ),
        MultiFieldPanel([PageChooserPanel("privacy_policy_page")], heading="Dữ liệu cá nhân"),
        MultiFieldPanel([FieldPanel("security_email")], heading="An toàn thông tin"),
        InlinePanel("menu_items", heading="Menu chính", label="Mục menu"),
    ]

    class Meta:
        verbose_name = "Thông tin cơ quan"

    @cached_property
    def menu(self) -> list["MenuItem"]:
        return list(self.menu_items.select_related("page"))

    @property
    def security_contact(self) -> str:
        """Where security incidents are reported: the dedicated address, else the agency's."""
        return self.security_email or self.email

    @property
    def show_trust_badge(self) -> bool:
        return bool(self.trust_badge_image_id and self.trust_badge_url)


class MenuItem(Orderable):
    settings = ParentalKey(AgencySettings, related_name="menu_items", on_delete=models.CASCADE)
    label = models.CharField("Nhãn", max_length=100)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Trang", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField("Hoặc địa chỉ URL", max_length=500, blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("page"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "Mục menu"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.page_id and not self.url:
            raise ValidationError("Chọn một trang hoặc nhập địa chỉ URL cho mục menu.")

    @property
    def href(self) -> str:
        if self.page_id:
            return self.page.url or "#"
        return self.url
