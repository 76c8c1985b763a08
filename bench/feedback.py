"""Feedback durability under load: 200 concurrent submitters for 30 s against the real portal
(bin/prepare + bin/serve on a temporary var directory), with the whole server process group killed
with SIGKILL halfway and restarted. Afterwards, every submission that received a tracking code
must be in the database, and every attachment row must have its file.

    .venv/bin/python bench/feedback.py [--submitters 200] [--seconds 30] [--no-docs]

Each submitter GETs the form (CSRF cookie and token, the signed form_started field), waits like a
person (0.5–1.5 s; TOASOAN_FORM_MIN_SECONDS=0 for the bench), then POSTs it, one in four with a
PDF attachment, from a random client address (X-Forwarded-For through the trusted local proxy, so
the per-IP limits see many citizens). A 302 to the receipt page is the acknowledgement.

Prints submissions acknowledged, found, lost (must be 0), p50/p95 submit latency, and the ratio to
the p95 of the form's GET measured under the same load (same stack, no write). Appends the
figures to docs/benchmarks.md ("## Feedback — bench/feedback.py")."""

import argparse
import datetime
import http.client
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.servers import free_port, portal, portal_env, prepare  # noqa: E402

DOCS = REPO / "docs" / "benchmarks.md"
SECTION = "## Feedback — bench/feedback.py"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WORDS = (
    "thủ tục hồ sơ giấy phép chuyển giao công nghệ đo lường chất lượng sở hữu trí tuệ sáng chế nhãn hiệu "
    "kiểm định cân điện tử bức xạ an toàn doanh nghiệp khoa học đề tài nhiệm vụ nghiệm thu kinh phí "
    "lệ phí thời hạn trả kết quả bổ sung một cửa trực tuyến dịch vụ công hướng dẫn phản ánh đề nghị"
).split()
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_INPUT = re.compile(rb'name="form_started" value="([^"]+)"')
RECEIPT = re.compile(r"/phan-anh-kien-nghi/da-gui/([A-Z]{2}-[A-Z0-9]{4}-[A-Z0-9]{4})/$")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acked: dict[str, bool] = {}  # code -> sent with an attachment
        self.post_ms: list[float] = []
        self.get_ms: list[float] = []
        self.refused = 0
        self.errors = 0

    def add(self, **kwargs) -> None:
        with self.lock:
            for name, value in kwargs.items():
                if name == "code":
                    self.acked[value[0]] = value[1]
                elif name in ("post_ms", "get_ms"):
                    getattr(self, name).append(value)
                else:
                    setattr(self, name, getattr(self, name) + value)


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, data in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: application/pdf\r\n\r\n" + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def submitter(port_ref: list[int], stop: threading.Event, stats: Stats, rng: random.Random) -> None:
    while not stop.is_set():
        port = port_ref[0]
        ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        try:
            start = time.perf_counter()
            status, headers, body = request(port, "GET", "/phan-anh-kien-nghi/", headers={"X-Forwarded-For": ip})
            if status != 200:
                stats.add(errors=1)
                time.sleep(0.2)
                continue
            stats.add(get_ms=(time.perf_counter() - start) * 1000)
            cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
            token = CSRF_INPUT.search(body).group(1).decode()
            started = STARTED_INPUT.search(body).group(1).decode()
            time.sleep(rng.uniform(0.5, 1.5))  # a person filling the form
            words = " ".join(rng.choice(WORDS) for _ in range(40))
            with_file = rng.random() < 0.25
            fields = {
                "csrfmiddlewaretoken": token,
                "form_started": started,
                "website": "",
                "kind": rng.choice(["phan_anh", "kien_nghi", "hoi_dap"]),
                "name": "Người thử tải",
                "email": f"t{uuid.uuid4().hex[:12]}@example.vn",
                "subject": f"Thử tải {uuid.uuid4().hex[:8]}",
                "content": f"{words} {uuid.uuid4().hex}",
                "consent": "on",
            }
            body, content_type = multipart(fields, [("attachments", "ho-so.pdf", PDF)] if with_file else [])
            post_headers = {"Content-Type": content_type, "Cookie": f"csrftoken={cookie}", "X-Forwarded-For": ip}
            start = time.perf_counter()
            status, headers, _ = request(port_ref[0], "POST", "/phan-anh-kien-nghi/", body, post_headers)
            elapsed = (time.perf_counter() - start) * 1000
            match = RECEIPT.search(headers.get("Location", "")) if status == 302 else None
            if match:
                stats.add(code=(match.group(1), with_file), post_ms=elapsed)
            elif status == 429:
                stats.add(refused=1)
            else:
                stats.add(errors=1)
        except (OSError, http.client.HTTPException, AttributeError):
            stats.add(errors=1)  # the server is down (killed) or the answer was cut: not acknowledged
            time.sleep(0.2)


