"""django-axes around the second step: wrong codes count like wrong passwords (per username and
client IP), and only a fully verified login clears the count."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit, get_lockout_response
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from toasoan.core.abuse import client_ip


def credentials(user: AbstractBaseUser) -> dict:
    return {"username": user.get_username()}


def is_locked(request: HttpRequest, user: AbstractBaseUser) -> bool:
    return AxesProxyHandler.is_locked(request, credentials(user))


def code_failed(request: HttpRequest, user: AbstractBaseUser) -> bool:
    """Count a wrong code as a failed login; True when that locks the account out."""
    user_login_failed.send(sender=__name__, credentials=credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def login_completed(request: HttpRequest, user: AbstractBaseUser) -> None:
    """Password and second factor passed: forget this username + IP's failures."""
    AxesProxyHandler.reset_attempts(ip_address=client_ip(request), username=user.get_username())


def lockout_response(request: HttpRequest, user: AbstractBaseUser) -> HttpResponse:
    """Locked out half-way: end the password-only session too, then say so."""
    creds = credentials(user)
    logout(request)
    return get_lockout_response(request, None, creds)


def lockout_page(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the Vietnamese lockout page, status 429."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0,
    }
    return render(request, "trust/staff/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
