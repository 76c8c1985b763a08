"""Call a WSGI application in-process, the way gunicorn or granian would."""

import io
from dataclasses import dataclass, field

from django.core import signals
from django.db import close_old_connections


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    header_list: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.body.decode()


def call(app, path: str = "/", method: str = "GET", host: str = "localhost", headers: dict | None = None) -> Response:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    started: dict = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers

    # As Django's test client does: a request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        result = app(environ, start_response)
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    header_list = started["headers"]
    return Response(
        status=int(started["status"].split()[0]),
        headers={k.lower(): v for k, v in header_list},
        body=body,
        header_list=header_list,
    )
