"""Serving one article page: nginx in front of the page cache, the app alone, and their limits.

    .venv/bin/python bench/serve.py [--articles 10000] [--duration 15] [--runs 3] [--connections 64]

Starts everything itself on a throw-away var directory: bin/prepare, N extra articles (real baomoi
text from ../shared/data when present) loaded in bulk, the app and nginx with the shipped
configuration (deploy/nginx via bin/nginx-config). Then wrk (same machine, loopback) on ONE article,
every request with `Accept-Encoding: br` (what browsers send; the uncached app ignores it):

  (a) nginx, shipped config, page cache warm (the page comes from <var>/pagecache/current)
  (b) the app alone, its page cache warm: granian (what bin/serve runs) and gunicorn
  (c) the same app with TOASOAN_PAGE_CACHE=0: plain Wagtail rendering
  (d) nginx serving the same bytes as a plain static file: the limit
  and, for the README: nginx proxy_cache (1 s) in front of the app, and the shipped config plus
  open_file_cache (valid=1s), which the shipped config must not use.

Also: publish -> visible through nginx (20 trials), and FCP/LCP of the article in headless
Chromium through nginx (cold loads). bin/serve's scheduler is not started (it would render
outage copies of all N articles in the background, on the same 2 cores).

    .venv/bin/python bench/serve.py --stats [--duration 10]

measures only what counting page views (toasoan/stats) costs on cached hits, with a browser's
User-Agent so that every request counts: the app alone (granian) with counting on and off, and
nginx with its statistics log on and off, in the same run; then checks that the counts arrived."""

import argparse
import datetime
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.servers import (  # noqa: E402
    Publisher,
    Server,
    free_port,
    granian,
    gunicorn,
    portal_env,
    prepare,
    request,
)
from tests.servers.nginx import Nginx, nginx_binary, render_config  # noqa: E402

BAOMOI = REPO.parent / "shared" / "data" / "magizbox__scraper" / "baomoi_vn_news_sample20k.jsonl"
HOST = "127.0.0.1"
ACCEPT = {"Accept-Encoding": "br"}
# --stats: a browser's User-Agent (wrk sends none, which counts as a robot and is not counted).
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
SENT: dict[str, int] = {}  # requests wrk sent, by URL
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BenchError(RuntimeError):
    pass


# Content ---------------------------------------------------------------------------------------
def texts(n: int) -> Iterator[tuple[str, str, str, str]]:
    """(title, sapo, body HTML, source URL): baomoi articles when present, else generated text."""
    count = 0
    if BAOMOI.exists():
        with BAOMOI.open(encoding="utf-8") as source:
            for line in source:
                row = json.loads(line)
                paragraphs = [p.strip() for p in row["body"].split("\n") if p.strip()]
                if not row["title"].strip() or not paragraphs:
                    continue
                body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
                yield row["title"].strip()[:250], row.get("sapo", "").strip(), body, row["url"]
                count += 1
                if count == n:
                    return
    while count < n:  # no data set (or fewer rows than asked): generated Vietnamese-like text
        sentence = "Sở Khoa học và Công nghệ triển khai nhiệm vụ chuyển đổi số năm {i}, phục vụ người dân."
        body = "".join(f"<p>{sentence.format(i=count + k)}</p>" for k in range(8))
        yield f"Thông báo số {count} về hoạt động khoa học và công nghệ", sentence.format(i=count), body, ""
        count += 1


