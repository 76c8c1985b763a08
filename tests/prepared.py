"""Prepared var dirs for tests that run the portal as processes.

bin/prepare (migrate, collectstatic, demo content) takes about 40 s. It runs once per test session
and configuration, into a template; each test then gets a copy of the template's var dir, and of
its PostgreSQL database when it has one (pg_dump once, pg_restore per test): about a second.
"""

import atexit
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests import postgres
from tests.servers import REPO, portal_env

ADMIN_PASSWORD = "server-test-password"  # portal_env's; tests log in with it
_templates: dict[str, Path] = {}


def prepared_var_dir(var_dir: Path, database: postgres.TempPostgres | None = None, **extra: str) -> dict[str, str]:
    """Make `var_dir` (which must not exist) what bin/prepare would, on SQLite or in `database`.

    `extra` is added to the environment (it is part of the template's key: settings that change
    what bin/prepare writes, e.g. TOASOAN_SEARCH_BACKEND, make another template). Returns the
    environment for bin/serve and manage.py on that var dir."""
    env = portal_env(var_dir, TOASOAN_ADMIN_PASSWORD=ADMIN_PASSWORD, **extra)
    template = _template(postgres=database is not None, extra=extra)
    shutil.copytree(template / "var", var_dir, symlinks=True)
    if database is not None:
        env["DATABASE_URL"] = database.url
        _restore(database, template / "database.dump")
    return env


def _template(postgres: bool, extra: dict[str, str]) -> Path:
    key = hashlib.sha256(json.dumps([postgres, sorted(extra.items())]).encode()).hexdigest()[:12]
    if key not in _templates:
        root = Path(tempfile.mkdtemp(prefix=f"toasoan-prepared-{key}-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _prepare(root, postgres, extra)
        _templates[key] = root
    return _templates[key]


def _prepare(root: Path, with_postgres: bool, extra: dict[str, str]) -> None:
    env = portal_env(root / "var", TOASOAN_ADMIN_PASSWORD=ADMIN_PASSWORD, **extra)
    server = postgres.start_server() if with_postgres else None
    try:
        if server is not None:
            env["DATABASE_URL"] = server.url
        _run([REPO / "bin" / "prepare"], env)
        if server is not None:
            _run([server.bin_dir / "pg_dump", "-Fc", "-f", root / "database.dump", "-d", server.dsn], env)
    finally:
        if server is not None:
            server.stop()


def _restore(database: postgres.TempPostgres, dump: Path) -> None:
    _run([database.bin_dir / "pg_restore", "--no-owner", "--exit-on-error", "-d", database.dsn, dump], None)


def _run(argv: list, env: dict[str, str] | None) -> None:
    result = subprocess.run([str(arg) for arg in argv], env=env, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
