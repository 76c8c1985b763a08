"""The multi-server configuration on loopback (docs/multi-server.md): PostgreSQL, Redis, N
application servers and nginx in front of them all.

    with Cluster(tmp_dir) as cluster:          # or cluster = Cluster(tmp_dir).start(n_app_servers=2)
        cluster.url                            # nginx: http://127.0.0.1:<port>
        cluster.app_urls                       # each application server, directly
        cluster.scale(1)                       # restart with another number of servers

Each application server is the project's own command (bin/serve: granian, the scheduler and the
task worker) with its own var directory, as on separate machines. What they share is what several
machines share: the database, Redis (cache, sessions, page cache, locks, queue), the media
directory (nginx serves it: TOASOAN_SERVE_MEDIA=0) and the secret key. bin/prepare runs once,
against PostgreSQL, in the shared directory nginx serves static files and media from.

Used by the browser tests (tests/browser/conftest.py: portal_url), tests/cluster and
bench/scale.py. Nothing here imports Django or pytest at module level."""

import atexit
import os
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

from tests import postgres as pg
from tests import redis as rd

from . import REPO, VENV_BIN, Server, free_port, portal_env, prepare
from .nginx import Nginx, nginx_binary

ADMIN_PASSWORD = "test-admin-password"  # of the demo's "admin" (load_demo)
# The test session's cluster (session_cluster): the API limit is low enough for tests/cluster to
# reach it in a few requests; the browser tests make far fewer API requests from their address.
SESSION_ENV = {"TOASOAN_API_RATE": "10/min"}