def bulk_load(env: dict[str, str], n: int) -> None:
    """N published articles spread over the demo's sections, in one transaction, by copying the
    seed article's rows with new values: no revisions, no search index, ~10,000 rows/s. For
    benchmarks only: the importer (pages, revisions, indexes) makes ~8 articles/s."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, transaction

    from toasoan.core.vietnamese import slugify
    from toasoan.news.demo import SEED_SECTION
    from toasoan.news.models import ArticlePage, SectionPage

    seed = ArticlePage.objects.get(title__startswith="Sở Khoa học và Công nghệ ban hành")
    sections = list(SectionPage.objects.order_by("path"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM wagtailcore_page WHERE id = %s", [seed.pk])
        page_columns = [c[0] for c in cursor.description]
        page_template = dict(zip(page_columns, cursor.fetchone(), strict=True))
        cursor.execute("SELECT * FROM news_articlepage WHERE page_ptr_id = %s", [seed.pk])
        article_columns = [c[0] for c in cursor.description]
        article_template = dict(zip(article_columns, cursor.fetchone(), strict=True))
        cursor.execute("SELECT MAX(id) FROM wagtailcore_page")
        next_id = cursor.fetchone()[0] + 1

    pages, articles = [], []
    added = {s.pk: 0 for s in sections}
    start = datetime.datetime(2019, 1, 1, 1, 0)
    for i, (title, sapo, body, url) in enumerate(texts(n)):
        section = sections[i % len(sections)] if i % 2 else next(s for s in sections if s.title == SEED_SECTION)
        added[section.pk] += 1
        slug = f"{slugify(title, max_length=80)}-{i}"
        published = start + datetime.timedelta(hours=3 * i)
        stamp = published.strftime("%Y-%m-%d %H:%M:%S")
        page = dict(page_template)
        page.update(
            id=next_id + i,
            path=ArticlePage._get_path(section.path, section.depth + 1, section.numchild + added[section.pk]),
            depth=section.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=stamp,
            last_published_at=stamp,
            latest_revision_created_at=None,
            live_revision_id=None,
            latest_revision_id=None,
            translation_key=uuid.uuid4().hex,
        )
        article = dict(article_template)
        article.update(
            page_ptr_id=next_id + i,
            sapo=sapo,
            body=json.dumps([{"type": "paragraph", "value": body, "id": str(uuid.uuid4())}], ensure_ascii=False),
            display_date=published.date().isoformat(),
            is_featured=False,
            import_key=f"bench-serve:{i}",
            source_url=url,
            featured_image_id=None,
        )
        pages.append([page[c] for c in page_columns])
        articles.append([article[c] for c in article_columns])

    def insert(table: str, columns: list[str], rows: list[list]) -> None:
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 (our names)

    with transaction.atomic():
        insert("wagtailcore_page", page_columns, pages)
        insert("news_articlepage", article_columns, articles)
        with connection.cursor() as cursor:
            for pk, count in added.items():
                cursor.execute("UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s", [count, pk])
    connection.close()


def pick_article(n: int) -> str:
    """The URL path of the bulk article in the middle of the run (even ones are in the seed's section)."""
    from django.db import connection
    from wagtail.models import Site

    from toasoan.news.models import ArticlePage

    root = Site.objects.get(is_default_site=True).root_page
    article = ArticlePage.objects.get(import_key=f"bench-serve:{n // 2 - n // 2 % 2}")
    connection.close()
    return article.url_path[len(root.url_path) - 1 :]


# Measuring -------------------------------------------------------------------------------------
def wrk(url: str, duration: int, connections: int, headers: dict[str, str]) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"(?m)^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    total = re.search(r"(\d+) requests in", output)
    SENT[url] = SENT.get(url, 0) + (int(total.group(1)) if total else 0)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": rps,
        "p99": p99,
        "bad": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": sum(map(int, errors.groups())) if errors else 0,
    }


def measure(label: str, url: str, args) -> dict:
    return measure_interleaved({label: url}, args)[label]


def measure_interleaved(targets: dict[str, str], args, headers: dict[str, str] = ACCEPT) -> dict[str, dict]:
    """Median of args.runs wrk runs per target; with several targets, the runs take turns, so a
    slow spell on this shared machine hits them all alike."""
    for url in targets.values():
        wrk(url, 2, args.connections, headers)  # warm-up: every worker's memory tier, keep-alive pools
    runs: dict[str, list[dict]] = {label: [] for label in targets}
    for _ in range(args.runs):
        for label, url in targets.items():
            runs[label].append(wrk(url, args.duration, args.connections, headers))
    results = {}
    for label, measured in runs.items():
        result = results[label] = {
            "rps": statistics.median(r["rps"] for r in measured),
            "p99": statistics.median(r["p99"] for r in measured),
            "runs": [round(r["rps"]) for r in measured],
            "bad": sum(r["bad"] for r in measured),
            "errors": sum(r["errors"] for r in measured),
        }
        note = (
            f"  non-2xx {result['bad']}, socket errors {result['errors']}" if result["bad"] or result["errors"] else ""
        )
        print(f"  {label:44} {result['rps']:9,.0f} req/s   p99 {result['p99']:8.2f} ms   runs {result['runs']}{note}")
    return results


