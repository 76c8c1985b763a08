"""docs/runbook.md names only real things: manage.py commands, bin/ scripts, systemd units, files it
links to, variables of .env.example, and the bucket policy tests/deploy/test_s3_media.py applies."""

import json
import os
import re
import subprocess

from django.core.management import get_commands

from tests.deploy import s3
from tests.servers import REPO

RUNBOOK = REPO / "docs" / "runbook.md"
TEXT = RUNBOOK.read_text()
FENCED = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def code() -> str:
    """Every fenced block and inline code span: where commands are written."""
    blocks = [body for _lang, body in FENCED.findall(TEXT)]
    prose = FENCED.sub("", TEXT)
    return "\n".join(blocks + re.findall(r"`([^`\n]+)`", prose))


def test_manage_commands_exist():
    # `manage X` (the runbook's shell function) and `manage.py X`.
    named = set(re.findall(r"(?<![\w/])manage(?:\.py)? ([a-z][a-z_]*)", code()))
    assert {"migrate", "collectstatic", "backup", "restore", "run_scheduler", "create_agency_site"} <= named
    missing = sorted(named - set(get_commands()))
    assert missing == [], f"not manage.py commands: {missing}"


def test_bin_scripts_exist_in_the_repository():
    named = set(re.findall(r"(?<![\w./])bin/([a-z][a-z-]*)", code()))
    assert {"setup", "web", "worker", "nginx-config"} <= named
    for name in sorted(named):
        path = REPO / "bin" / name
        assert path.is_file() and os.access(path, os.X_OK), f"bin/{name}"
        git = ["git", "ls-files", "--error-unmatch", f"bin/{name}"]
        assert subprocess.run(git, cwd=REPO, capture_output=True).returncode == 0, f"bin/{name} is not tracked"


def test_systemd_units_exist():
    named = set(re.findall(r"\btoasoan(?:-[a-z]+)?\.(?:service|target|timer)\b", TEXT))
    shipped = {path.name for path in (REPO / "deploy" / "systemd").iterdir()}
    assert named and named <= shipped, sorted(named - shipped)
    # journalctl -u toasoan-web: unit names without the suffix.
    for name in re.findall(r"-u (toasoan-[a-z]+)", TEXT):
        assert f"{name}.service" in shipped


def test_links_lead_somewhere():
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", TEXT)
    assert links
    broken = [link for link in links if "://" not in link and not (RUNBOOK.parent / link).exists()]
    assert broken == []


def test_variables_are_in_the_env_example():
    example = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, re.M))
    named = set(re.findall(r"\b((?:DJANGO|TOASOAN|DATABASE|REDIS|WAGTAILADMIN)_[A-Z0-9_]*[A-Z0-9])\b", TEXT))
    assert named - documented == set()


def test_the_bucket_policy_is_the_tested_one():
    (policy,) = [body for lang, body in FENCED.findall(TEXT) if lang == "json"]
    assert json.loads(policy) == s3.public_read_policy("toasoan-media")
