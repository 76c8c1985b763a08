"""The footer counter (core.panels, slot "footer"). The footer is part of every cached page, and
saving counts never invalidates the cache (page_cache_ignore): the numbers shown are those of the
moment the page was last rendered, refreshed whenever the cache generation changes (any publish)."""

from django.http import HttpRequest

from . import selectors
from .counting import config


def footer_counter_context(request: HttpRequest) -> dict | None:
    if not config()["FOOTER"]:
        return None
    return {"totals": selectors.totals()}