def check(url: str, path: str, expect_cache: str | None, reference: bytes | None = None) -> bytes:
    """One request like wrk's: must be a 200 (and come from where we think); returns the HTML."""
    import brotli

    status, headers, body = request(url, path, headers=ACCEPT)
    if status != 200:
        raise BenchError(f"{url}{path}: {status}")
    if expect_cache is not None and headers.get("X-Cache") != expect_cache:
        raise BenchError(f"{url}{path}: X-Cache {headers.get('X-Cache')!r}, expected {expect_cache!r}")
    page = brotli.decompress(body) if headers.get("Content-Encoding") == "br" else body
    if reference is not None and page != reference:
        raise BenchError(f"{url}{path}: not the same page")
    return page


def publish_trials(env: dict[str, str], nginx_url: str, path: str, trials: int, settle: float = 0.2) -> list[float]:
    import http.client

    host, port = nginx_url.removeprefix("http://").split(":")
    times = []
    with Publisher(env) as publisher:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        for trial in range(trials):
            title = f"Bài benchmark đã sửa lần {trial} ({uuid.uuid4().hex[:6]})"
            start = time.monotonic()
            publisher.publish_title(path, title)
            while True:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                elapsed = time.monotonic() - start
                if title in body.decode():
                    break
                if elapsed > 10:
                    raise BenchError(f"publish trial {trial}: new title not visible after 10 s")
                time.sleep(0.005)
            times.append(elapsed)
            for _ in range(int(settle / 0.1)):  # readers keep coming: the page is cached again
                connection.request("GET", path)
                connection.getresponse().read()
                time.sleep(0.1)
        connection.close()
    return times


PAINT_SCRIPT = """() => new Promise(resolve => {
  const out = {fcp: null, lcp: null};
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') out.fcp = e.startTime;
  }).observe({type: 'paint', buffered: true});
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    if (entries.length) out.lcp = entries[entries.length - 1].startTime;
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(out), 500);
})"""


