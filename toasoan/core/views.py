import sys

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .abuse import STARTED_FIELD, form_token


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


@never_cache
@require_GET
def form_started(request: HttpRequest) -> HttpResponse:
    """A fresh signed start time for a form on a cached page (site.js asks for it when the reader
    first focuses the form): cached pages cannot carry a render-time token. Without JavaScript the
    form goes without one, and core.abuse.check_form flags the submission for moderation."""
    return JsonResponse({"field": STARTED_FIELD, "token": form_token()})


def media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    """Uploads on single-server installs (TOASOAN_SERVE_MEDIA). A name the file system refuses
    (too long, a NUL byte) names no file: a 404, where django.views.static.serve raises."""
    try:
        return static.serve(request, path, document_root=document_root)
    except (OSError, ValueError):
        raise Http404("Không có tệp này.") from None
