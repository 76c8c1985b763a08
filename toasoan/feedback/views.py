"""Public pages: the submission form, the receipt, tracking by code, and the public Q&A."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from toasoan.core import abuse
from toasoan.core.pagination import paginate

from . import codes, conf, moderation, selectors, services
from .forms import CONSENT_TEXT, SubmissionForm, TrackingForm, form_guard_fields
from .models import Kind, PublishedQuestion, Status

PER_PAGE = 10


def _private(response: HttpResponse) -> HttpResponse:
    """Pages that show a tracking code: never cached, never indexed, no Referer carrying the code."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    about_page, about_error = None, ""
    status = 200
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            data = services.SubmissionData(
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                subject=form.cleaned_data["subject"],
                content=form.cleaned_data["content"],
                about=form.about_page,
                consent_text=CONSENT_TEXT,
                attachments=form.cleaned_data["attachments"],
            )
            reasons = moderation.form_reasons(request.POST) + moderation.duplicate_reasons(data.content)
            try:
                submission = services.submission_create(data=data, ip=abuse.client_ip(request), guard_reasons=reasons)
            except moderation.RateLimited:
                status = 429
                form.add_error(
                    None,
                    "Địa chỉ của bạn đã gửi quá nhiều phản ánh trong một giờ qua. Nội dung bạn nhập vẫn còn "
                    "dưới đây: hãy gửi lại sau, hoặc liên hệ trực tiếp với cơ quan qua điện thoại.",
                )
            else:
                # Committed: only now is the code shown (POST/redirect/GET to a bookmarkable receipt).
                return redirect("feedback:receipt", code=submission.code, permanent=False)
        else:
            status = 200
        about_page = form.about_page
    else:
        form = SubmissionForm(
            initial={"kind": request.GET.get("loai") if request.GET.get("loai") in Kind.values else Kind.FEEDBACK}
        )
        if "ve" in request.GET:
            about_page = selectors.public_page(request.GET["ve"])
            if about_page is None:
                about_error = "Liên kết tới thủ tục hoặc bài viết không hợp lệ; bạn vẫn có thể gửi phản ánh chung."
            else:
                form.initial["about"] = str(about_page.pk)
    context = {
        "form": form,
        "about_page": about_page,
        "about_error": about_error,
        "guard": form_guard_fields(),
        "attachments_hint": (
            f"Không bắt buộc. Tối đa {conf.get('MAX_FILES')} tệp PDF, JPEG, PNG, Word (DOCX) hoặc Excel (XLSX); "
            f"mỗi tệp tối đa {conf.get('MAX_FILE_BYTES') / 1024 / 1024:g} MB, "
            f"tổng cộng tối đa {conf.get('MAX_TOTAL_BYTES') / 1024 / 1024:g} MB."
        ),
    }
    return TemplateResponse(request, "feedback/submit.html", context, status=status)


def _lookup(request: HttpRequest, raw_code: str) -> tuple[object, str, int]:
    """(submission or None, message, HTTP status) for a code, with unknown codes rate limited per IP."""
    ip = abuse.client_ip(request)
    if selectors.lookup_misses(abuse.keyed_hash("ip", ip)) >= conf.get("LOOKUP_MISSES_PER_HOUR"):
        return None, "Bạn đã tra cứu quá nhiều mã không đúng trong một giờ qua. Hãy thử lại sau.", 429
    code = codes.normalise(raw_code)
    submission = selectors.submission_by_code(code) if code else None
    if submission is None:
        services.tracking_miss_record(ip=ip)
        return (
            None,
            "Không tìm thấy phản ánh, kiến nghị nào có mã này. Hãy kiểm tra lại mã trong thư hoặc trang xác nhận.",
            404,
        )
    return submission, "", 200


def _tracking_context(submission) -> dict:
    return {
        "submission": submission,
        "events": list(submission.events.all()),
        "answered": submission.status == Status.ANSWERED,
        "rejected": submission.status == Status.REJECTED,
    }


@never_cache
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    submission, message, status = _lookup(request, code)
    if submission is None:
        form = TrackingForm(initial={"ma": code})
        response = TemplateResponse(request, "feedback/track.html", {"form": form, "message": message}, status=status)
        return _private(response)
    context = {
        **_tracking_context(submission),
        "receipt": True,
        "track_url": reverse("feedback:track") + f"?ma={submission.code}",
    }
    return _private(TemplateResponse(request, "feedback/receipt.html", context))


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    context: dict = {}
    status = 200
    if "ma" in request.GET:
        form = TrackingForm(request.GET)
        if form.is_valid():
            submission, message, status = _lookup(request, form.cleaned_data["ma"])
            if submission is not None:
                context.update(_tracking_context(submission))
            else:
                context["message"] = message
        else:
            status = 200
    else:
        form = TrackingForm()
    context["form"] = form
    return _private(TemplateResponse(request, "feedback/track.html", context, status=status))


def qa_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("loai", "")
    if kind not in Kind.values:
        kind = ""
    questions = paginate(selectors.public_questions(query, kind), request, PER_PAGE)
    extra = "".join(f"{name}={value}&" for name, value in (("q", query), ("loai", kind)) if value)
    return TemplateResponse(
        request,
        "feedback/qa_list.html",
        {
            "questions": questions,
            "page_obj": questions,
            "query": query,
            "kind": kind,
            "kinds": Kind.choices,
            "extra_query": extra,
        },
    )


def qa_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(PublishedQuestion, pk=pk, is_public=True)
    if question.about is not None and not (question.about.live and not question.about.get_view_restrictions().exists()):
        question.about = None
    return TemplateResponse(request, "feedback/qa_detail.html", {"question": question})
