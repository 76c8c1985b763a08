import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler. A database outage is temporary: say so with a 503 and Retry-After.

    Both templates are standalone (no site settings, no menus): they must render with the
    database gone. Published pages are still served from the page cache meanwhile."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
