"""nginx, unprivileged, with the shipped configuration (deploy/nginx via bin/nginx-config).

A minimal main nginx.conf in a temporary directory (pid, logs and temporary files there too)
includes the server block bin/nginx-config prints, plus optional extra http-level text (the
benchmark adds comparison servers)."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from . import REPO, free_port, wait_until_up

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")

MAIN_CONF = """\
load_module {brotli};
pcre_jit on;
{user}worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/toasoan.conf;
{extra}
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def required() -> bool:
    """Whether a missing nginx must fail the run instead of skipping (CI, bin/test)."""
    return os.environ.get("CI", "").lower() == "true" or bool(os.environ.get("TOASOAN_REQUIRE_NGINX"))


def require_nginx() -> str:
    """The nginx binary. In tests: skipped without nginx, unless required() (then they fail)."""
    import pytest

    binary = nginx_binary()
    if binary is None:
        if required():
            pytest.fail("nginx is not installed (CI or TOASOAN_REQUIRE_NGINX: it is required).")
        pytest.skip("nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static).")
    if not BROTLI_MODULE.exists():
        pytest.fail(f"{BROTLI_MODULE} is missing: apt-get install libnginx-mod-http-brotli-static.")
    return binary


def render_config(listen: str, upstream: str, var_dir: Path, server_name: str = "_") -> str:
    """What bin/nginx-config prints for these values."""
    command = [REPO / "bin" / "nginx-config", "--listen", listen, "--upstream", upstream, "--var", str(var_dir)]
    command += ["--server-name", server_name]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


class Nginx:
    """nginx on 127.0.0.1:`port` in front of `upstream` ("127.0.0.1:8000"), serving `var_dir`."""

    def __init__(
        self, directory: Path, upstream: str, var_dir: Path, port: int | None = None, extra_http: str = ""
    ) -> None:
        self.directory = Path(directory)
        self.upstream = upstream
        self.var_dir = Path(var_dir)
        self.port = port or free_port()
        self.extra_http = extra_http
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    @property
    def conf(self) -> Path:
        return self.directory / "nginx.conf"

    def write_config(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "toasoan.conf").write_text(
            render_config(f"127.0.0.1:{self.port}", self.upstream, self.var_dir)
        )
        # As root, the workers would switch to "nobody" and could not read a 0700 temporary var.
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.conf.write_text(
            MAIN_CONF.format(
                brotli=BROTLI_MODULE,
                user=user,
                dir=self.directory,
                mime_types=MIME_TYPES,
                extra=self.extra_http,
            )
        )

    def _command(self, binary: str, *args: str) -> list[str]:
        prefix = str(self.directory) + "/"
        return [binary, "-p", prefix, "-e", str(self.directory / "error.log"), "-c", str(self.conf), *args]

    def start(self, binary: str | None = None, timeout: float = 15) -> "Nginx":
        binary = binary or nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed")
        self.write_config()
        test = subprocess.run(self._command(binary, "-t", "-q"), capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        self.process = subprocess.Popen(
            self._command(binary, "-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=(self.directory / "stderr.log").open("ab"),
            start_new_session=True,
        )
        try:
            _wait_for_port(self.port, self.process, timeout)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGQUIT)  # graceful: workers finish their requests
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def error_log(self) -> str:
        path = self.directory / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_until_up(self, path: str = "/", timeout: float = 30) -> None:
        assert self.process is not None
        wait_until_up(self.url + path, self.process, timeout)

    def __enter__(self) -> "Nginx":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nginx did not listen on {port} within {timeout}s")
