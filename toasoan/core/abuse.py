"""Anti-abuse for public forms, without a third-party captcha: a honeypot field, a minimum fill
time, the client's address behind trusted proxies, keyed hashes (to count per IP or per email
without keeping either) and near-duplicate detection.

Nothing here drops a submission: callers turn the reasons into "goes to moderation" or into a
clear Vietnamese refusal. Rate limits are counted by each app on its own rows (durable, shared by
every worker and server), with `keyed_hash` values as the key."""

import hashlib
import hmac
import ipaddress
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest

from .vietnamese import fold

HONEYPOT_FIELD = "website"  # hidden from people (CSS and aria-hidden); bots fill it in
STARTED_FIELD = "form_started"  # signed time the form was rendered
_SALT = "toasoan.core.abuse.form-token"


@dataclass(frozen=True)
class FormCheck:
    """What the guard fields say about one submission; `reasons` is empty when nothing is odd."""

    reasons: tuple[str, ...]

    @property
    def suspicious(self) -> bool:
        return bool(self.reasons)


def form_token() -> str:
    """A signed timestamp to put in a hidden field when the form is rendered."""
    return signing.Signer(salt=_SALT).sign(str(int(time.time() * 1000)))  # milliseconds, rounded down


def check_form(data, *, min_seconds: float | None = None, max_age: float | None = None) -> FormCheck:
    """Honeypot filled, form sent faster than a person can, token missing, forged or too old."""
    min_seconds = settings.TOASOAN_FORM_MIN_SECONDS if min_seconds is None else min_seconds
    max_age = settings.TOASOAN_FORM_MAX_AGE if max_age is None else max_age
    reasons = []
    if (data.get(HONEYPOT_FIELD) or "").strip():
        reasons.append("honeypot")
    try:
        age = time.time() - int(signing.Signer(salt=_SALT).unsign(data.get(STARTED_FIELD) or "")) / 1000
    except (signing.BadSignature, ValueError):
        reasons.append("token_invalid")
    else:
        if age > max_age:
            reasons.append("token_expired")
        elif age < min_seconds:
            reasons.append("too_fast")
    return FormCheck(tuple(reasons))


def client_ip(request: HttpRequest) -> str:
    """The reader's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxy added when
    the request came through one listed in TOASOAN_TRUSTED_PROXIES (nginx on the same host)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TOASOAN_TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return remote


def keyed_hash(kind: str, value: str) -> str:
    """HMAC of a normalised value (an IP, an email): countable, not reversible without the key."""
    key = hashlib.sha256(f"toasoan.abuse.{kind}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:40]


_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 3) -> frozenset[str]:
    """Word n-grams of the folded text (no diacritics, lower case), for near-duplicate checks."""
    words = _WORD.findall(fold(text).lower())
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' shingles: 1.0 for the same words in the same order."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 1.0 if sa == sb else 0.0
    return len(sa & sb) / len(sa | sb)


def is_near_duplicate(text: str, others, threshold: float | None = None) -> bool:
    """True when `text` is at least `threshold` similar to any of `others` (an iterable of texts)."""
    threshold = settings.TOASOAN_NEAR_DUPLICATE_THRESHOLD if threshold is None else threshold
    return any(similarity(text, other) >= threshold for other in others)


def same_site(request: HttpRequest) -> bool:
    """The POST comes from a page of this site: its Origin (or, without one, its Referer) names
    our host or a trusted origin. Browsers send Origin with every form POST and scripts on other
    sites cannot forge it, so this stops other sites from posting through their visitors: the guard
    for forms on cached pages, which cannot carry a CSRF token."""
    allowed = ({request.get_host().lower()} | {_netloc(o) for o in settings.CSRF_TRUSTED_ORIGINS}) - {""}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin != "null" and _netloc(origin) in allowed
    referer = request.headers.get("Referer")
    return bool(referer) and _netloc(referer) in allowed


def _netloc(url: str) -> str:
    """The URL's host and port, lower case; "" for what urlsplit refuses ("http://[", a bad IPv6
    literal), so a malformed header is a cross-site request, not a server error."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""
