"""A throwaway redis-server for tests, from Debian's package (bin/test installs it)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class RedisUnavailable(RuntimeError):
    pass


def required() -> bool:
    """Whether a missing server must fail the run instead of skipping (CI, bin/test)."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("TOASOAN_REQUIRE_REDIS") == "1"


@dataclass
class TempRedis:
    process: subprocess.Popen
    root: Path
    url: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> TempRedis:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisUnavailable("redis-server is not installed: bin/test installs it (apt-get install redis-server).")
    root = Path(tempfile.mkdtemp(prefix="toasoan-redis-"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return TempRedis(process=process, root=root, url=f"redis://127.0.0.1:{port}/0")
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RedisUnavailable("redis-server did not start within 20 s")
