"""HTTP caching headers, decided inside Django where the response is known.

A response may be shared (by our page cache, nginx or a CDN) only if it is an anonymous GET/HEAD
200 that sets no cookie and does not vary by cookie. Everything else is private."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


class CacheHeadersMiddleware:
    """Must be first in MIDDLEWARE: it has to see the cookies and Vary the others add."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view decided (Wagtail admin: never_cache)
        if is_shareable(request, response):
            # Without a session cookie the page is the same for every reader, even if a template
            # looked at request.user (Wagtail's userbar does). Shared caches bypass on that cookie.
            _drop_vary_cookie(response)
            # Browsers revalidate every time (cheap: 304); shared caches may keep a page 1 s, the
            # freshness promised after a correction, and serve it stale while we are down.
            patch_cache_control(response, public=True, max_age=0, s_maxage=1, stale_if_error=86400)
            patch_vary_headers(response, ("Accept-Encoding",))
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


def is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A CSRF token in the page is tied to this reader's cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # Views opt out for responses that must not multiply in caches (e.g. out-of-range pages).
        and getattr(request, "page_cacheable", True)
    )


def _drop_vary_cookie(response: HttpResponse) -> None:
    kept = [v.strip() for v in response.get("Vary", "").split(",") if v.strip() and v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]
