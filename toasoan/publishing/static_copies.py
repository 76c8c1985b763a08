"""Outage copies of every published page, so the portal stays readable when the database is down.

Rendering a page through the cache writes its copy (pagecache/files.py). This job fills in the
pages nobody has requested since they were published: it renders them through the same WSGI
stack a reader goes through, a few at a time."""

import io
import logging

from django.conf import settings
from wagtail.models import Page, Site

from . import pagecache
from .pagecache.keys import PageKey

logger = logging.getLogger(__name__)


def missing_copies(hosts: dict[int, list[str]], limit: int) -> list[tuple[str, str]]:
    """(host, path) of live public pages whose outage copy is missing or older than the page, on
    the hosts of each site that serves it (`hosts`: site id -> host names, see site_hosts)."""
    store = pagecache.get_store()
    found: list[tuple[str, str]] = []
    pages = Page.objects.live().public().exclude(depth=1).only("url_path", "last_published_at", "path", "depth")
    sites = Site.get_site_root_paths()
    for page in pages.iterator(chunk_size=2000):
        published = page.last_published_at.timestamp() if page.last_published_at else 0
        for site_id, path in _paths_of(page, sites):
            for host in hosts.get(site_id, ()):
                mtime = store.static_mtime(PageKey(host=host, path=path))
                if mtime is None or mtime < published:
                    found.append((host, path))
                    if len(found) >= limit:
                        return found
    return found


def warm(limit: int = 200) -> int:
    """Render up to `limit` pages lacking an outage copy; returns how many were rendered."""
    from toasoan.wsgi import application

    todo = missing_copies(site_hosts(), limit)
    for host, path in todo:
        status = _render(application, host, path)
        if not status.startswith("200"):
            logger.info("Outage copy of %s%s not written: %s", host, path, status)
    return len(todo)


def site_hosts() -> dict[int, list[str]]:
    """The hosts readers reach each site by: its hostname; for the default site also the concrete
    ALLOWED_HOSTS and the hosts already seen that no site names."""
    sites = list(Site.objects.values_list("pk", "hostname", "is_default_site"))
    named = {hostname for _, hostname, _ in sites}
    others = {h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")}
    others = (others | set(pagecache.get_store().static_hosts())) - named
    return {pk: sorted({hostname} | (others if is_default else set())) for pk, hostname, is_default in sites}


def _paths_of(page: Page, sites) -> list[tuple[int, str]]:
    """(site id, path on that site) of every site serving the page: each whose root is above it."""
    return [
        (site.site_id, page.url_path[len(site.root_path) - 1 :])
        for site in sites
        if page.url_path.startswith(site.root_path)
    ]


def reader_environ(host: str, path: str) -> dict:
    """A GET as readers send it: the public scheme and port (TOASOAN_PUBLIC_SCHEME/_PORT). The
    page rendered here is served to them from the cache, absolute URLs (canonical, Open Graph,
    share links) included, and behind a TLS proxy a plain-http request would only be redirected."""
    scheme = settings.TOASOAN_PUBLIC_SCHEME
    port = settings.TOASOAN_PUBLIC_PORT or ("443" if scheme == "https" else "80")
    default_port = port == ("443" if scheme == "https" else "80")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "HTTP_HOST": host if default_port else f"{host}:{port}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header and scheme == "https":
        environ[proxy_header[0]] = proxy_header[1]  # what the TLS proxy in front adds
    return environ


def _render(application, host: str, path: str) -> str:
    environ = reader_environ(host, path)
    result: list[str] = []
    body = application(environ, lambda status, headers, exc_info=None: result.append(status))
    for _ in body:
        pass
    getattr(body, "close", lambda: None)()
    return result[0] if result else "000"
