"""Test helpers: the admin requires a session verified by a second factor (toasoan/trust/staff)."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def staff_login(client: Client, user) -> TOTPDevice:
    """Log `user` in as after both steps: password, then a TOTP code from a confirmed device."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Thiết bị thử nghiệm", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or `steps_ahead` steps of 30 s later)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def password_login(client: Client, username: str, password: str, *, ip: str = "192.0.2.10", **extra):
    """Post Wagtail's login form as a browser at `ip` would (REMOTE_ADDR; extra headers in `extra`)."""
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)
