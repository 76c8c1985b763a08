"""Signed links (django.core.signing): they name the subscriber's random key, never the address
(URLs end up in access logs). Confirmation links expire; unsubscribe and preference links, which
every mail carries, do not (RFC 8058 expects them to keep working)."""

import datetime
import uuid
from dataclasses import dataclass

from django.core import signing

from . import conf

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
PREFERENCES = "preferences"
_PURPOSES = (CONFIRM, UNSUBSCRIBE, PREFERENCES)


class InvalidToken(Exception):
    """Forged, tampered with, or made for another purpose."""


class ExpiredToken(InvalidToken):
    pass


@dataclass(frozen=True)
class Claim:
    key: uuid.UUID
    consent_id: int | None = None


def _salt(purpose: str) -> str:
    assert purpose in _PURPOSES
    return f"toasoan.newsletter.{purpose}"


def make(purpose: str, key: uuid.UUID, consent_id: int | None = None) -> str:
    payload = {"k": key.hex}
    if consent_id is not None:
        payload["c"] = consent_id
    return signing.dumps(payload, salt=_salt(purpose))


def read(purpose: str, token: str) -> Claim:
    max_age = datetime.timedelta(days=conf.get("CONFIRM_MAX_AGE_DAYS")) if purpose == CONFIRM else None
    try:
        payload = signing.loads(token, salt=_salt(purpose), max_age=max_age)
    except signing.SignatureExpired as expired:
        raise ExpiredToken from expired
    except signing.BadSignature as bad:
        raise InvalidToken from bad
    try:
        key = uuid.UUID(hex=payload["k"])
        consent_id = payload.get("c")
        if consent_id is not None and not isinstance(consent_id, int):
            raise TypeError
    except (KeyError, TypeError, ValueError, AttributeError) as bad:
        raise InvalidToken from bad
    if purpose == CONFIRM and consent_id is None:
        raise InvalidToken
    return Claim(key, consent_id)
