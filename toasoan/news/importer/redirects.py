"""Old URLs as the site-relative paths Wagtail's redirects are stored and looked up by."""

from urllib.parse import parse_qsl, urlencode, urlparse

from django import http
from django.http import HttpRequest
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# Query parameters that never identify an article: dropped from redirect paths.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "zarsrc", "_ga", "inheritRedirect", "redirect")


def redirect_path(url: str) -> str:
    """The old URL as a site-relative path: the query is kept (minus tracking parameters) because old
    portals name articles by it (?id=123, ?gd=1&cn=28&tc=1)."""
    parsed = urlparse(url)
    query = [(k, v) for k, v in parse_qsl(parsed.query, keep_blank_values=True) if not k.startswith(TRACKING_PARAMS)]
    path = parsed.path or "/"
    return Redirect.normalise_path(path + ("?" + urlencode(query) if query else ""))


def query_redirect(request: HttpRequest) -> http.HttpResponse | None:
    """The redirect stored for this path and query, if any.

    Wagtail's RedirectMiddleware only answers 404s, but portals like the seed's served every article
    from their home page (/?gd=1&cn=28&tc=1), which exists here too: the home page asks this first.
    """
    redirect = get_redirect(request, redirect_path(request.get_full_path()))
    if redirect is None or redirect.link is None:
        return None
    response_class = http.HttpResponsePermanentRedirect if redirect.is_permanent else http.HttpResponseRedirect
    return response_class(redirect.link)
