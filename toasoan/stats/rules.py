"""What counts as a page view and as a visit. Pure functions of the request and response
headers (no Django request, no database): the WSGI counter runs them on every response, cache
hits included, and nginx's configuration repeats them (deploy/nginx/toasoan.conf, same patterns;
tests/test_nginx_log.py keeps the two in step).

A page view: a GET answered 200 or 304 (a reader's browser revalidating the page it already
has) for a page path (ending in "/"; feeds, sitemaps and files have an extension), not under
the admin, documents, media, static files or the API, from no logged-in editor (session cookie)
and no robot.

A visit, without cookies: a page view that enters the site, i.e. whose Referer is missing or from
another host. Moving from page to page sends this site's address as Referer (browsers' default
policy, strict-origin-when-cross-origin), so a reader who reads five pages makes one visit. A
bookmark, a typed address, a search engine or a Zalo share each start one."""

import re
from functools import lru_cache

# Lower-case substrings of robots' and tools' User-Agent headers. An empty User-Agent is a robot too.
BOT_PATTERN = (
    r"bot|crawl|spider|slurp|fetch|scan|monitor|preview|lighthouse|headless|phantom|python|curl|wget"
    r"|httpclient|okhttp|java/|go-http|axios|node-fetch|libwww|facebookexternalhit|zalo-link|bingpreview"
)
_BOT = re.compile(BOT_PATTERN)


@lru_cache(maxsize=2048)
def is_bot(user_agent: str) -> bool:
    """Cached: readers' browsers send a few hundred distinct strings, and the regex costs more than
    the whole cache hit (the cache lives in this process's memory only, never stored)."""
    return not user_agent or _BOT.search(user_agent.lower()) is not None


def is_entry(referer: str, host: str) -> bool:
    """Whether a view with this Referer starts a visit of `host` (missing or from elsewhere).
    String operations, not a regex: this runs on every counted view."""
    if not referer:
        return True
    scheme, separator, rest = referer.partition("://")
    if not separator or not scheme.isascii() or not scheme.isalpha():
        return True
    size = len(host)
    return not (rest[:size].lower() == host and (len(rest) == size or rest[size] in "/:?#"))


def page_request(environ: dict, excluded_prefixes: tuple[str, ...], session_cookie: str) -> tuple[str, str] | None:
    """(host, path) when this request would be a page view if answered 200/304, else None."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    path = environ.get("PATH_INFO", "")
    if not path.endswith("/") or path.startswith(excluded_prefixes) or len(path) > 1024:
        return None
    cookie = environ.get("HTTP_COOKIE")
    if cookie and session_cookie + "=" in cookie:
        return None  # an editor looking at the site
    if is_bot(environ.get("HTTP_USER_AGENT", "")):
        return None
    # As the client sent it ("Example.gov.vn:8080"): normalised once per flushed row, not per view.
    return environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""), path


def normal_host(host: str) -> str:
    """ "Example.gov.vn:8080" -> "example.gov.vn" (IPv6 literals are kept whole)."""
    host = host.lower()
    return host if host.startswith("[") else host.rsplit(":", 1)[0]


def counted_response(status: str, headers: list[tuple[str, str]]) -> bool:
    """A 200 HTML page, or a 304 (which carries no Content-Type: its path said it is a page)."""
    if status.startswith("304"):
        return True
    if not status.startswith("200"):
        return False
    for name, value in headers:
        if name == "Content-Type" or name.lower() == "content-type":
            return value.startswith("text/html")
    return False