def paint_times(url: str, loads: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise BenchError("Debian's chromium is not installed")
    fcp, lcp = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        try:
            for _ in range(loads + 1):  # the first load starts Chromium's own caches: not counted
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
                page = context.new_page()
                page.goto(url, wait_until="load")
                result = page.evaluate(PAINT_SCRIPT)
                context.close()
                if result["fcp"] is None or result["lcp"] is None:
                    raise BenchError(f"no paint entries: {result}")
                fcp.append(result["fcp"])
                lcp.append(result["lcp"])
        finally:
            browser.close()
    return fcp[1:], lcp[1:]


# nginx comparison servers (bench only) ----------------------------------------------------------
def extra_servers(work: Path, plain_port: int, proxy_port: int, shipped: str) -> str:
    """http-level text: a plain static file server, proxy_cache in front of the app, and the
    shipped server block again with open_file_cache."""
    server = shipped[shipped.index("\nserver {") :]  # its upstream and maps are already defined
    server = server.replace(
        "    location / {\n",
        "    location / {\n        open_file_cache max=10000 inactive=60s;\n        open_file_cache_valid 1s;\n",
        1,
    )
    return f"""
    server {{
        listen 127.0.0.1:{plain_port};
        root {work}/plain;
        gzip_static on;
        brotli_static on;
        charset utf-8;
    }}
    proxy_cache_path {work}/proxy-cache levels=1:2 keys_zone=bench_pc:10m max_size=100m inactive=10m use_temp_path=off;
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://toasoan_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_cache bench_pc;
            proxy_cache_key $scheme$host$request_uri;
            proxy_cache_valid 200 1s;
            proxy_cache_lock on;
            proxy_cache_use_stale updating error timeout;
            proxy_cache_background_update on;
            add_header X-Cache $upstream_cache_status;
        }}
    }}
{server}
"""


# --stats: what counting page views costs ------------------------------------------------------------
class JitNginx(Nginx):
    """The test nginx plus `pcre_jit on;` (main context), as docs/stats.md asks of production:
    the statistics log's regexes cost 4 times less with it."""

    def write_config(self) -> None:
        super().write_config()
        self.conf.write_text(
            self.conf.read_text().replace("worker_processes auto;", "worker_processes auto;\npcre_jit on;", 1)
        )


def session_cpu(leader: int) -> float:
    """CPU seconds (user + system) used so far by the live processes of `leader`'s session: a
    server's master and workers. On a busy shared machine, CPU per request is steadier than req/s."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == leader:  # fields after the name: state, ppid, pgrp, session, ...
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def python_costs(path: str) -> None:
    """The Python a cache hit runs, in this process, with and without counting (the page cache's
    hit listener, as toasoan.stats registers it): CPU
    time (not wall time: other processes' load does not count), best of 15 x 20,000 calls."""
    import timeit

    from toasoan.publishing import pagecache
    from toasoan.publishing.pagecache.app import PageCacheApp
    from toasoan.publishing.pagecache.entry import build
    from toasoan.publishing.pagecache.files import FileStore
    from toasoan.publishing.pagecache.keys import key_for
    from toasoan.publishing.pagecache.memory import MemoryTier
    from toasoan.stats.counter import Counter
    from toasoan.stats.wsgi import hit_counter

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "HTTP_HOST": HOST,
        "SERVER_NAME": HOST,
        "HTTP_USER_AGENT": BROWSER,
        "HTTP_ACCEPT_ENCODING": "br",
    }
    store = MemoryTier(FileStore(tempfile.mkdtemp(prefix="toasoan-bench-stats-")), 10_000_000)
    html_headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public")]
    store.put(store.generation(), key_for(environ, pagecache.rules()), build(b"x" * 19_000, html_headers, time.time()))
    cache = PageCacheApp(None, store, pagecache.rules(), 2_000_000)
    listener = hit_counter(Counter("Asia/Ho_Chi_Minh"), None, ("/admin/",), "sessionid")
    counting = PageCacheApp(None, store, pagecache.rules(), 2_000_000, on_hit=listener)

    def start_response(status, headers, exc_info=None):
        return None

    def best(app) -> float:
        calls = 20_000
        times = timeit.repeat(lambda: app(environ, start_response), number=calls, repeat=15, timer=time.process_time)
        return min(times) / calls * 1e6

    hit, counted = best(cache), best(counting)
    print(f"in-process Python, CPU time: cache hit {hit:.2f} µs, with counting {counted:.2f} µs (+{counted - hit:.2f})")


def stats_costs(start_server, env: dict[str, str], work: Path, var: Path, path: str, args, cpus: int) -> int:
    """Cached hits with counting on and off, the app alone and behind nginx, in interleaved runs:
    req/s and the servers' CPU time per request; then whether every counted request reached the
    database (the app's flush, nginx's log ingested)."""
    from django.db.models import Sum

    from toasoan.stats import jobs
    from toasoan.stats.models import SiteDay

    workers = 2 * cpus  # what bin/serve runs
    before = SiteDay.objects.aggregate(total=Sum("views"))["total"] or 0  # the demo's figures
    python_costs(path)
    reader = {**ACCEPT, "User-Agent": BROWSER}
    counting = start_server(granian, "granian-counting", workers, extra_env={"TOASOAN_STATS": "1"})
    plain = start_server(granian, "granian-not-counting", workers, extra_env={"TOASOAN_STATS": "0"})
    for server in (counting, plain):
        check(server.url, path, None)
        check(server.url, path, "HIT")
    # nginx: the shipped server block, and a copy without its statistics log on another port.
    no_log_port = free_port()
    shipped = render_config(f"{HOST}:{no_log_port}", counting.url.removeprefix("http://"), var)
    server_block = shipped[shipped.index("\nserver {") :]
    without_log = re.sub(r"\n    access_log [^\n]*toasoan_stats[^\n]*\n", "\n", server_block)
    if without_log == server_block:
        raise BenchError("the shipped nginx config has no statistics access_log")
    nginx = JitNginx(work / "nginx", counting.url.removeprefix("http://"), var, extra_http=without_log).start()
    no_log_url = f"http://{HOST}:{no_log_port}"
    targets = {  # label: (url, process whose session serves it)
        "app (granian), counting on": (counting.url + path, counting.process.pid),
        "app (granian), counting off": (plain.url + path, plain.process.pid),
        "nginx, statistics log on": (nginx.url + path, nginx.process.pid),
        "nginx, statistics log off": (no_log_url + path, nginx.process.pid),
    }
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in targets}
    try:
        check(nginx.url, path, None)
        page = check(nginx.url, path, "nginx")
        check(no_log_url, path, "nginx", page)
        print(f"page: {len(page):,} bytes of HTML; wrk sends a browser's User-Agent (every request counts)\n")
        for url, _ in targets.values():
            wrk(url, 2, args.connections, reader)  # warm-up
        for _ in range(args.runs):
            for label, (url, leader) in targets.items():
                cpu = session_cpu(leader)
                result = wrk(url, args.duration, args.connections, reader)
                used = session_cpu(leader) - cpu
                runs[label].append((result["rps"], used / (result["rps"] * args.duration) * 1e6))
    finally:
        nginx.stop()  # flushes its log buffer
    print(f"cached hits, runs interleaved (granian -w {workers}; nginx with pcre_jit on):")
    results = {}
    for label, measured in runs.items():
        rps = statistics.median(r for r, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        results[label] = (rps, cpu)
        print(
            f"  {label:30} {rps:9,.0f} req/s  {cpu:6.1f} µs CPU/request   runs"
            f" {[round(r) for r, _ in measured]} {[round(c, 1) for _, c in measured]}"
        )
    time.sleep(7)  # the app's workers flush every 5 s
    counting.stop()
    plain.stop()
    by_app = (SiteDay.objects.aggregate(total=Sum("views"))["total"] or 0) - before
    while (result := jobs.ingest_nginx_log()) is not None and result.lines:  # 32 MB a run
        pass
    by_nginx = (SiteDay.objects.aggregate(total=Sum("views"))["total"] or 0) - before - by_app
    print("\nratios, counting on / off (medians):")
    for name, on, off in (
        ("app alone", "app (granian), counting on", "app (granian), counting off"),
        ("nginx", "nginx, statistics log on", "nginx, statistics log off"),
    ):
        print(
            f"  {name:10} req/s {results[on][0] / results[off][0]:.3f}   CPU per request"
            f" {results[on][1] / results[off][1]:.3f} (+{results[on][1] - results[off][1]:.1f} µs)"
        )
    print("counted / requests wrk tallied (requests in flight when wrk stops are served, not tallied):")
    for name, counted, label in (
        ("app", by_app, "app (granian), counting on"),
        ("nginx", by_nginx, "nginx, statistics log on"),
    ):
        sent = SENT.get(targets[label][0], 0)
        print(f"  {name:6} {counted:,} / {sent:,} = {counted / max(sent, 1):.4f}")
    return 0


# Main --------------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--granian-workers", default="2,4", help="comma-separated worker counts")
    parser.add_argument("--publish-trials", type=int, default=20)
    parser.add_argument("--loads", type=int, default=10, help="cold Chromium loads for FCP/LCP")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--stats", action="store_true", help="only what counting page views costs (toasoan/stats)")
    args = parser.parse_args()
    if shutil.which("wrk") is None or nginx_binary() is None:
        # One command, like the others: install what it needs from Debian's packages (bin/lib.sh).
        packages = "wrk nginx libnginx-mod-http-brotli-static chromium"
        install = f"source bin/lib.sh && apt_install {packages}"
        subprocess.run(["/bin/bash", "-c", install], cwd=REPO, check=False)  # noqa: S603
    if shutil.which("wrk") is None:
        print("wrk is not installed and could not be installed", file=sys.stderr)
        return 1
    if nginx_binary() is None:
        print("nginx is not installed", file=sys.stderr)
        return 1

    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="toasoan-bench-serve-"))
    var = work / "var"
    env = portal_env(var)
    env.pop("DATABASE_URL", None)  # SQLite in the temporary var
    cpus = os.cpu_count() or 1
    servers: list[Server] = []
    nginx = None
    try:
        print(
            f"serve benchmark, {time.strftime('%Y-%m-%d')}, {cpus} CPUs; wrk -t2 -c{args.connections} "
            f"-d{args.duration}s, median of {args.runs}, Accept-Encoding: br; work dir {work}"
        )
        start = time.monotonic()
        prepare(env)
        print(f"bin/prepare: {time.monotonic() - start:.1f} s")
        start = time.monotonic()
        bulk_load(env, args.articles)
        source = "baomoi (../shared/data)" if BAOMOI.exists() else "generated text"
        print(f"bulk load: {args.articles:,} articles from {source} in {time.monotonic() - start:.1f} s")
        path = pick_article(args.articles)
        print(f"article: {path}")

        def start_server(factory, label: str, *extra, cache: bool = True, extra_env: dict | None = None) -> Server:
            server_env = {**(env if cache else {**env, "TOASOAN_PAGE_CACHE": "0"}), **(extra_env or {})}
            port = free_port()
            server = factory(server_env, port, work / f"{label}.log", *extra)
            server.ready_path = path
            servers.append(server)
            try:
                return server.start(timeout=90)
            except Exception as error:
                raise BenchError(f"{label} did not start: {error}") from error

        if args.stats:
            return stats_costs(start_server, env, work, var, path, args, cpus)

        gunicorn_workers = 2 * cpus + 1
        app = start_server(gunicorn, "gunicorn-cached", gunicorn_workers)
        plain_port, proxy_port, ofc_port = free_port(), free_port(), free_port()
        upstream = app.url.removeprefix("http://")
        shipped = render_config(f"{HOST}:{ofc_port}", upstream, var)  # for the open_file_cache copy
        extra = extra_servers(work, plain_port, proxy_port, shipped)
        nginx = Nginx(work / "nginx", upstream, var, extra_http=extra).start()

        # Warm the page cache through nginx; (d) gets the very files nginx serves for (a).
        page = check(nginx.url, path, None)
        page = check(nginx.url, path, "nginx", page)
        cached = var / "pagecache" / "current" / HOST / path.strip("/")
        (work / "plain").mkdir()
        for suffix in ("", ".gz", ".br"):
            shutil.copy2(cached / f"index.html{suffix}", work / "plain" / f"article.html{suffix}")
        plain_url = f"http://{HOST}:{plain_port}"
        check(plain_url, "/article.html", None, page)
        check(app.url, path, "HIT", page)
        print(f"page: {len(page):,} bytes of HTML, {(cached / 'index.html.br').stat().st_size:,} with brotli\n")

        ofc_url, proxy_url = f"http://{HOST}:{ofc_port}", f"http://{HOST}:{proxy_port}"
        check(ofc_url, path, "nginx", page)
        check(proxy_url, path, None, page)
        print("nginx (runs interleaved):")
        labels = {
            "a": "(a) nginx, shipped config (page cache files)",
            "d": "(d) nginx, plain static file (the limit)",
            "ofc": "shipped config + open_file_cache valid=1s",
            "proxy": "nginx proxy_cache valid=1s -> gunicorn",
        }
        urls = {
            "a": nginx.url + path,
            "d": plain_url + "/article.html",
            "ofc": ofc_url + path,
            "proxy": proxy_url + path,
        }
        measured = measure_interleaved({labels[k]: urls[k] for k in labels}, args)
        results = {k: measured[labels[k]] for k in labels}

        print(f"\npublish -> visible through nginx, {args.publish_trials} trials:")
        times = publish_trials(env, nginx.url, path, args.publish_trials)
        print(
            f"  shipped config:          median {statistics.median(times) * 1000:4.0f} ms, max"
            f" {max(times) * 1000:4.0f} ms ({sum(t <= 1.0 for t in times)}/{len(times)} within 1 s)"
        )
        # Why the shipped config has no open_file_cache: it keeps serving the old file.
        check(ofc_url, path, None)
        ofc_times = publish_trials(env, ofc_url, path, max(3, args.publish_trials // 2), settle=1.2)
        print(
            f"  with open_file_cache 1s: median {statistics.median(ofc_times) * 1000:4.0f} ms, max"
            f" {max(ofc_times) * 1000:4.0f} ms ({sum(t <= 1.0 for t in ofc_times)}/{len(ofc_times)} within 1 s)"
        )
        page = check(nginx.url, path, None)
        page = check(nginx.url, path, "nginx", page)

        print(f"\nFCP/LCP, headless Chromium through nginx, median of {args.loads} cold loads:")
        fcp, lcp = paint_times(nginx.url + path, args.loads)
        print(
            f"  FCP {statistics.median(fcp):.0f} ms (max {max(fcp):.0f}),"
            f" LCP {statistics.median(lcp):.0f} ms (max {max(lcp):.0f})"
        )

        print("\napp servers, (b) page cache warm / (c) TOASOAN_PAGE_CACHE=0:")
        app_results: dict[str, dict] = {}
        check(app.url, path, "HIT", page)
        app_results["gunicorn"] = {"b": measure(f"(b) gunicorn sync -w {gunicorn_workers}", app.url + path, args)}
        nginx.stop()
        app.stop()
        plain_app = start_server(gunicorn, "gunicorn-plain", gunicorn_workers, cache=False)
        check(plain_app.url, path, None, page)
        app_results["gunicorn"]["c"] = measure(f"(c) gunicorn sync -w {gunicorn_workers}", plain_app.url + path, args)
        plain_app.stop()
        for workers in (int(w) for w in args.granian_workers.split(",")):
            label = f"granian -w {workers}"
            server = start_server(granian, f"granian-{workers}-cached", workers)
            check(server.url, path, None)
            check(server.url, path, "HIT", page)
            app_results[label] = {"b": measure(f"(b) {label}", server.url + path, args)}
            server.stop()
            server = start_server(granian, f"granian-{workers}-plain", workers, cache=False)
            check(server.url, path, None, page)
            app_results[label]["c"] = measure(f"(c) {label}", server.url + path, args)
            server.stop()

        best = max(app_results, key=lambda k: app_results[k]["b"]["rps"])
        a, d = results["a"]["rps"], results["d"]["rps"]
        b, c = app_results[best]["b"]["rps"], app_results[best]["c"]["rps"]
        print("\napp servers side by side (req/s, p99):")
        print(f"  {'server':16} {'(b) cached':>22} {'(c) uncached':>22} {'(b)/(c)':>8} {'(b)/(d)':>8}")
        for name, r in app_results.items():
            print(
                f"  {name:16} {r['b']['rps']:10,.0f} {r['b']['p99']:8.2f} ms  {r['c']['rps']:10,.0f}"
                f" {r['c']['p99']:8.2f} ms {r['b']['rps'] / r['c']['rps']:8.1f} {r['b']['rps'] / d:8.2f}"
            )
        print(f"\nratios (app server: {best}):")
        print(f"  (a)/(d) = {a / d:.2f}   (target >= 0.8)")
        print(f"  (b)/(d) = {b / d:.2f}   (target >= 0.3)")
        print(f"  (b)/(c) = {b / c:.1f}   (target >= 50)")
        ofc, proxy = results["ofc"]["rps"] / a, results["proxy"]["rps"] / a
        print(f"  open_file_cache / (a) = {ofc:.2f}; proxy_cache / (a) = {proxy:.2f}")
        print(f"  publish visible: max {max(times):.3f} s (target <= 1 s every trial)")
        fcp_ms, lcp_ms = statistics.median(fcp), statistics.median(lcp)
        print(f"  FCP {fcp_ms:.0f} ms (target < 1000), LCP {lcp_ms:.0f} ms (target < 1500)")
        print(f"\ntotal time {time.monotonic() - began:.0f} s")
        return 0
    except (BenchError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
