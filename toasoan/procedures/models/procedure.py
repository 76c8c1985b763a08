from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from toasoan.core.models import BasePage
from toasoan.procedures import rules

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Level(models.TextChoices):
    PROVINCE = "tinh", "Cấp tỉnh"
    DISTRICT = "huyen", "Cấp huyện"
    COMMUNE = "xa", "Cấp xã"


class ServiceLevel(models.TextChoices):
    FULL = "toan-trinh", "Toàn trình"
    PARTIAL = "mot-phan", "Một phần"


class ProcedurePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional in the database (a copied page has no code until an editor gives it one),
        # required whenever an editor saves the form.
        for name in ("code", "field"):
            if name in self.fields:
                self.fields[name].required = True


class ProcedurePage(BasePage):
    """One administrative procedure (thủ tục hành chính), as published in the national database."""

    code = models.CharField(
        "Mã thủ tục",
        max_length=rules.CODE_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": "Đã có thủ tục khác mang mã này."},
        help_text="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ: 1.004227",
    )
    field = models.ForeignKey(
        "procedures.ProcedureField",
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    level = models.CharField("Cấp thực hiện", max_length=10, choices=Level.choices, default=Level.PROVINCE)
    agency = models.CharField(
        "Cơ quan thực hiện", max_length=500, blank=True, help_text="Ví dụ: Sở Khoa học và Công nghệ"
    )
    steps = RichTextField("Trình tự thực hiện", features=TEXT_FEATURES, blank=True)
    methods = RichTextField("Cách thức thực hiện", features=TEXT_FEATURES, blank=True)
    dossier = RichTextField(
        "Thành phần hồ sơ", features=TEXT_FEATURES, blank=True, help_text="Mỗi giấy tờ một dòng trong danh sách."
    )
    processing_time = models.TextField(
        "Thời hạn giải quyết", blank=True, help_text="Ví dụ: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    )
    fees = models.TextField("Phí, lệ phí", blank=True, help_text="Ví dụ: Không; hoặc 500.000 đồng/hồ sơ")
    applicants = models.TextField("Đối tượng thực hiện", blank=True, help_text="Ví dụ: Tổ chức, cá nhân")
    result = models.TextField("Kết quả thực hiện", blank=True)
    legal_basis = RichTextField("Căn cứ pháp lý", features=TEXT_FEATURES, blank=True)
    service_level = models.CharField(
        "Mức độ dịch vụ công trực tuyến",
        max_length=10,
        choices=ServiceLevel.choices,
        blank=True,
        help_text="Để trống nếu thủ tục chưa có dịch vụ công trực tuyến.",
    )
    portal_url = models.URLField(
        "Liên kết nộp hồ sơ trực tuyến",
        max_length=1000,
        blank=True,
        help_text="Trang của thủ tục trên Cổng Dịch vụ công quốc gia (https://dichvucong.gov.vn/...).",
    )

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ProcedurePageForm
    # A copy must not carry the original's code (it is unique): the editor gives it its own.
    exclude_fields_in_copy = ["code"]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("field"),
                FieldPanel("level"),
                FieldPanel("agency"),
                FieldPanel("service_level"),
                FieldPanel("portal_url"),
            ],
            heading="Thông tin chung",
        ),
        MultiFieldPanel(
            [
                FieldPanel("steps"),
                FieldPanel("methods"),
                FieldPanel("dossier"),
                FieldPanel("processing_time"),
                FieldPanel("fees"),
                FieldPanel("applicants"),
                FieldPanel("result"),
                FieldPanel("legal_basis"),
            ],
            heading="Thực hiện thủ tục",
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("level"),
        index.FilterField("field"),
    ]

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"
        permissions = [("import_procedures", "Nhập thủ tục hành chính từ tệp")]

    def clean(self):
        super().clean()
        errors = {}
        if self.code:
            self.code = self.code.strip()
            if message := rules.code_error(self.code):
                errors["code"] = message
        if message := rules.portal_url_error(self.portal_url):
            errors["portal_url"] = message
        if errors:
            raise ValidationError(errors)

    @property
    def service_level_text(self) -> str:
        """How the online service is described to citizens."""
        if self.service_level == ServiceLevel.FULL:
            return "Dịch vụ công trực tuyến toàn trình"
        if self.service_level == ServiceLevel.PARTIAL:
            return "Dịch vụ công trực tuyến một phần"
        return ""

    @property
    def portal_name(self) -> str:
        """Where the online-submission link goes, in words."""
        host = (urlsplit(self.portal_url).hostname or "").lower() if self.portal_url else ""
        return "Cổng Dịch vụ công quốc gia" if host == "dichvucong.gov.vn" else "Cổng dịch vụ công"

    def get_context(self, request, *args, **kwargs):
        from toasoan.procedures import selectors

        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        context["sections"] = self.sections()
        context["related"] = selectors.related_procedures(self)
        context["index"] = self.get_parent()
        return context

    def sections(self) -> list[dict]:
        """The detail page's sections, in the order citizens need them; empty ones are left out."""
        rich = {"steps", "methods", "dossier", "legal_basis"}
        order = [
            ("trinh-tu", "steps"),
            ("cach-thuc", "methods"),
            ("thanh-phan-ho-so", "dossier"),
            ("thoi-han", "processing_time"),
            ("phi-le-phi", "fees"),
            ("doi-tuong", "applicants"),
            ("ket-qua", "result"),
            ("can-cu-phap-ly", "legal_basis"),
        ]
        sections = []
        for anchor, name in order:
            value = getattr(self, name)
            if value and value.strip():
                label = self._meta.get_field(name).verbose_name
                sections.append({"anchor": anchor, "title": label, "value": value, "rich": name in rich})
        return sections
