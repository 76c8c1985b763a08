"""Writes about a staff member's second factor: enrolment, codes, backup codes, reset."""

import math
import re
from base64 import b32encode
from dataclasses import dataclass

import segno
from axes.models import AccessAttempt
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from . import selectors

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
STATIC_DEVICE_NAME = "Mã dự phòng"
RESET_ACTION = "trust.second_factor_reset"
UNLOCK_ACTION = "trust.login_unlock"

_TOTP_CODE = re.compile(r"\d{6}")
_BACKUP_CODE = re.compile(r"[a-z2-7]{8}")


def normalise_code(code: str) -> str:
    """People type codes with spaces or dashes, backup codes in capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()


def is_code_shaped(code: str) -> bool:
    code = normalise_code(code)
    return bool(_TOTP_CODE.fullmatch(code) or _BACKUP_CODE.fullmatch(code))


@dataclass(frozen=True)
class CodeCheck:
    """The device that accepted the code, or why none did (`wait_seconds`: throttled)."""

    device: Device | None
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        return self.device is not None


def _wait_seconds(device: Device) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))


def _check(user: AbstractBaseUser, devices: list[Device], code: str) -> CodeCheck:
    wait = 0
    for device in devices:
        if seconds := _wait_seconds(device):
            # django-otp's exponential back-off: the code is not even tried.
            wait = max(wait, seconds)
            continue
        if verified := verify_token(user, device.persistent_id, code):
            return CodeCheck(verified)
    return CodeCheck(None, wait)


def code_check(*, user: AbstractBaseUser, code: str) -> CodeCheck:
    """A 6-digit code goes to the user's authenticator devices, an 8-character one to their
    backup codes (used up on success): a code of one kind never counts against the other."""
    code = normalise_code(code)
    if _TOTP_CODE.fullmatch(code):
        return _check(user, selectors.totp_devices(user), code)
    if _BACKUP_CODE.fullmatch(code):
        return _check(user, selectors.static_devices(user), code)
    return CodeCheck(None)


def enrolment_device(*, user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as a QR code in a data: URI (no external service, no inline markup)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2, dark="#000", light="#fff")


@transaction.atomic
def enrolment_confirm(*, user: AbstractBaseUser, device: TOTPDevice, code: str) -> CodeCheck:
    """Confirm the device with one code from the app; other unconfirmed devices go."""
    code = normalise_code(code)
    if seconds := _wait_seconds(device):
        return CodeCheck(None, seconds)
    if not (_TOTP_CODE.fullmatch(code) and device.verify_token(code)):
        return CodeCheck(None)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return CodeCheck(device)


@transaction.atomic
def backup_codes_generate(*, user: AbstractBaseUser) -> list[str]:
    """New single-use backup codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=STATIC_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = []
    while len(codes) < BACKUP_CODE_COUNT:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=token) for token in codes])
    return codes


@transaction.atomic
def second_factor_reset(*, user: AbstractBaseUser, by: AbstractBaseUser) -> int:
    """Remove every device of `user` (they enrol again at their next admin request); logged."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    log(instance=user, action=RESET_ACTION, user=by, data={"devices": count})
    return count


@transaction.atomic
def login_unlock(*, attempt: AccessAttempt, by: AbstractBaseUser) -> None:
    """Lift one lockout (a username at one address) before its cool-off ends; logged."""
    data = {"username": attempt.username, "ip_address": attempt.ip_address, "failures": attempt.failures_since_start}
    log(instance=attempt, action=UNLOCK_ACTION, user=by, data=data)
    attempt.delete()
