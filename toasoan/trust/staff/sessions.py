"""Staff session lifetime: an idle timeout and an absolute lifetime, both from settings."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest

STARTED_KEY = "trust.staff.started"
SEEN_KEY = "trust.staff.seen"
# Writing the session on every request costs a database write; a minute of slack is enough.
SEEN_RESOLUTION = 60


def expire_if_due(request: HttpRequest) -> bool:
    """Log out a session idle or old beyond the limits; True if it was. Records activity."""
    session = request.session
    if SESSION_KEY not in session:
        return False
    now = int(time.time())
    started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
    if started is None or seen is None:
        # Logged in just now (or before these limits existed): start counting.
        session[STARTED_KEY] = session[SEEN_KEY] = now
        return False
    if now - seen > settings.TOASOAN_STAFF_IDLE_SECONDS or now - started > settings.TOASOAN_STAFF_SESSION_SECONDS:
        logout(request)
        return True
    if now - seen >= SEEN_RESOLUTION:
        session[SEEN_KEY] = now
    return False
