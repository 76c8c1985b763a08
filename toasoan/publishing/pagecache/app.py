"""The page cache as a WSGI wrapper around Django: a hit is answered before URL routing,
middleware and the ORM ever run.

A miss goes to Django. Its response is stored only if Django marked it `Cache-Control: public`
(publishing.middleware decides that) and it sets no cookie. When Django fails (database down,
SQLite unreadable), the last good copy of the page is served instead of the error."""

import time
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime

from .entry import Entry, build, extension_for
from .keys import KeyRules, key_for, preferred_encoding

_ALLOWED_VARY = {"accept-encoding", "accept-language", ""}
_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


class PageCacheApp:
    def __init__(
        self,
        app,
        store,
        rules: KeyRules,
        max_bytes: int,
        on_hit: Callable | None = None,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.app = app
        self.store = store
        self.rules = rules
        self.max_bytes = max_bytes
        self.on_hit = on_hit  # told of every page served from the cache (HIT, STALE): pagecache.register_hit_listener
        # Served with their current values, whatever was stored: pagecache.register_headers.
        self.headers = list(headers or [])
        self.header_names = frozenset(name.lower() for name, _ in self.headers)

    def __call__(self, environ: dict, start_response):
        key = key_for(environ, self.rules)
        if key is None:
            return self.app(environ, start_response)
        generation = self.store.generation(key.host)
        entry = self.store.get(generation, key)
        if entry is not None:
            if self.on_hit is not None:
                self.on_hit(environ, entry)
            return _serve(entry, self._replayed(entry), environ, start_response, "HIT")

        captured: dict = {}
        if environ["REQUEST_METHOD"] == "GET":
            # This render may be stored: it must read the primary, not a replica that may not have
            # replayed the commit that began this generation (toasoan/core/replicas.py).
            environ["toasoan.page_cache_render"] = True

        def capture(status: str, headers: list, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return _no_write

        result = self.app(environ, capture)
        status, headers = captured["status"], captured["headers"]
        if environ["REQUEST_METHOD"] == "GET" and self._storable(status, headers):
            try:
                body = b"".join(result)
            finally:
                _close(result)
            if len(body) <= self.max_bytes:
                entry = build(body, headers, time.time())
                self.store.put(generation, key, entry)
                return _serve(entry, self._replayed(entry), environ, start_response, "MISS")
            start_response(status, headers + [("X-Cache", "MISS")])
            return [body]
        if status[:1] == "5":
            stale = self.store.get_static(key)
            if stale is not None:
                _close(result)
                if self.on_hit is not None:
                    self.on_hit(environ, stale)
                return _serve(stale, self._replayed(stale), environ, start_response, "STALE")
        start_response(status, headers + [("X-Cache", "BYPASS")])
        return result

    def _replayed(self, entry: Entry) -> list[tuple[str, str]]:
        """The entry's stored headers with the registered ones in their current values. Worked out
        once per entry object: the memory tier serves the same object again and again."""
        cached = entry.replayed
        if cached is not None and cached[0] is self:
            return cached[1]
        replayed = [h for h in entry.headers if h[0].lower() not in self.header_names] + self.headers
        entry.replayed = (self, replayed)
        return replayed

    def _storable(self, status: str, headers: list[tuple[str, str]]) -> bool:
        if not status.startswith("200"):
            return False
        content_type, cache_control, vary = "", "", []
        for name, value in headers:
            lower = name.lower()
            if lower == "set-cookie" or lower == "content-encoding":
                return False
            if lower == "content-type":
                content_type = value
            elif lower == "cache-control":
                cache_control = value.lower()
            elif lower == "vary":
                vary += [v.strip().lower() for v in value.split(",")]
        directives = {d.strip().split("=", 1)[0] for d in cache_control.split(",")}
        return (
            "public" in directives
            and not directives & {"private", "no-store", "no-cache"}
            and set(vary) <= _ALLOWED_VARY
            and extension_for(content_type) is not None
        )


def _serve(entry: Entry, replayed: list[tuple[str, str]], environ: dict, start_response, state: str):
    last_modified = formatdate(entry.last_modified, usegmt=True)
    headers = [
        ("Content-Type", entry.content_type),
        ("ETag", entry.etag),
        ("Last-Modified", last_modified),
        ("Vary", "Accept-Encoding"),
        ("X-Cache", state),
        *replayed,
    ]
    if (environ.get("HTTP_IF_NONE_MATCH") or environ.get("HTTP_IF_MODIFIED_SINCE")) and _not_modified(entry, environ):
        start_response("304 Not Modified", headers[1:])
        return []
    encoding = preferred_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
    if encoding == "br":
        body = entry.brotli
        headers.append(("Content-Encoding", "br"))
    elif encoding == "gzip":
        body = entry.gzip
        headers.append(("Content-Encoding", "gzip"))
    else:
        body = entry.body
    headers.append(("Content-Length", str(len(body))))
    start_response("200 OK", headers)
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]


def _not_modified(entry: Entry, environ: dict) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        # Weak comparison (RFC 9110 13.1.2): W/"x" matches "x" and W/"x".
        ours = entry.etag.removeprefix("W/")
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or ours in tags
    try:
        since = parsedate_to_datetime(environ["HTTP_IF_MODIFIED_SINCE"]).timestamp()
    except (TypeError, ValueError, IndexError):
        return False
    return entry.last_modified <= since


def _close(result) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()


def _no_write(data: bytes) -> None:
    raise RuntimeError("The page cache does not support the WSGI write() callable.")
