"""Reads about a staff member's second factor: which step of the login they still owe."""

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser
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
