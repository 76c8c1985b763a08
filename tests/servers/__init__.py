"""Real servers for tests and benchmarks: the portal run by its own commands (bin/prepare,
bin/serve) on a throw-away var directory, and a publisher process that changes content the way an
editor does, against the same database. nginx in front is in nginx.py.

Nothing here imports Django or pytest at module level: bench/ uses it as well."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until `url` answers 200; fails early if `process` exits meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def portal_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment bin/prepare and bin/serve get in tests: dev settings on `var_dir`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
        "TOASOAN_VAR_DIR": str(var_dir),
        "TOASOAN_ADMIN_PASSWORD": "server-test-password",
        "DJANGO_LOG_LEVEL": "ERROR",
        **extra,
    }


def prepare(env: dict[str, str]) -> None:
    """bin/prepare: migrate, collectstatic, demo content."""
    result = subprocess.run([REPO / "bin" / "prepare"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"bin/prepare failed:\n{result.stdout}\n{result.stderr}")


@dataclass
class Server:
    """A server process in its own process group (so stop() also ends its children)."""

    command: Sequence[str | os.PathLike]
    env: dict[str, str]
    url: str
    log_path: Path
    ready_path: str = "/"
    process: subprocess.Popen | None = field(default=None, init=False)

    def start(self, timeout: float = 60) -> "Server":
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                list(self.command), cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            wait_until_up(self.url + self.ready_path, self.process, timeout)
        except Exception as error:
            self.stop()
            raise RuntimeError(f"{error}; log {self.log_path}:\n{self.log_tail()}") from error
        return self

    def stop(self, timeout: float = 20) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except FileNotFoundError:
            return ""

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def portal(env: dict[str, str], port: int, log_path: Path, workers: int = 2) -> Server:
    """bin/serve (granian and the scheduler) on 127.0.0.1:`port`; call start()."""
    env = {**env, "TOASOAN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    return Server([REPO / "bin" / "serve"], env, f"http://127.0.0.1:{port}", log_path)


def gunicorn(env: dict[str, str], port: int, log_path: Path, workers: int) -> Server:
    """The web server of bin/serve alone (sync workers, no scheduler, no access log)."""
    command = [VENV_BIN / "gunicorn", "toasoan.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--graceful-timeout", "10", "--timeout", "60"]
    return Server(command, env, f"http://127.0.0.1:{port}", log_path)


def granian(env: dict[str, str], port: int, log_path: Path, workers: int, *options: str) -> Server:
    command = [VENV_BIN / "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--blocking-threads", "1", *options, "toasoan.wsgi:application"]
    return Server(command, env, f"http://127.0.0.1:{port}", log_path)


def request(
    url: str, path: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One HTTP request, no redirects followed and no decoding: (status, headers, raw body)."""
    host, _, port = url.removeprefix("http://").partition(":")
    connection = http.client.HTTPConnection(host, int(port or 80), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


# Publishing from another process, as an editor in the admin would ---------------------------------
_PUBLISHER = """
import sys
sys.path.insert(0, {repo!r})
from tests.servers import publisher_main
publisher_main()
"""


class Publisher:
    """A long-lived Django process on the portal's database that publishes on request.

    Django is set up once, before the first publish, so a publish costs what it costs an editor:
    a revision, its publication and the commit hooks (cache invalidation, search index)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _PUBLISHER.format(repo=str(REPO))],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._call({"op": "ping"})

    def _call(self, command: dict) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"publisher exited with {self.process.wait()}")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def publish_title(self, path: str, title: str) -> None:
        """Give the live page at `path` (e.g. "/section/slug/") a new title and publish it."""
        self._call({"op": "publish_title", "path": path, "title": title})

    def call(self, function: str, **kwargs):
        """Run `function` ("package.module.name", importable from the repository) in the
        publisher's Django process with JSON `kwargs`; returns its JSON result."""
        return self._call({"op": "call", "function": function, "kwargs": kwargs})["result"]

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=20)

    def __enter__(self) -> "Publisher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def publisher_main() -> None:
    """The publisher process: one JSON command a line on stdin, one JSON answer a line on stdout."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    django.setup()
    from wagtail.models import Page, Site

    out = sys.stdout
    sys.stdout = sys.stderr  # whatever else prints must not break the protocol
    for line in sys.stdin:
        command = json.loads(line)
        try:
            if command["op"] == "publish_title":
                root = Site.objects.get(is_default_site=True).root_page
                url_path = root.url_path + command["path"].lstrip("/")
                page = Page.objects.get(url_path=url_path).specific
                page.title = command["title"]
                page.save_revision().publish()
                answer: dict = {"ok": True}
            elif command["op"] == "call":
                import importlib

                module, _, name = command["function"].rpartition(".")
                result = getattr(importlib.import_module(module), name)(**command["kwargs"])
                answer = {"ok": True, "result": result}
            else:
                answer = {"ok": True}
        except Exception as error:  # report it, keep serving
            answer = {"error": f"{type(error).__name__}: {error}"}
        out.write(json.dumps(answer) + "\n")
        out.flush()
