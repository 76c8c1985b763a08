"""The poll on the home page's sidebar (core.panels, slot "home_sidebar")."""

from django.http import HttpRequest

from toasoan.core.abuse import HONEYPOT_FIELD

from . import selectors


def home_poll_context(request: HttpRequest) -> dict | None:
    """The current poll as a plain form (no CSRF or time token: the home page is shared)."""
    poll = selectors.home_poll()
    if poll is None:
        return None
    return {"poll": poll, "options": list(poll.options.all()), "honeypot_field": HONEYPOT_FIELD}
