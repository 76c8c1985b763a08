"""Reads about a staff member's second factor: which step of the login they still owe."""

from enum import StrEnum

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


class Step(StrEnum):
    ENROL = "enrol"  # no confirmed authenticator yet: show the QR code
    VERIFY = "verify"  # has one: ask for a code


def has_totp_device(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def owed_step(user) -> Step | None:
    """The step an authenticated user must pass before the admin lets them in, or None."""
    if not user.is_authenticated or user.is_verified():
        return None
    return Step.VERIFY if has_totp_device(user) else Step.ENROL


def backup_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_devices(user: AbstractBaseUser) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def static_devices(user: AbstractBaseUser) -> list[StaticDevice]:
    return list(StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def locked_attempts() -> QuerySet[AccessAttempt]:
    """Username + address pairs locked out now: enough failures, the last within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
