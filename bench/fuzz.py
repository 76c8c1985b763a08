"""Fuzz every public form and endpoint, at scale: the tests/fuzz suite (hypothesis over every URL,
page type and form; schemathesis over the open data API) with many examples per target and a
fresh random seed, in process through Django's test client.

    .venv/bin/python bench/fuzz.py [--examples 200] [--no-docs] [-- extra pytest args]

Prints the requests sent per target and per endpoint, failures, time and the median cases/s of
the targets; exits non-zero when a target failed or fewer than --min-cases requests were sent.
Appends a row to docs/benchmarks.md ("## Fuzz — `bench/fuzz.py`")."""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "benchmarks.md"
SECTION = "## Fuzz — `bench/fuzz.py`"
DOC_HEADER = f"""{SECTION}
`tests/fuzz` at scale (`docs/fuzz.md`): hypothesis over every public URL (hostile query strings,
paths, headers, wrong methods and bodies), every page type and route, every form (with the
acknowledged-data checks) and the abuse checks; schemathesis over every operation of the open data
API. In process (Django test client, WSGI for the API) on SQLite with the demo content, a random
seed each run. Cases are requests sent; cases/s is the median over the targets (test functions).

| date | examples/target | cases | failures | targets | time | median cases/s | acknowledged submissions |
|---|---|---|---|---|---|---|---|"""


def append_docs(line: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if SECTION not in text:
        DOCS.write_text(text.rstrip("\n") + "\n\n" + DOC_HEADER + "\n" + line + "\n", encoding="utf-8")
        return
    start = text.index(SECTION)
    following = text.find("\n## ", start + len(SECTION))
    end = len(text) if following == -1 else following + 1
    section = text[start:end].rstrip("\n") + "\n" + line + "\n"
    DOCS.write_text(text[:start] + section + ("\n" + text[end:] if following != -1 else ""), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=200, help="hypothesis examples per target (before scaling)")
    parser.add_argument("--min-cases", type=int, default=10_000)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="toasoan-fuzz-bench-") as tmp:
        report_path = Path(tmp) / "report.json"
        env = {
            **os.environ,
            "TOASOAN_FUZZ_EXAMPLES": str(args.examples),
            "TOASOAN_FUZZ_RANDOM": "1",
            "TOASOAN_FUZZ_REPORT": str(report_path),
        }
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz", *args.pytest_args]
        started = time.monotonic()
        status = subprocess.call(command, cwd=REPO, env=env)  # noqa: S603 - our own argv, no shell
        elapsed = time.monotonic() - started
        if not report_path.exists():
            print("pytest wrote no fuzz report", file=sys.stderr)
            return 2
        report = json.loads(report_path.read_text(encoding="utf-8"))

    cases, test_cases, seconds = report["cases"], report["test_cases"], report["seconds"]
    failed = report["failed"]
    print(f"\n{'endpoint / target label':<62} {'cases':>7}")
    for label in sorted(cases):
        print(f"{label:<62} {cases[label]:>7}")
    print(f"\n{'target (test)':<40} {'cases':>7} {'seconds':>8} {'cases/s':>8}  result")
    rates = []
    targets = sorted(test for test in seconds if test_cases.get(test))  # the others are plain tests
    for test in targets:
        n = test_cases[test]
        rate = n / seconds[test] if seconds[test] else 0.0
        rates.append(rate)
        print(f"{test:<40} {n:>7} {seconds[test]:>8.1f} {rate:>8.1f}  {'FAILED' if test in failed else 'ok'}")
    others = sorted(set(seconds) - set(targets))
    print(f"plain tests (surface, regressions): {len(others)}, failed: {sorted(set(others) & set(failed)) or 'none'}")
    total = sum(cases.values())
    median = statistics.median(rates) if rates else 0.0
    acknowledged = report.get("acknowledged", {})
    print(
        f"\n{total} cases, {len(failed)} failures {sorted(failed)}, {len(targets)} targets, {elapsed:.0f} s, "
        f"median {median:.1f} cases/s; acknowledged and found stored: {acknowledged}"
    )
    ok = status == 0 and not failed and total >= args.min_cases
    if total < args.min_cases:
        print(f"fewer than {args.min_cases} cases: raise --examples", file=sys.stderr)
    if not args.no_docs and not args.pytest_args:
        date = datetime.date.today().strftime("%d/%m/%Y")
        acked = ", ".join(f"{name} {n}" for name, n in sorted(acknowledged.items()))
        append_docs(
            f"| {date} | {args.examples} | {total:,} | **{len(failed)}** | {len(targets)} | {elapsed / 60:.1f} min "
            f"| {median:.1f} | {acked} |"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
