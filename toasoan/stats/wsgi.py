"""The WSGI wrapper that counts page views. It sits outside the page cache
(publishing.pagecache.register_wrapper), so it sees every answer: cache hits, misses, outage
copies (STALE) and pages Django rendered. It only reads the status and headers as they pass."""

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
