"""Moderation of comments in the Wagtail admin: read one, approve it, reject it with a reason,
and export a draft's comments as CSV. Each action is a service call, logged in the audit log."""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from . import rules, selectors, services
from .models import Comment, CommentStatus, ConsultationPage


class CommentAdminMixin(PermissionCheckedMixin):
    model = Comment
    index_url_name = None
    inspect_url_name = None
    approve_url_name = None
    reject_url_name = None
    export_url_name = None

    def get_comment(self) -> Comment:
        return get_object_or_404(Comment.objects.select_related("consultation"), pk=unquote(str(self.kwargs["pk"])))

    def inspect_url(self, comment: Comment) -> str:
        return reverse(self.inspect_url_name, args=(quote(comment.pk),))


class CommentInspectView(CommentAdminMixin, InspectView):
    """One comment in full, with the moderation buttons."""

    history_url_name = None
    template_name = "consultation/admin/comment_inspect.html"
    page_title = "Góp ý"

    def get_edit_url(self):
        return None  # comments are never edited: a citizen's words are kept as sent

    @cached_property
    def header_more_buttons(self):
        url = reverse(self.history_url_name, args=(quote(self.object.pk),))
        return [*super().header_more_buttons, Button("Lịch sử", url=url, icon_name="history", priority=30)]

    def get_body_display_value(self) -> str:
        return mark_safe(linebreaks(self.object.body, autoescape=True))  # noqa: S308  # nosec B308 B703  # escaped by linebreaks(autoescape=True)

    def get_moderated_at_display_value(self):
        return self.object.moderated_at or "—"

    def get_flags_display_value(self) -> str:
        return "; ".join(self.object.flag_labels()) or "Không"

    def get_consultation_display_value(self) -> str:
        return self.object.consultation.title

    def get_moderated_by_display_value(self) -> str:
        user = self.object.moderated_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_moderate = self.user_has_permission("moderate")
        context.update(
            {
                "can_moderate": can_moderate,
                "approve_url": reverse(self.approve_url_name, args=(quote(self.object.pk),)),
                "reject_url": reverse(self.reject_url_name, args=(quote(self.object.pk),)),
                "show_approve": can_moderate and self.object.status != CommentStatus.APPROVED,
                "show_reject": can_moderate and self.object.status != CommentStatus.REJECTED,
            }
        )
        return context


INSPECT_FIELDS = [
    "consultation",
    "name",
    "organisation",
    "email",
    "section_ref",
    "body",
    "created_at",
    "status",
    "flags",
    "reject_reason",
    "moderated_by",
    "moderated_at",
]


class CommentHistoryView(HistoryView):
    """The comment's audit trail (approved, rejected...): for anyone who may read comments."""

    any_permission_required = ["view", "moderate"]

    @cached_property
    def header_buttons(self):
        return [HeaderButton("Xem góp ý", url=self.get_edit_url(self.object), icon_name="view")]


class CommentApproveView(CommentAdminMixin, View):
    permission_required = "moderate"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk) -> HttpResponse:
        comment = self.get_comment()
        try:
            services.comment_approve(comment=comment, user=request.user)
        except services.ModerationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Đã duyệt và công khai góp ý của {comment.name}.")
        return redirect(self.inspect_url(comment))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Lý do từ chối",
        max_length=rules.REJECT_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Được lưu trong hồ sơ góp ý và nhật ký; không công khai.",
        error_messages={
            "required": "Vui lòng nhập lý do từ chối.",
            "max_length": f"Lý do từ chối dài quá {rules.REJECT_REASON_MAX} ký tự.",
        },
    )


class CommentRejectView(CommentAdminMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "moderate"
    form_class = RejectForm
    template_name = "consultation/admin/comment_reject.html"
    page_title = "Từ chối góp ý"
    header_icon = "comment"

    @cached_property
    def comment(self) -> Comment:
        return self.get_comment()

    def get_page_subtitle(self) -> str:
        return str(self.comment)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Comment._meta.verbose_name_plural},
            {"url": self.inspect_url(self.comment), "label": str(self.comment)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comment"] = self.comment
        context["cancel_url"] = self.inspect_url(self.comment)
        return context

    def form_valid(self, form: RejectForm) -> HttpResponse:
        try:
            services.comment_reject(comment=self.comment, user=self.request.user, reason=form.cleaned_data["reason"])
        except services.ModerationError as error:
            form.add_error("reason", str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Đã từ chối góp ý của {self.comment.name}.")
        return redirect(self.inspect_url(self.comment))


class CommentExportView(CommentAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """Without ?consultation=: the drafts with their comment counts; with it: the CSV file."""

    permission_required = "export"
    template_name = "consultation/admin/comment_export.html"
    page_title = "Xuất góp ý ra tệp CSV"
    header_icon = "download"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        raw = request.GET.get("consultation")
        if not raw:
            return super().get(request, *args, **kwargs)
        if not raw.isdigit():
            raise Http404
        consultation = get_object_or_404(ConsultationPage, pk=int(raw))
        content = services.comments_export(consultation=consultation, user=request.user)
        stamp = timezone.localtime(timezone.now(), timezone.get_default_timezone()).strftime("%Y%m%d-%H%M")
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="gop-y-{consultation.slug}-{stamp}.csv"'
        return response

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Comment._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consultations"] = selectors.consultations_with_comment_counts()
        context["export_url"] = reverse(self.export_url_name)
        return context


def export_header_button(url: str) -> HeaderButton:
    return HeaderButton("Xuất CSV", url=url, icon_name="download")
