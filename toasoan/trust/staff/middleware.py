"""The admin requires a second factor. Until the session is verified (django-otp), every admin
URL sends a staff member to the step they owe, keeping `next`; elsewhere on the site the session
counts as anonymous, so pages restricted to logged-in users need the second factor too.
Also enforces the staff session timeouts."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from . import selectors, sessions
from .views import step_url

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def _is_open(path: str) -> bool:
    """Admin paths an unverified user may reach: the two steps, logging out, and what their pages
    load (translations; the icon sprite, which the admin's script injects into the page)."""
    names = (
        "trust_staff_verify",
        "trust_staff_enrol",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    )
    return path in {reverse(name) for name in names}


def _anonymous() -> AnonymousUser:
    """Anonymous, with what OTPMiddleware gives every user (code may call user.is_verified())."""
    anonymous = AnonymousUser()
    anonymous.otp_device = None
    anonymous.is_verified = lambda: False
    return anonymous


def _needs_second_factor(user) -> bool:
    # Users who cannot enter the admin anyway are left to Wagtail's own refusal (no redirect loop).
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


class StaffAccessMiddleware:
    """After AuthenticationMiddleware, OTPMiddleware and MessageMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_admin = request.path_info.startswith(ADMIN_PREFIXES)
        # Only a request carrying a session cookie has a session to check: public pages without
        # one must not load the session (that would add Vary: Cookie to cacheable pages).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and sessions.expire_if_due(request) and is_admin:
            messages.info(request, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
            login = reverse("wagtailadmin_login")
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        if is_admin:
            response = self._admin(request)
            if response is not None:
                return response
        else:
            user = request.user
            request.user = SimpleLazyObject(lambda: user if selectors.owed_step(user) is None else _anonymous())
        return self.get_response(request)

    def _admin(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or not _needs_second_factor(user):
            return None
        step = selectors.owed_step(user)
        if step is None or _is_open(request.path_info):
            return None
        if request.path_info == reverse("wagtailadmin_login"):
            target = request.GET.get("next") or reverse("wagtailadmin_home")
        else:
            target = request.get_full_path()
        return redirect(step_url(step, target))
