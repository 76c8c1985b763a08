"""Staff views in the Wagtail admin: handling one submission, and downloading its attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import View
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import moderation, services
from .forms import AnswerForm, ApproveForm, AssignForm, NoteForm, RejectForm, ReturnForm, TemplateChoiceForm
from .models import AnswerState, AnswerTemplate, Attachment, Status, Submission
from .storage import private_storage

ACTIONS = ("assign", "note", "release", "start", "reject", "answer", "approve", "return")


class SubmissionProcessView(WagtailAdminTemplateMixin, BaseObjectMixin, View):
    """Everything about one submission on one page, each action a small form posting back here."""

    model = Submission
    template_name = "feedback/admin/process.html"
    header_icon = "mail"
    index_url_name = "phan-anh:index"
    history_url_name = "phan-anh:history"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(services.CHANGE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"Xử lý {self.object.get_kind_display().lower()}"

    def get_page_subtitle(self) -> str:
        return self.object.code

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Phản ánh, kiến nghị"},
            {"url": "", "label": self.object.code},
        ]

    @cached_property
    def can_approve(self) -> bool:
        return self.request.user.has_perm(services.APPROVE_PERMISSION)

    def _answer_initial(self) -> str:
        template = AnswerTemplate.objects.filter(pk=self.request.GET.get("mau") or 0).first()
        if template is None:
            return self.object.answer
        values = {
            "ho_ten": self.object.name,
            "ma": self.object.code,
            "ngay_gui": f"{self.object.created_at:%d/%m/%Y}",
            "tieu_de": self.object.subject,
        }
        text = template.body
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        submission = self.object
        public_subject, public_question = services.public_copy_defaults(submission)
        forms = {
            "assign_form": AssignForm(initial={"assignee": submission.assignee_id}),
            "note_form": NoteForm(),
            "reject_form": RejectForm(),
            "answer_form": AnswerForm(initial={"answer": self._answer_initial(), "publish": submission.answer_publish}),
            "template_form": TemplateChoiceForm(initial={"mau": self.request.GET.get("mau")}),
            "approve_form": ApproveForm(initial={"public_subject": public_subject, "public_question": public_question}),
            "return_form": ReturnForm(),
        }
        forms.update(kwargs.get("bound_forms", {}))
        context.update(forms)
        context.update(
            {
                "submission": submission,
                "attachments": submission.attachments.all(),
                "notes": submission.notes.select_related("author"),
                "events": submission.events.all(),
                "reason_labels": moderation.reason_labels(submission.moderation_reasons),
                "can_approve": self.can_approve,
                "can_release": submission.status == Status.MODERATION,
                "can_start": submission.status == Status.RECEIVED,
                "can_reject": submission.is_open,
                "can_answer": submission.status in (Status.RECEIVED, Status.PROCESSING),
                "answer_pending": submission.answer_state == AnswerState.PENDING,
                "answer_returned": submission.answer_state == AnswerState.RETURNED,
                "history_url": reverse(self.history_url_name, args=[submission.pk]),
                "has_templates": AnswerTemplate.objects.exists(),
            }
        )
        return context

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.render_to_response(self.get_context_data())

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, "Thao tác không hợp lệ.")
            return redirect(request.path)
        handler = getattr(self, f"_do_{action}")
        try:
            result = handler(request)
        except PermissionDenied as error:
            messages.error(request, str(error) or "Bạn không có quyền thực hiện thao tác này.")
            return redirect(request.path)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(request.path)
        if isinstance(result, HttpResponse):
            return result
        messages.success(request, result)
        return redirect(request.path)

    def _invalid(self, name: str, form) -> HttpResponse:
        messages.error(self.request, "Chưa thực hiện được: hãy sửa các mục được đánh dấu.")
        return self.render_to_response(self.get_context_data(bound_forms={name: form}), status=200)

    def _do_assign(self, request):
        form = AssignForm(request.POST)
        if not form.is_valid():
            return self._invalid("assign_form", form)
        assignee = form.cleaned_data["assignee"]
        services.submission_assign(submission=self.object, assignee=assignee, user=request.user)
        return (
            f"Đã phân công cho {assignee.get_full_name() or assignee.get_username()}."
            if assignee
            else "Đã bỏ phân công."
        )

    def _do_note(self, request):
        form = NoteForm(request.POST)
        if not form.is_valid():
            return self._invalid("note_form", form)
        services.note_add(submission=self.object, text=form.cleaned_data["text"], user=request.user)
        return "Đã thêm ghi chú nội bộ."

    def _do_release(self, request):
        services.submission_release(submission=self.object, user=request.user)
        return "Đã chấp nhận: phản ánh chuyển sang “Đã tiếp nhận”."

    def _do_start(self, request):
        services.submission_start(submission=self.object, user=request.user)
        return "Đã chuyển sang “Đang xử lý”."

    def _do_reject(self, request):
        form = RejectForm(request.POST)
        if not form.is_valid():
            return self._invalid("reject_form", form)
        services.submission_reject(submission=self.object, reason=form.cleaned_data["reason"], user=request.user)
        return "Đã từ chối; người gửi được báo lý do."

    def _do_answer(self, request):
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self._invalid("answer_form", form)
        services.answer_submit(
            submission=self.object,
            text=form.cleaned_data["answer"],
            publish=form.cleaned_data["publish"],
            user=request.user,
        )
        return "Đã gửi câu trả lời cho lãnh đạo duyệt."

    def _do_approve(self, request):
        form = ApproveForm(request.POST)
        if not form.is_valid():
            return self._invalid("approve_form", form)
        services.answer_approve(
            submission=self.object,
            user=request.user,
            public_subject=form.cleaned_data["public_subject"],
            public_question=form.cleaned_data["public_question"],
        )
        return "Đã duyệt: câu trả lời được gửi tới người hỏi" + (
            " và đăng lên mục Hỏi đáp." if self.object.answer_publish else "."
        )

    def _do_return(self, request):
        form = ReturnForm(request.POST)
        if not form.is_valid():
            return self._invalid("return_form", form)
        services.answer_return(submission=self.object, comment=form.cleaned_data["comment"], user=request.user)
        return "Đã trả lại câu trả lời để sửa."


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An attachment, to staff only, as a download that no browser will render or sniff."""
    if not (request.user.has_perm("feedback.view_submission") or request.user.has_perm(services.CHANGE_PERMISSION)):
        raise PermissionDenied
    attachment = get_object_or_404(Attachment.objects.select_related("submission"), pk=pk)
    log(attachment.submission, "feedback.attachment_download", user=request.user, data={"attachment": attachment.pk})
    response = FileResponse(
        private_storage.open(attachment.file.name, "rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
