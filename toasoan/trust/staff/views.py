"""The second step of the admin login (verify or enrol), backup codes, and a superuser's reset.
Mounted under /admin/xac-thuc/ by hooks.py; the middleware sends unverified staff here."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import lockout, selectors, services
from .forms import CodeForm, EnrolmentForm
from .selectors import Step

NEW_CODES_SESSION_KEY = "trust.staff.new_backup_codes"


def next_url(request: HttpRequest) -> str:
    """Where the login was going, if it stays on this site; else the admin's home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def step_url(step: Step, next_to: str) -> str:
    name = "trust_staff_enrol" if step == Step.ENROL else "trust_staff_verify"
    return f"{reverse(name)}?{urlencode({'next': next_to})}"


def _complete_login(request: HttpRequest, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id once the second factor is proven
    lockout.login_completed(request, request.user)


def _failure_message(check: services.CodeCheck, code: str) -> str:
    if check.wait_seconds:
        return f"Bạn đã nhập sai nhiều lần liên tiếp. Vui lòng chờ {check.wait_seconds} giây rồi thử lại."
    if code.isdigit():
        return "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng xác thực."
    return "Mã dự phòng không đúng hoặc đã được dùng."


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user, target = request.user, next_url(request)
    step = selectors.owed_step(user)
    if step is None:
        return redirect(target)
    if step == Step.ENROL:
        return redirect(step_url(step, target))
    if lockout.is_locked(request, user):
        return lockout.lockout_response(request, user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["otp_token"]
        check = services.code_check(user=user, code=code)
        if check.ok:
            _complete_login(request, check.device)
            if isinstance(check.device, StaticDevice):
                left = selectors.backup_codes_left(user)
                messages.warning(
                    request,
                    f"Bạn vừa dùng một mã dự phòng; còn {left} mã. Có thể tạo bộ mã mới ở Tài khoản → Mã dự phòng.",
                )
            return redirect(target)
        if lockout.code_failed(request, user):
            return lockout.lockout_response(request, user)
        form.add_error("otp_token", _failure_message(check, code))
    return render(request, "trust/staff/verify.html", {"form": form, "next": target})


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user, target = request.user, next_url(request)
    step = selectors.owed_step(user)
    if step != Step.ENROL:
        return redirect(step_url(step, target) if step else target)
    if lockout.is_locked(request, user):
        return lockout.lockout_response(request, user)
    device = services.enrolment_device(user=user)
    form = EnrolmentForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["otp_token"]
        check = services.enrolment_confirm(user=user, device=device, code=code)
        if check.ok:
            _complete_login(request, check.device)
            request.session[NEW_CODES_SESSION_KEY] = services.backup_codes_generate(user=user)
            return redirect(f"{reverse('trust_staff_new_codes')}?{urlencode({'next': target})}")
        if lockout.code_failed(request, user):
            return lockout.lockout_response(request, user)
        form.add_error("otp_token", _failure_message(check, code))
    context = {
        "form": form,
        "next": target,
        "qr_code": services.totp_qr_data_uri(device),
        "secret": services.totp_secret(device),
        "username": user.get_username(),
    }
    return render(request, "trust/staff/enrol.html", context)


def new_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes just made, shown once: they leave the session as they are shown."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    return render(request, "trust/staff/new_codes.html", {"codes": codes, "next": next_url(request)})


@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The account's page: how many codes are left; a new set replaces them all."""
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = services.backup_codes_generate(user=request.user)
        return redirect(f"{reverse('trust_staff_new_codes')}?{urlencode({'next': reverse('trust_staff_codes')})}")
    context = {"left": selectors.backup_codes_left(request.user), "count": services.BACKUP_CODE_COUNT}
    return render(request, "trust/staff/backup_codes.html", context)


@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """A superuser removes another user's second factor: they enrol again at their next login."""
    if not request.user.is_superuser:
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    edit_url = reverse("wagtailusers_users:edit", args=[target.pk])
    if target.pk == request.user.pk:
        messages.error(request, "Không thể tự đặt lại xác thực hai bước của chính mình.")
        return redirect(edit_url)
    if request.method == "POST":
        services.second_factor_reset(user=target, by=request.user)
        messages.success(
            request,
            f"Đã đặt lại xác thực hai bước của “{target.get_username()}”. "
            "Lần đăng nhập tới, người này phải đăng ký lại ứng dụng xác thực.",
        )
        return redirect(edit_url)
    context = {"target": target, "enrolled": selectors.has_totp_device(target), "edit_url": edit_url}
    return render(request, "trust/staff/reset.html", context)


@require_http_methods(["GET", "POST"])
def lockouts(request: HttpRequest) -> HttpResponse:
    """Superusers see the lockouts in force and lift one (the axes_reset_* commands do it too)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        attempt = selectors.locked_attempts().filter(pk=request.POST.get("attempt")).first()
        if attempt is None:
            messages.error(request, "Lượt khóa này không còn (đã hết hạn hoặc đã được mở).")
        else:
            services.login_unlock(attempt=attempt, by=request.user)
            messages.success(request, f"Đã mở khóa đăng nhập cho “{attempt.username}” từ {attempt.ip_address}.")
        return redirect("trust_staff_lockouts")
    return render(request, "trust/staff/lockouts.html", {"attempts": selectors.locked_attempts()})
