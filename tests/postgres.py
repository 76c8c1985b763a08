"""A throwaway PostgreSQL server for tests, run from Debian's server binaries.

start_server() initdb's a data directory in a new temporary directory, starts the server on a free
port of 127.0.0.1 (its unix socket stays in the temporary directory), creates a database and
returns a TempPostgres whose `dsn` connects to it; stop() stops the server and removes the
directory. start_replica(primary) adds a hot standby streaming from it (docs/replicas.md).
PostgreSQL refuses to run as root, so as root every server command runs as the `postgres` OS user
(which Debian's package creates).

No Django here: toasoan/search/tests/conftest.py turns it into the session fixture `postgres_dsn`.
"""

import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"
DATABASE = "toasoan_test"
INSTALL_HINT = (
    "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb, pg_ctl) are not installed: "
    "bin/test installs them (apt-get install postgresql)."
)


class PostgresUnavailable(RuntimeError):
    """The server binaries (or the `postgres` OS user root needs) are missing."""


def required() -> bool:
    """Whether a missing server must fail the run instead of skipping (CI, bin/test)."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("TOASOAN_REQUIRE_POSTGRES") == "1"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl."""
    candidates = []
    for path in glob.glob(BIN_GLOB):
        directory = Path(path)
        version = re.fullmatch(r"\d+(?:\.\d+)?", directory.parent.name)
        if version and (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            candidates.append((float(directory.parent.name), directory))
    return max(candidates)[1] if candidates else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class TempPostgres:
    bin_dir: Path
    root: Path  # the temporary directory: data/, sockets/, server.log
    port: int
    dsn: str
    run_as: str | None  # OS user the server runs as, when we are root
    database: str = DATABASE
    options: tuple[str, ...] = ()  # extra `-c name=value` server options

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        """The same database as a DATABASE_URL."""
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def halt(self) -> None:
        """Stop the server but keep its data: a database outage."""
        _run(self, ["pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])

    def restart(self) -> None:
        """Start again after halt(), on the same port (clients' URLs stay valid)."""
        _pg_ctl_start(self, check=True)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            _run(self, ["pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def _command(server: TempPostgres, argv: list[str]) -> list[str]:
    argv = [str(server.bin_dir / argv[0]), *argv[1:]]
    if server.run_as is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", server.run_as, "--", *argv]
    return ["su", server.run_as, "-s", "/bin/sh", "-c", shlex.join(argv)]


def _run(server: TempPostgres, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        _command(server, argv),
        cwd=server.root,  # the postgres user may not be allowed into the caller's directory
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if check and result.returncode != 0:
        log = server.log_file.read_text(errors="replace")[-3000:] if server.log_file.exists() else ""
        raise RuntimeError(
            f"{shlex.join(argv)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{log}".rstrip()
        )
    return result


def start_server(database: str = DATABASE) -> TempPostgres:
    """Start a new server with `database` in it. Raises PostgresUnavailable when it cannot exist."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable(INSTALL_HINT)
    run_as = None
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable(
                "Running as root, but there is no `postgres` OS user to run the server as: "
                "bin/test installs it with PostgreSQL (apt-get install postgresql)."
            ) from None
        run_as = user.pw_name
    root = Path(tempfile.mkdtemp(prefix="toasoan-pg-"))
    if run_as:
        os.chown(root, user.pw_uid, user.pw_gid)
    server = TempPostgres(bin_dir=bin_dir, root=root, port=0, dsn="", run_as=run_as)
    try:
        (root / "sockets").mkdir()
        if run_as:
            os.chown(root / "sockets", user.pw_uid, user.pw_gid)
        _run(
            server,
            [
                "initdb",
                "-D",
                str(server.data_dir),
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
        )
        _start(server)
        server.database = database
        server.dsn = f"host=127.0.0.1 port={server.port} user=postgres dbname={database}"
        _create_database(server, database)
    except BaseException:
        server.stop()
        raise
    return server


def start_replica(primary: TempPostgres) -> TempPostgres:
    """A hot standby of `primary`, streaming from it, on its own port: pg_basebackup -R, then start.

    Any server start_server() made can be a primary as it is: wal_level=replica and ten WAL senders
    are PostgreSQL's defaults, and initdb --auth=trust lets 127.0.0.1 connect for replication."""
    root = Path(tempfile.mkdtemp(prefix="toasoan-pg-replica-"))
    if primary.run_as:
        user = pwd.getpwnam(primary.run_as)
        os.chown(root, user.pw_uid, user.pw_gid)
    replica = TempPostgres(
        bin_dir=primary.bin_dir,
        root=root,
        port=0,
        dsn="",
        run_as=primary.run_as,
        database=primary.database,
        options=("-c hot_standby=on", "-c hot_standby_feedback=on"),
    )
    try:
        (root / "sockets").mkdir()
        if primary.run_as:
            os.chown(root / "sockets", user.pw_uid, user.pw_gid)
        # -R writes primary_conninfo and standby.signal; -X stream copies the WAL the copy needs.
        _run(
            replica,
            [
                "pg_basebackup",
                *("-D", str(replica.data_dir), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
                *("-R", "-X", "stream", "--checkpoint=fast", "--no-sync"),
            ],
        )
        _start(replica)
        replica.dsn = f"host=127.0.0.1 port={replica.port} user=postgres dbname={replica.database}"
    except BaseException:
        replica.stop()
        raise
    return replica


def _start(server: TempPostgres) -> None:
    """pg_ctl start on a free port; another process may take the port first, so try a few."""
    for attempt in range(5):
        server.port = free_port()
        if _pg_ctl_start(server, check=attempt == 4).returncode == 0:
            return
        time.sleep(0.2)


def _pg_ctl_start(server: TempPostgres, check: bool) -> subprocess.CompletedProcess:
    options = [
        f"-p {server.port}",
        "-c listen_addresses=127.0.0.1",
        f"-c unix_socket_directories={server.root / 'sockets'}",
        # A throwaway server: durability buys nothing, speed does.
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=50",
        *server.options,
    ]
    return _run(
        server,
        ["pg_ctl", "-D", str(server.data_dir), "-l", str(server.log_file), "-o", " ".join(options), "-w"]
        + ["-t", "60", "start"],
        check=check,
    )


def _create_database(server: TempPostgres, database: str) -> None:
    import psycopg
    from psycopg import sql

    admin = f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True, connect_timeout=30) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database)))
