"""The footer box linking to the subscribe page and the archive (core.panels, slot "footer")."""

from django.http import HttpRequest

from . import selectors


def footer_context(request: HttpRequest) -> dict:
    return {"archive": selectors.archive_page()}
