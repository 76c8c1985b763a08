from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from toasoan.core.models import BasePage
from toasoan.core.vietnamese import nfc

from .numbers import number_key


class LegalDocumentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional in the database (a copied page starts without them), required when an editor saves.
        for name in ("number", "document_type", "issued_on"):
            if name in self.fields:
                self.fields[name].required = True


class LegalDocumentPage(BasePage):
    """One legal or administrative document (văn bản) with its metadata and files."""

    # Articles of any site auto-link to it (autolinks.py): a change refreshes every site's cache.
    page_cache_all_sites = True

    number = models.CharField(
        "Số hiệu",
        max_length=100,
        blank=True,
        help_text="Ghi đúng như trên văn bản, ví dụ: 405/KH-UBND, 42/2022/NĐ-CP",
    )
    # number as it is looked up (auto-links, exact search): filled on save, see numbers.number_key.
    number_key = models.CharField("Số hiệu chuẩn hóa", max_length=100, blank=True, db_index=True, editable=False)
    document_type = models.ForeignKey(
        "documents.DocumentType",
        verbose_name="Loại văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer = models.CharField(
        "Cơ quan ban hành", max_length=255, blank=True, help_text="Ví dụ: UBND tỉnh Thừa Thiên Huế, Chính phủ"
    )
    signer = models.CharField("Người ký", max_length=255, blank=True, help_text="Ví dụ: Phan Thiên Định")
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("Ngày hiệu lực", null=True, blank=True)
    summary = models.TextField("Trích yếu", blank=True, help_text="Trích yếu nội dung như ghi trên văn bản.")
    field = models.ForeignKey(
        "documents.DocumentField",
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )

    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types: list[str] = []
    base_form_class = LegalDocumentPageForm
    # A copy starts without a number: the editor gives it the new document's own.
    exclude_fields_in_copy = ["number", "number_key"]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("document_type"),
                FieldPanel("issuer"),
                FieldPanel("signer"),
                FieldPanel("issued_on"),
                FieldPanel("effective_on"),
                FieldPanel("field"),
                FieldPanel("summary"),
            ],
            heading="Thông tin văn bản",
        ),
        InlinePanel("files", heading="Tệp văn bản", label="Tệp"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("number"),
        index.AutocompleteField("number"),
        index.SearchField("summary"),
        index.FilterField("document_type"),
        index.FilterField("field"),
        index.FilterField("issued_on"),
    ]

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"

    def clean(self):
        super().clean()
        self.number = nfc(self.number.strip())
        self.issuer = nfc(self.issuer.strip())
        errors = {}
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = "Ngày hiệu lực không thể trước ngày ban hành."
        if self.number and self.issued_on and self._same_number_and_date().exists():
            # Numbers start again each year, so only number and date together identify a document.
            errors["number"] = "Đã có văn bản khác cùng số hiệu và ngày ban hành này."
        if errors:
            raise ValidationError(errors)

    def _same_number_and_date(self):
        others = LegalDocumentPage.objects.filter(number_key=number_key(self.number), issued_on=self.issued_on)
        return others.exclude(pk=self.pk) if self.pk else others

    def save(self, *args, **kwargs):
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        context["index"] = self.get_parent()
        context["document_files"] = list(self.files.select_related("document"))
        return context


class LegalDocumentFile(Orderable):
    """A file of a document (the signed scan, an appendix), with the label readers see."""

    page = ParentalKey(LegalDocumentPage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="Tệp", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        "Nhãn", max_length=255, blank=True, help_text="Ví dụ: Toàn văn, Phụ lục I. Để trống thì dùng tên tệp."
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp văn bản"
        verbose_name_plural = "Tệp văn bản"

    @property
    def display_label(self) -> str:
        return self.label or self.document.title
