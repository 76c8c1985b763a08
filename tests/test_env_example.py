""".env.example documents every environment variable the project reads, and only those.

"Reads" is found in the code, not listed by hand: in Python (toasoan/ and manage.py, tests aside)
every env_str/env_bool/env_int/env_list call and every os.environ / os.getenv read by name; in the
bin/ scripts every upper-case $NAME / ${NAME...} they expand."""

import ast
import json
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / ".env.example"
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list"}
# bin/test is the test runner: its knobs are CI's (tests read them), not the portal's.
SCRIPTS_SKIPPED = {"test", "lib.sh"}
# Set by the shell or the system, not by an operator.
SHELL_VARIABLES = {"PATH", "HOME", "PWD", "IFS", "UID", "EUID", "BASH_SOURCE", "RANDOM", "SECONDS", "LINENO"}
VARIABLE_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")


def python_files() -> list[Path]:
    files = [REPO / "manage.py", *sorted((REPO / "toasoan").rglob("*.py"))]
    return [path for path in files if "tests" not in path.relative_to(REPO).parts]


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and getattr(node.value, "id", "") == "os"


def reads_in_python(source: str) -> tuple[set[str], list[int]]:
    """(variable names read, line numbers of reads whose name is not a literal)."""
    names, dynamic = set(), []

    def take(argument: ast.AST | None, node: ast.AST) -> None:
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            names.add(argument.value)
        else:
            dynamic.append(node.lineno)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            function = node.func
            first = node.args[0] if node.args else None
            if isinstance(function, ast.Name) and function.id in ENV_HELPERS:
                take(first, node)
            elif isinstance(function, ast.Attribute) and function.attr in {"get", "setdefault", "pop"}:
                if _is_os_environ(function.value):
                    take(first, node)
            elif isinstance(function, ast.Attribute) and function.attr == "getenv":
                take(first, node)
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value) and isinstance(node.ctx, ast.Load):
            take(node.slice, node)
    return names, dynamic


def reads_in_shell(source: str) -> set[str]:
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    names = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", code))
    return names - SHELL_VARIABLES


def variables_read() -> dict[str, set[str]]:
    """name -> the files reading it."""
    found: dict[str, set[str]] = {}
    for path in python_files():
        names, dynamic = reads_in_python(path.read_text())
        relative = path.relative_to(REPO).as_posix()
        # The helpers themselves read the name they are given.
        assert not dynamic or relative == "toasoan/settings/env.py", (
            f"{relative}:{dynamic}: a name that is not a literal"
        )
        for name in names:
            found.setdefault(name, set()).add(relative)
    for path in sorted((REPO / "bin").iterdir()):
        if path.name in SCRIPTS_SKIPPED or not path.is_file():
            continue
        for name in reads_in_shell(path.read_text()):
            found.setdefault(name, set()).add(f"bin/{path.name}")
    return found


def documented() -> dict[str, str]:
    """name -> the comment above it in .env.example."""
    entries, comment = {}, []
    for line in EXAMPLE.read_text().splitlines():
        if line.startswith("#"):
            comment.append(line)
        elif match := VARIABLE_LINE.match(line):
            entries[match.group(1)] = "\n".join(comment)
        elif not line.strip():
            comment = []
    return entries


def test_every_variable_read_is_documented():
    missing = {name: sorted(files) for name, files in variables_read().items() if name not in documented()}
    assert missing == {}, "add these to .env.example, with a comment"


def test_every_documented_variable_is_read():
    unread = sorted(set(documented()) - set(variables_read()))
    assert unread == [], "nothing reads these: remove them from .env.example"


def test_each_variable_has_a_comment_and_appears_once():
    names = [m.group(1) for line in EXAMPLE.read_text().splitlines() if (m := VARIABLE_LINE.match(line))]
    assert len(names) == len(set(names)), "a variable listed twice"
    assert [name for name, comment in documented().items() if not comment] == []


def test_the_example_is_safe_to_copy():
    for line in EXAMPLE.read_text().splitlines():
        match = VARIABLE_LINE.match(line)
        if not match:
            assert not line.strip() or line.startswith("#"), f"not a variable or a comment: {line!r}"
            continue
        name, value = match.groups()
        # systemd's EnvironmentFile and a shell's `set -a; . file` read the same value.
        assert " " not in value or (value.startswith('"') and value.endswith('"')), f"{name}: quote it"
        if "SECRET" in name or "PASSWORD" in name or name.endswith("ACCESS_KEY"):
            assert value == "", f"{name}: no secret in the example"


def test_the_example_parses_the_same_in_a_shell():
    """`set -a; . /etc/toasoan/env` in a shell gives the values systemd's EnvironmentFile does."""
    expected = {}
    for line in EXAMPLE.read_text().splitlines():
        if match := VARIABLE_LINE.match(line):
            name, value = match.groups()
            expected[name] = value[1:-1] if value[:1] == value[-1:] == '"' and len(value) > 1 else value
    script = f'set -a; . "{EXAMPLE}"; set +a; env -0'
    output = subprocess.run(["bash", "-c", script], env={}, capture_output=True, check=True).stdout.decode()
    shell = dict(item.split("=", 1) for item in output.split("\0") if "=" in item)
    assert {name: shell.get(name) for name in expected} == expected


def test_deploy_env_example_is_the_same_file():
    link = REPO / "deploy" / "env.example"
    assert link.is_symlink() and link.resolve() == EXAMPLE.resolve()


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ('X = env_str("TOASOAN_A", "x")', {"TOASOAN_A"}),
        ('import os\nos.environ.get("B")\nos.environ["C"]\nos.getenv("D")', {"B", "C", "D"}),
        ('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")', {"DJANGO_SETTINGS_MODULE"}),
        ('env = {**os.environ}\nos.environ["E"] = "1"', set()),
    ],
)
def test_the_scanner_finds_reads(source, names):
    assert reads_in_python(source) == (names, [])


def test_the_scanner_refuses_names_it_cannot_read():
    assert reads_in_python("import os\nos.environ.get(name)")[1] == [2]
    assert reads_in_shell('bind=${TOASOAN_BIND:-x}\n# $NOT_THIS\necho "$HOME $bind ${WEB_CONCURRENCY-}"') == {
        "TOASOAN_BIND",
        "WEB_CONCURRENCY",
    }


DUMP_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
values = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
print(json.dumps(values, default=lambda value: type(value).__name__))
"""
# What the example sets to its example site or to production's email on purpose.
SITE_SPECIFIC = {
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "WAGTAILADMIN_BASE_URL",
    "WAGTAIL_SITE_NAME",
    "OTP_TOTP_ISSUER",
    "EMAIL_BACKEND",
    "DEFAULT_FROM_EMAIL",
}


def example_values(path: Path = EXAMPLE) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if match := VARIABLE_LINE.match(line):
            name, value = match.groups()
            values[name] = value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value
    return values


def production_settings(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [REPO / ".venv" / "bin" / "python", "-c", DUMP_SETTINGS],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_the_example_changes_nothing_but_the_site():
    """Copied as is (plus a secret key), the example configures what the code's defaults do, except
    the example site's names and production's email: an empty value that would not mean the
    default (a path, a list) is caught here."""
    base = {
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "TOASOAN_VAR_DIR": "/var/lib/toasoan",
    }
    defaults = production_settings(base)
    example = production_settings({**example_values(), **base})
    changed = sorted(name for name in defaults.keys() | example.keys() if defaults.get(name) != example.get(name))
    assert changed == sorted(SITE_SPECIFIC)