def check_database(var_dir: Path, acked: dict[str, bool]) -> tuple[int, int, int, int]:
    """(found, lost, attachments checked, attachment files missing) in the database after the run."""
    db = sqlite3.connect(f"file:{var_dir / 'toasoan.sqlite3'}?mode=ro", uri=True)
    try:
        codes = {row[0] for row in db.execute("SELECT code FROM feedback_submission")}
        files = db.execute(
            "SELECT a.file FROM feedback_attachment a JOIN feedback_submission s ON s.id = a.submission_id"
        ).fetchall()
    finally:
        db.close()
    found = sum(1 for code in acked if code in codes)
    missing = sum(1 for (name,) in files if not (var_dir / "private" / name).is_file())
    return found, len(acked) - found, len(files), missing


def append_docs(line: str, header: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if SECTION not in text:
        text = text.rstrip("\n") + "\n\n" + header + "\n"
        DOCS.write_text(text, encoding="utf-8")
        text = DOCS.read_text(encoding="utf-8")
    start = text.index(SECTION)
    following = text.find("\n## ", start + len(SECTION))
    end = len(text) if following == -1 else following + 1
    section = text[start:end].rstrip("\n") + "\n" + line + "\n"
    DOCS.write_text(text[:start] + section + ("\n" + text[end:] if following != -1 else ""), encoding="utf-8")


DOC_HEADER = f"""{SECTION}
200 concurrent submitters for 30 s against `bin/serve` (granian, 2 workers, SQLite WAL), whose whole
process group is killed with SIGKILL at mid-run and restarted; then every submission that got a
tracking code is looked up in the database. Submit latency is the POST alone (the form GET and the
0.5–1.5 s "typing" pause are not counted); the baseline is the p95 of the form's GET under the same
load. Lost must be 0. Latencies are mostly queueing: 200 clients share 2 workers (one request at a
time each) on a 2-core machine, so the ratio to the GET says what a submission costs beyond a page.

| date | acked | found | lost | files (missing) | 429 / errors | submit p50 | submit p95 | GET p95 | ratio |
|---|---|---|---|---|---|---|---|---|---|"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submitters", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-docs", action="store_true", help="do not append to docs/benchmarks.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="toasoan-bench-feedback-") as tmp:
        var_dir = Path(tmp)
        env = portal_env(
            var_dir, TOASOAN_FORM_MIN_SECONDS="0", DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        )
        print("Preparing the portal (migrate, demo content)...", flush=True)
        prepare(env)
        port = free_port()
        server = portal(env, port, var_dir / "server.log", workers=args.workers).start()
        stats, stop, port_ref = Stats(), threading.Event(), [port]
        threads = [
            threading.Thread(target=submitter, args=(port_ref, stop, stats, random.Random(i)), daemon=True)
            for i in range(args.submitters)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 2)
        acked_before_kill = len(stats.acked)
        print(f"{acked_before_kill} acknowledged; kill -9 of the server's process group...", flush=True)
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
        killed_at = time.monotonic()
        server = portal(env, port, var_dir / "server.log", workers=args.workers).start()
        downtime = time.monotonic() - killed_at
        print(f"restarted after {downtime:.1f} s", flush=True)
        time.sleep(max(0.0, args.seconds - (time.monotonic() - started)))
        stop.set()
        for thread in threads:
            thread.join(timeout=70)
        server.stop()
        found, lost, attachments, missing = check_database(var_dir, stats.acked)

    acked = len(stats.acked)
    p50, p95 = percentile(stats.post_ms, 50), percentile(stats.post_ms, 95)
    get95 = percentile(stats.get_ms, 95)
    ratio = p95 / get95
    print(f"submitters: {args.submitters}, duration: {args.seconds:.0f} s, kill -9 at {args.seconds / 2:.0f} s")
    print(f"submissions acknowledged: {acked} ({acked_before_kill} before the kill)")
    print(f"submissions found:        {found}")
    print(f"submissions lost:         {lost}")
    print(f"attachments checked:      {attachments}, files missing: {missing}")
    print(f"refused (429): {stats.refused}, errors (server down, cut answers): {stats.errors}")
    print(f"submit latency: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"baseline, form GET p95 under the same load: {get95:.0f} ms; ratio submit/GET p95: {ratio:.2f}")
    if not args.no_docs:
        line = (
            f"| {datetime.date.today():%d/%m/%Y} | {acked} | {found} | **{lost}** | {attachments} ({missing}) | "
            f"{stats.refused} / {stats.errors} | {p50:.0f} ms | {p95:.0f} ms | {get95:.0f} ms | {ratio:.2f} |"
        )
        append_docs(line, DOC_HEADER)
        print(f"appended to {DOCS.relative_to(REPO)}")
    return 0 if lost == 0 and missing == 0 and acked > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
