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
