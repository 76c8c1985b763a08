from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from toasoan.core.models import BasePage

from .. import rules

CLOSES_BEFORE_OPENING = "Hạn góp ý phải sau ngày bắt đầu lấy ý kiến."


class ConsultationIndexPage(BasePage):
    """Lấy ý kiến dự thảo: open drafts first, with their deadline, then closed ones."""

    intro = models.TextField("Giới thiệu", blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["consultation.ConsultationPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Trang lấy ý kiến dự thảo"
        verbose_name_plural = "Trang lấy ý kiến dự thảo"

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.index_context(self, request))
        return context


class ConsultationPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        opens_on, closes_at = cleaned.get("opens_on"), cleaned.get("closes_at")
        if opens_on and closes_at and closes_at <= rules.opening_time(opens_on):
            self.add_error("closes_at", CLOSES_BEFORE_OPENING)
        if not self.is_deferred_validation and not self._has_text() and not self._has_documents():
            # Checked on publishing (and submitting for approval), not on saving a draft.
            self.add_error("body", "Cần nhập toàn văn dự thảo hoặc đính kèm ít nhất một tài liệu dự thảo.")
        return cleaned

    def _has_text(self) -> bool:
        return bool(strip_tags(self.cleaned_data.get("body") or "").strip())

    def _has_documents(self) -> bool:
        documents = self.formsets.get("documents")
        return documents is not None and any(
            form.is_valid() and form.cleaned_data.get("document") and not form.cleaned_data.get("DELETE")
            for form in documents.forms
        )


class ConsultationPage(RoutablePageMixin, BasePage):
    """One draft open for public comment until its deadline, then its summary report."""

    drafting_agency = models.CharField(
        "Cơ quan chủ trì soạn thảo", max_length=255, help_text="Ví dụ: Phòng Quản lý khoa học, Sở Khoa học và Công nghệ"
    )
    summary = models.TextField("Tóm tắt nội dung dự thảo")
    body = RichTextField("Toàn văn dự thảo", blank=True, help_text="Có thể để trống nếu đã đính kèm tài liệu dự thảo.")
    opens_on = models.DateField("Ngày bắt đầu lấy ý kiến", help_text="Nhận góp ý từ 0 giờ ngày này (giờ Việt Nam).")
    closes_at = models.DateTimeField(
        "Hạn góp ý", help_text="Ngày và giờ (giờ Việt Nam) kết thúc nhận góp ý; biểu mẫu tự đóng khi đến hạn."
    )
    report_body = RichTextField(
        "Báo cáo tổng hợp, tiếp thu, giải trình",
        blank=True,
        help_text="Tổng hợp góp ý và ý kiến tiếp thu, giải trình của cơ quan soạn thảo. "
        "Chỉ hiển thị công khai sau khi hết hạn góp ý.",
    )
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp báo cáo tổng hợp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = ConsultationPageForm
    parent_page_types = ["consultation.ConsultationIndexPage"]
    subpage_types: list[str] = []
    content_panels = BasePage.content_panels + [
        FieldPanel("drafting_agency"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_at")], heading="Thời gian lấy ý kiến"),
        FieldPanel("body"),
        InlinePanel("documents", heading="Tài liệu dự thảo", label="Tài liệu"),
        MultiFieldPanel(
            [FieldPanel("report_body"), FieldPanel("report_document")],
            heading="Báo cáo tổng hợp, tiếp thu, giải trình (sau khi hết hạn góp ý)",
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("drafting_agency")]

    class Meta:
        verbose_name = "Dự thảo lấy ý kiến"
        verbose_name_plural = "Dự thảo lấy ý kiến"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_at and self.closes_at <= rules.opening_time(self.opens_on):
            raise ValidationError({"closes_at": CLOSES_BEFORE_OPENING})

    def phase(self, now=None) -> rules.Phase:
        return rules.phase(opens_on=self.opens_on, closes_at=self.closes_at, now=now or timezone.now())

    def days_left(self, now=None) -> int | None:
        return rules.days_left(closes_at=self.closes_at, now=now or timezone.now())

    @property
    def has_report(self) -> bool:
        return bool(self.report_body or self.report_document_id)

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.consultation_context(self, request))
        return context

    @path("")
    def consultation(self, request: HttpRequest) -> HttpResponse:
        from .. import views

        return views.consultation(self, request)

    @path("da-nhan-gop-y/")
    def comment_received(self, request: HttpRequest) -> HttpResponse:
        from .. import views

        return views.comment_received(self, request)


class ConsultationDocument(Orderable):
    page = ParentalKey(ConsultationPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tài liệu", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("Tên hiển thị", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "Tài liệu dự thảo"
        verbose_name_plural = "Tài liệu dự thảo"

    @property
    def label(self) -> str:
        return self.title or self.document.title


class ConsultationStatus(models.Model):
    """What the public pages last showed about time: the phase and the days left.

    Pages compute both from the clock when they render. The closing job (services.
    consultation_statuses_refresh) saves this row when either changes — at opening, at each
    midnight, at the deadline — and that save is what makes the page cache drop pages rendered
    before (an open form, "còn 1 ngày"), since no editor saves anything at those moments."""

    page = models.OneToOneField(ConsultationPage, on_delete=models.CASCADE, primary_key=True, related_name="status")
    phase = models.CharField(max_length=16, choices=[(p.value, rules.PHASE_LABELS[p]) for p in rules.Phase])
    days_left = models.IntegerField(null=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()
        verbose_name = "Trạng thái lấy ý kiến"

    def __str__(self) -> str:
        return f"{self.page_id}: {self.phase}"
