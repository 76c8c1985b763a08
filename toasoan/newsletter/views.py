"""Public views: thin wrappers around forms, selectors and services.

The subscribe form carries no CSRF token (forms on this site must not make pages private); its POST
is guarded by the same-site check, the honeypot and fill time, and rate limits per IP and address.
Pages reached through a signed link are never cached, carry no referrer (the token is in the URL)
and act only on POST: mail scanners prefetch links with GET."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page, Site

from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD, check_form, client_ip, form_token, same_site

from . import selectors, services, tokens
from .forms import PreferencesForm, SubscribeForm

GUARD_MESSAGES = {
    "cross_site": (403, "Không nhận đăng ký gửi từ trang web khác. Hãy đăng ký ngay trên trang này."),
    "honeypot": (400, "Chưa gửi được biểu mẫu. Hãy kiểm tra lại thông tin rồi bấm “Đăng ký” lần nữa."),
    "too_fast": (400, "Biểu mẫu được gửi quá nhanh sau khi mở trang. Hãy kiểm tra lại rồi bấm “Đăng ký” lần nữa."),
    "token_invalid": (400, "Biểu mẫu đã hết hạn. Thông tin bạn nhập vẫn được giữ, hãy bấm “Đăng ký” lần nữa."),
    "token_expired": (400, "Biểu mẫu đã hết hạn. Thông tin bạn nhập vẫn được giữ, hãy bấm “Đăng ký” lần nữa."),
}
RATE_MESSAGES = {
    "ip": "Có quá nhiều yêu cầu đăng ký từ mạng của bạn trong một giờ qua. Hãy thử lại sau.",
    "email": "Địa chỉ này vừa được gửi nhiều thư xác nhận trong một giờ qua. Hãy kiểm tra hộp thư "
    "(cả mục thư rác) hoặc thử lại sau.",
}
LINK_INVALID = "Liên kết không hợp lệ: có thể liên kết bị chép thiếu hoặc đã bị sửa. Hãy mở lại liên kết trong thư."
LINK_EXPIRED = "Liên kết xác nhận đã hết hạn. Hãy đăng ký lại để nhận thư xác nhận mới."
NOT_CONFIRMED = "Đăng ký này chưa được xác nhận hoặc đã hủy, nên chưa thể chọn chuyên mục."


def _site_root(request: HttpRequest) -> Page | None:
    """The root of the request's site: each agency's form offers its own sections."""
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _subscribe_page(request: HttpRequest, form: SubscribeForm, token: str, *, problem: str = "", status: int = 200):
    context = {
        "form": form,
        "form_token": token,
        "honeypot_field": HONEYPOT_FIELD,
        "started_field": STARTED_FIELD,
        "problem": problem,
        "archive": selectors.archive_page(),
        "has_sections": selectors.sections(_site_root(request)).exists(),
    }
    return TemplateResponse(request, "newsletter/subscribe.html", context, status=status)


@never_cache  # the form carries the time it was rendered
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _subscribe_page(request, SubscribeForm(root=_site_root(request)), form_token())
    form = SubscribeForm(request.POST, root=_site_root(request))
    # Keep the first render's time, so a corrected form is not "too fast".
    token = request.POST.get(STARTED_FIELD) or form_token()
    if not same_site(request):
        status, message = GUARD_MESSAGES["cross_site"]
        return _subscribe_page(request, form, form_token(), problem=message, status=status)
    reasons = check_form(request.POST).reasons
    if reasons:
        status, message = GUARD_MESSAGES[reasons[0]]
        if reasons[0] in ("token_invalid", "token_expired"):
            token = form_token()
        return _subscribe_page(request, form, token, problem=message, status=status)
    if not form.is_valid():
        return _subscribe_page(request, form, token, status=400)
    try:
        services.subscribe(
            email=form.cleaned_data["email"],
            section_ids=[section.pk for section in form.cleaned_data["sections"]],
            ip=client_ip(request),
            base_url=request.build_absolute_uri("/"),
        )
    except services.RateLimited as limited:
        return _subscribe_page(request, form, token, problem=RATE_MESSAGES[limited.reason], status=429)
    return redirect("newsletter:subscribe_sent")


@require_GET
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    # The same page whether the address was new, pending, subscribed or unsubscribed.
    return TemplateResponse(request, "newsletter/subscribe_sent.html", {"archive": selectors.archive_page()})


def _token_page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return TemplateResponse(request, f"newsletter/{template}", context, status=status)


def _token_error(request: HttpRequest, error: tokens.InvalidToken, title: str) -> HttpResponse:
    expired = isinstance(error, tokens.ExpiredToken)
    message = LINK_EXPIRED if expired else LINK_INVALID
    context = {"title": title, "message": message, "show_subscribe": True, "error": True}
    return _token_page(request, "message.html", context, status=410 if expired else 400)


@never_cache
@csrf_exempt  # the signed link is the authority; a CSRF cookie would prove nothing more
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    title = "Xác nhận đăng ký nhận bản tin"
    if request.method == "GET":
        try:
            tokens.read(tokens.CONFIRM, token)
        except tokens.InvalidToken as error:
            return _token_error(request, error, title)
        return _token_page(request, "confirm.html", {"title": title})
    try:
        outcome = services.confirm(token=token)
    except tokens.InvalidToken as error:
        return _token_error(request, error, title)
    preferences = reverse("newsletter:preferences", args=[tokens.make(tokens.PREFERENCES, outcome.subscriber.key)])
    context = {
        "title": "Đã xác nhận đăng ký" if not outcome.already else "Đăng ký đã được xác nhận trước đó",
        "message": "Cảm ơn bạn. Bản tin tổng hợp các bài mới trong chuyên mục bạn chọn sẽ được gửi mỗi tuần."
        if not outcome.already
        else "Liên kết này đã được dùng để xác nhận. Bạn không cần làm gì thêm.",
        "sections": list(outcome.subscriber.sections.order_by("path")),
        "preferences_url": preferences,
    }
    return _token_page(request, "message.html", context)


@never_cache
@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" here, without cookies
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    title = "Hủy đăng ký nhận bản tin"
    if request.method == "GET":
        try:
            tokens.read(tokens.UNSUBSCRIBE, token)
        except tokens.InvalidToken as error:
            return _token_error(request, error, title)
        return _token_page(request, "unsubscribe.html", {"title": title})
    try:
        outcome = services.unsubscribe(token=token)
    except tokens.InvalidToken as error:
        return _token_error(request, error, title)
    message = (
        "Địa chỉ này đã hủy đăng ký trước đó. Bạn sẽ không nhận thêm bản tin nào."
        if outcome.already
        else "Bạn đã hủy đăng ký. Từ nay bạn sẽ không nhận bản tin nữa."
    )
    context = {"title": "Đã hủy đăng ký", "message": message, "show_subscribe": True}
    return _token_page(request, "message.html", context)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    title = "Chọn chuyên mục nhận bản tin"
    try:
        subscriber = services.subscriber_for_preferences(token=token)
    except tokens.InvalidToken as error:
        return _token_error(request, error, title)
    except services.NotConfirmed:
        context = {"title": title, "message": NOT_CONFIRMED, "show_subscribe": True, "error": True}
        return _token_page(request, "message.html", context, 409)
    saved = False
    status = 200
    chosen = list(subscriber.sections.values_list("pk", flat=True))
    if request.method == "POST":
        form = PreferencesForm(request.POST, root=_site_root(request), keep=chosen)
        if form.is_valid():
            services.sections_update(token=token, section_ids=[s.pk for s in form.cleaned_data["sections"]])
            saved = True
        else:
            status = 400
    else:
        form = PreferencesForm(initial={"sections": chosen}, root=_site_root(request), keep=chosen)
    unsubscribe_url = reverse("newsletter:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber.key)])
    context = {"title": title, "form": form, "saved": saved, "unsubscribe_url": unsubscribe_url}
    return _token_page(request, "preferences.html", context, status=status)
