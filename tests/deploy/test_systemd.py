"""deploy/systemd: every unit is what systemd accepts (systemd-analyze verify, with /opt/toasoan
pointed at this checkout), runs something that exists here, and is hardened as the runbook says."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

from tests.servers import REPO

UNITS = REPO / "deploy" / "systemd"
INSTALL_DIR = "/opt/toasoan"
SERVICES = ["toasoan-web.service", "toasoan-worker.service", "toasoan-scheduler.service", "toasoan-backup.service"]
LONG_RUNNING = SERVICES[:3]
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ReadWritePaths": "/var/lib/toasoan",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "ProtectHome": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectControlGroups": "yes",
    "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6",
    "RestrictNamespaces": "yes",
    "RestrictSUIDSGID": "yes",
    "LockPersonality": "yes",
    "CapabilityBoundingSet": "",
    "SystemCallArchitectures": "native",
    "SystemCallFilter": "@system-service",
}


def unit(name: str) -> dict[str, dict[str, list[str]]]:
    """section -> key -> values (systemd keys may repeat)."""
    parsed: dict[str, dict[str, list[str]]] = {}
    section = None
    for line in (UNITS / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = parsed.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        section.setdefault(key, []).append(value)
    return parsed


def test_the_units_are_there():
    assert {p.name for p in UNITS.iterdir()} == {*SERVICES, "toasoan.target", "toasoan-backup.timer"}
    target = unit("toasoan.target")
    assert target["Unit"]["Wants"] == [" ".join(LONG_RUNNING)]
    assert target["Install"]["WantedBy"] == ["multi-user.target"]
    assert unit("toasoan-backup.timer")["Timer"]["Persistent"] == ["true"]


@pytest.mark.parametrize("name", SERVICES)
def test_service_runs_the_project_as_its_user_with_hardening(name):
    service = unit(name)["Service"]
    assert service["User"] == ["toasoan"] and service["Group"] == ["toasoan"]
    assert service["WorkingDirectory"] == [INSTALL_DIR]
    assert service["EnvironmentFile"] == ["/etc/toasoan/env"]
    for key, value in HARDENING.items():
        assert value in service.get(key, []), f"{name}: {key}={value}"
    if name in LONG_RUNNING:
        assert service["Restart"] == ["on-failure"]
        assert unit(name)["Unit"]["PartOf"] == ["toasoan.target"]
        assert unit(name)["Install"]["WantedBy"] == ["toasoan.target"]


@pytest.mark.parametrize("name", SERVICES)
def test_exec_start_exists_in_the_repository(name):
    commands = get_commands()
    for line in unit(name)["Service"]["ExecStart"]:
        argv = line.split()
        assert argv[0].startswith(INSTALL_DIR + "/"), argv[0]
        program = REPO / argv[0].removeprefix(INSTALL_DIR + "/")
        assert program.is_file() and os.access(program, os.X_OK), f"{name}: {program} is not an executable here"
        if program.name == "python":
            assert argv[1] == "manage.py" and (REPO / "manage.py").is_file()
            assert argv[2] in commands, f"{name}: manage.py {argv[2]} is not a command"
        else:
            assert program.parent.name == "bin"
            git = ["git", "ls-files", "--error-unmatch", str(program)]
            tracked = subprocess.run(git, cwd=REPO, capture_output=True)
            assert tracked.returncode == 0, f"{program} is not in the repository"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The units as they would read with the code at this checkout instead of /opt/toasoan."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    directory = tmp_path_factory.mktemp("systemd")
    for path in UNITS.iterdir():
        (directory / path.name).write_text(path.read_text().replace(INSTALL_DIR, str(REPO)))
    return directory


def test_systemd_analyze_verify_accepts_every_unit(installed):
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(map(str, installed.iterdir()))],
        capture_output=True,
        text=True,
    )
    # Unknown keys or sections are only warnings: any output at all fails.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_systemd_analyze_verify_catches_mistakes(installed, tmp_path):
    broken = tmp_path / "toasoan-web.service"
    text = (installed / "toasoan-web.service").read_text()
    broken.write_text(text.replace("bin/web", "bin/missing").replace("NoNewPrivileges", "NoNewPrivilege"))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(broken)], capture_output=True, text=True)
    assert "bin/missing" in result.stderr and "NoNewPrivilege" in result.stderr


@pytest.mark.parametrize("name", SERVICES)
def test_exposure_is_low(installed, name):
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--no-pager", str(installed / name)],
        capture_output=True,
        text=True,
    )
    level = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", result.stdout + result.stderr).group(1))
    assert level <= 2.0, f"{name}: exposure {level} (systemd's scale: 0 safest, 10 unprotected)"
