"""bin/nginx-config for several application servers and for https: every server in the upstream,
and with TLS, port 80 answers nothing but a redirect (a real nginx: a page in the cache files is
served over https and only redirected over http)."""

import os
import re
import ssl
import subprocess
import urllib.request

import pytest

from tests.servers import REPO, free_port, request
from tests.servers.nginx import BROTLI_MODULE, MIME_TYPES, _wait_for_port, require_nginx

pytestmark = pytest.mark.servers

ARGS = ["--listen", "127.0.0.1:8080", "--var", "/var/lib/toasoan"]


def render(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [REPO / "bin" / "nginx-config", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


def upstream_block(config: str) -> list[str]:
    block = re.search(r"upstream toasoan_app \{(.*?)\}", config, re.S).group(1)
    return re.findall(r"^\s*server (\S+) ", block, re.M)


def test_every_application_server_is_in_the_upstream():
    config = render(*ARGS, "--upstream", "10.0.0.11:8000,10.0.0.12:8000,[::1]:8001").stdout
    assert upstream_block(config) == ["10.0.0.11:8000", "10.0.0.12:8000", "[::1]:8001"]
    assert "@UPSTREAM@" not in config and "@TLS@" not in config
    assert "ssl" not in re.findall(r"listen [^;]*;", config)[0]

    # TOASOAN_UPSTREAMS when --upstream is not given; the option wins over it.
    from_env = render(*ARGS, env={"TOASOAN_UPSTREAMS": "10.0.0.21:8000,10.0.0.22:8000"}).stdout
    assert upstream_block(from_env) == ["10.0.0.21:8000", "10.0.0.22:8000"]
    both = render(*ARGS, "--upstream", "10.0.0.31:8000", env={"TOASOAN_UPSTREAMS": "10.0.0.21:8000"}).stdout
    assert upstream_block(both) == ["10.0.0.31:8000"]

    for bad in ("10.0.0.11:8000,10.0.0.12", "10.0.0.11:8000;evil", "10.0.0.11:8000,,", ""):
        result = render(*ARGS, "--upstream", bad, env={"TOASOAN_UPSTREAMS": ""})
        assert result.returncode == 2 and result.stdout == "", bad
    assert render(*ARGS, "--upstream", "a:1", "--tls-certificate", "/etc/ssl/x.pem").returncode == 2


def test_with_https_port_80_only_redirects(tmp_path):
    binary = require_nginx()
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    var = tmp_path / "var"
    page = var / "pagecache" / "g-1" / "127.0.0.1" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<!doctype html><title>Trang chủ</title>")
    (var / "pagecache" / "current").symlink_to("g-1")
    (var / "stats").mkdir()
    https_port, http_port = free_port(), free_port()
    config = render(
        "--listen", f"127.0.0.1:{https_port}", "--redirect-listen", f"127.0.0.1:{http_port}",
        "--upstream", f"127.0.0.1:{free_port()}", "--var", str(var),
        "--tls-certificate", str(cert), "--tls-key", str(key),
    )  # fmt: skip
    assert config.returncode == 0, config.stderr
    (tmp_path / "toasoan.conf").write_text(config.stdout)
    (tmp_path / "nginx.conf").write_text(
        f"load_module {BROTLI_MODULE};\ninclude {REPO}/deploy/nginx/main.conf;\n"
        + ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        + f"http {{ include {MIME_TYPES}; access_log off; client_body_temp_path {tmp_path}/body; "
        + f"proxy_temp_path {tmp_path}/proxy; include {tmp_path}/toasoan.conf; }}\n"
    )
    command = [binary, "-p", f"{tmp_path}/", "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")]
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_for_port(https_port, process, 15)
        _wait_for_port(http_port, process, 15)
        context = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(f"https://127.0.0.1:{https_port}/", context=context, timeout=10) as response:
            assert response.headers["X-Cache"] == "nginx"
            assert "Trang chủ" in response.read().decode()
            assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"

        for path in ("/", "/tin-tuc/?page=2", "/admin/", "/static/x.css"):
            status, headers, body = request(f"http://127.0.0.1:{http_port}", path)
            assert status == 301 and headers["Location"] == f"https://127.0.0.1{path}", (path, status)
            assert "Trang chủ" not in body.decode() and "X-Cache" not in headers
    finally:
        process.terminate()
        process.wait(timeout=10)