class Cluster:
    """PostgreSQL + Redis + `n_app_servers` × bin/serve + nginx, all on 127.0.0.1.

    - `env`: extra environment for every process (bin/prepare, the servers, manage()); e.g.
      {"TOASOAN_API_RATE": "10/min"}. It overrides the cluster's defaults.
    - `workers`: granian worker processes per application server (WEB_CONCURRENCY).
    - `command`: the script under bin/ that runs one application server ("serve": web, scheduler
      and worker; "web": granian only, for benchmarks).
    - `database`, `redis`: servers to use instead of starting new ones (they are not stopped).
    - `prepare`: run bin/prepare (migrate, collectstatic, demo content) once at start. Without it
      the database and `directory`/shared must already be prepared (bench/ loads its own data)."""

    def __init__(
        self,
        directory: Path,
        *,
        env: Mapping[str, str] | None = None,
        workers: int = 1,
        command: str = "serve",
        database: pg.TempPostgres | None = None,
        redis: rd.TempRedis | None = None,
        prepare: bool = True,
    ) -> None:
        self.directory = Path(directory)
        self.extra_env = dict(env or {})
        self.workers = workers
        self.command = command
        self.postgres = database
        self.redis = redis
        self._own_postgres = database is None
        self._own_redis = redis is None
        self._prepare = prepare
        self.nginx: Nginx | None = None
        self.apps: list[Server] = []
        self.env: dict[str, str] = {}
        self.nginx_port = free_port()

    # Where things are -------------------------------------------------------------------------
    @property
    def shared(self) -> Path:
        """The var directory bin/prepare fills and nginx serves (static, media)."""
        return self.directory / "shared"

    @property
    def url(self) -> str:
        """nginx, in front of every application server."""
        return f"http://127.0.0.1:{self.nginx_port}"

    @property
    def app_urls(self) -> list[str]:
        return [app.url for app in self.apps]

    def app_var(self, number: int) -> Path:
        return self.directory / f"app-{number}"

    # Life cycle -------------------------------------------------------------------------------
    def start(self, n_app_servers: int = 2) -> "Cluster":
        try:
            self._start_databases()
            self.env = self._base_env()
            if self._prepare:
                prepare(self.env)
            self._start_apps(n_app_servers)
            self.nginx = Nginx(self.directory / "nginx", self._upstreams(), self.shared, port=self.nginx_port)
            self.nginx.start()
            self.nginx.wait_until_up("/")
        except BaseException:
            self.stop()
            raise
        return self

    def scale(self, n_app_servers: int) -> None:
        """Replace the application servers by `n_app_servers` new ones and point nginx at them
        (a configuration reload: nginx keeps listening)."""
        self._stop_apps()
        self._start_apps(n_app_servers)
        assert self.nginx is not None and self.nginx.process is not None
        self.nginx.upstream = self._upstreams()
        self.nginx.write_config()
        old_workers = _children(self.nginx.process.pid)
        os.kill(self.nginx.process.pid, signal.SIGHUP)
        _wait_for(lambda: not (_children(self.nginx.process.pid) & old_workers), 15, "nginx reload")

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        self._stop_apps()
        if self.redis is not None and self._own_redis:
            self.redis.stop()
        if self.postgres is not None and self._own_postgres:
            self.postgres.stop()

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # Running things against the cluster --------------------------------------------------------
    def manage(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        """manage.py `args` with the cluster's configuration (output captured, as text)."""
        result = subprocess.run(
            [VENV_BIN / "python", "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def logs(self, chars: int = 3000) -> str:
        """The tails of every server's log, for failure messages."""
        parts = [f"--- {app.url}\n{app.log_tail(chars)}" for app in self.apps]
        if self.nginx is not None:
            parts.append(f"--- nginx\n{self.nginx.error_log()[-chars:]}")
        return "\n".join(parts)

    # Inside -----------------------------------------------------------------------------------
    def _start_databases(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.postgres is None:
            self.postgres = pg.start_server()
        if self.redis is None:
            self.redis = rd.start_server()

    def _base_env(self) -> dict[str, str]:
        assert self.postgres is not None and self.redis is not None
        self.shared.mkdir(parents=True, exist_ok=True)
        key_file = self.directory / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
        defaults = {
            "TOASOAN_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "DJANGO_SECRET_KEY": key_file.read_text(),
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": self.redis.url,
            "TOASOAN_PAGE_CACHE_STORE": "redis",
            "TOASOAN_SERVE_MEDIA": "0",
            "TOASOAN_MEDIA_ROOT": str(self.shared / "media"),
            "TOASOAN_PRIVATE_MEDIA_ROOT": str(self.shared / "private"),
            # Readers come through nginx: pages rendered for no reader (outage copies) link there.
            "TOASOAN_PUBLIC_PORT": str(self.nginx_port),
        }
        return {**portal_env(self.shared), **defaults, **self.extra_env}  # `env` wins, DATABASE_URL too

    def _start_apps(self, count: int) -> None:
        servers = []
        for number in range(1, count + 1):
            var = self.app_var(number)
            var.mkdir(parents=True, exist_ok=True)
            static = var / "static"
            if not static.exists():
                static.symlink_to(self.shared / "static")  # collectstatic of the same release
            port = free_port()
            env = {
                **self.env,
                "TOASOAN_VAR_DIR": str(var),
                "TOASOAN_BIND": f"127.0.0.1:{port}",
                "WEB_CONCURRENCY": str(self.workers),
            }
            server = Server([REPO / "bin" / self.command], env, f"http://127.0.0.1:{port}", var / "server.log")
            servers.append(server)
        self.apps = servers
        # Started side by side: each waits for its first 200 while the others boot.
        for server in servers:
            with server.log_path.open("ab") as log:
                server.process = subprocess.Popen(
                    [str(part) for part in server.command],
                    cwd=REPO,
                    env=server.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        for server in servers:
            try:
                _wait_until_up(server)
            except Exception as error:
                raise RuntimeError(f"{error}; log {server.log_path}:\n{server.log_tail()}") from error

    def _stop_apps(self) -> None:
        for app in self.apps:
            app.stop()
        self.apps = []

    def _upstreams(self) -> str:
        return ",".join(url.removeprefix("http://") for url in self.app_urls)


_session: dict = {}


def session_cluster(tmp_path_factory) -> Cluster:
    """The test session's cluster, started on first use and stopped when the session ends: the
    browser tests (portal_url) and tests/cluster share it, so bin/prepare and the servers start
    once. Without PostgreSQL, Redis or nginx: skipped, or failed under bin/test and CI."""
    import pytest

    if "error" in _session:
        pytest.fail(f"the test cluster did not start: {_session['error']}")
    if "cluster" not in _session:
        reason = available()
        if reason is not None:
            if pg.required() or rd.required() or _nginx_required():
                pytest.fail(reason)
            pytest.skip(f"{reason} (or TOASOAN_BROWSER_TOPOLOGY=single for the browser tests)")
        try:
            cluster = Cluster(tmp_path_factory.mktemp("cluster"), env=SESSION_ENV).start()
        except Exception as error:
            _session["error"] = error
            raise
        atexit.register(cluster.stop)
        _session["cluster"] = cluster
    return _session["cluster"]


def _nginx_required() -> bool:
    from .nginx import required

    return required()


def available() -> str | None:
    """Why a cluster cannot start here, or None when it can (PostgreSQL, Redis and nginx)."""
    if pg.find_bin_dir() is None:
        return pg.INSTALL_HINT
    if shutil.which("redis-server") is None:
        return "redis-server is not installed: bin/test installs it (apt-get install redis-server)."
    if nginx_binary() is None:
        return "nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static)."
    return None


def _wait_until_up(server: Server, timeout: float = 90) -> None:
    from . import wait_until_up

    assert server.process is not None
    wait_until_up(server.url + server.ready_path, server.process, timeout)


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not done within {timeout}s")
        time.sleep(0.05)
