"""Counting page views where they are served. Two hooks into the page cache:
- `CountingApp` wraps Django inside the page cache (publishing.pagecache.register_wrapper): it
  sees every page Django renders, misses included, and reads the status and headers as they pass;
- `hit_counter` is told of each page the cache serves itself, HIT or STALE
  (publishing.pagecache.register_hit_listener): the hot path, so no extra WSGI layer and no
  header scan (the entry knows its content type). A cached page was a 200 when it was stored."""

from .counter import Counter, Flusher
from .rules import counted_response, is_entry, page_request


class CountingApp:
    def __init__(
        self, app, counter: Counter, flusher: Flusher | None, excluded_prefixes: tuple[str, ...], session_cookie: str
    ) -> None:
        self.app = app
        self.counter = counter
        self.flusher = flusher
        self.excluded_prefixes = excluded_prefixes
        self.session_cookie = session_cookie

    def __call__(self, environ: dict, start_response):
        target = page_request(environ, self.excluded_prefixes, self.session_cookie)
        if target is None:
            return self.app(environ, start_response)

        flusher = self.flusher

        def counting_start_response(status: str, headers: list, exc_info=None):
            if counted_response(status, headers):
                host, path = target
                self.counter.add(host, path, is_entry(environ.get("HTTP_REFERER", ""), host.lower()))
                if flusher is not None and not flusher.started:
                    flusher.ensure_started()
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return self.app(environ, counting_start_response)


def hit_counter(counter: Counter, flusher: Flusher | None, excluded_prefixes: tuple[str, ...], session_cookie: str):
    add = counter.add

    def on_hit(environ: dict, entry) -> None:
        if not entry.content_type.startswith("text/html"):
            return
        target = page_request(environ, excluded_prefixes, session_cookie)
        if target is None:
            return
        host, path = target
        add(host, path, is_entry(environ.get("HTTP_REFERER", ""), host.lower()))
        if flusher is not None and not flusher.started:
            flusher.ensure_started()

    return on_hit
