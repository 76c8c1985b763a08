"""scripts/audit_dependencies.py: a vulnerable package always fails; packages pip-audit could not
look up are reported as NOT VERIFIED, never as a pass, and fail where the service must answer."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "wagtail", "skip_reason": "Dependency not found on PyPI and could not be audited"}
VULNERABLE = {"name": "pillow", "version": "9.0.0", "vulns": [{"id": "PYSEC-2022-1", "fix_versions": ["9.0.1"]}]}


def test_a_vulnerable_package_fails_even_when_others_were_not_checked():
    status, lines = audit.verdict({"dependencies": [CLEAN, SKIPPED, VULNERABLE]}, require=False)
    assert status == 1
    assert "VULNERABLE pillow 9.0.0: PYSEC-2022-1 (fixed in 9.0.1)" in lines


def test_unchecked_packages_are_not_a_pass():
    status, lines = audit.verdict({"dependencies": [CLEAN, SKIPPED]}, require=False)
    assert status == 0 and lines[-1].startswith("NOT VERIFIED: pip-audit could not look up 1 packages (wagtail)")
    status, _ = audit.verdict({"dependencies": [CLEAN, SKIPPED]}, require=True)
    assert status == 1


def test_all_checked_and_clean_passes():
    assert audit.verdict({"dependencies": [CLEAN]}, require=True) == (
        0,
        ["pip-audit: 1 packages, 1 checked, 0 vulnerable, 0 not checked"],
    )
