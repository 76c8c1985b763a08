"""Scale (issue 8): two app servers against one, and fifty agency sites against one.

    .venv/bin/python -m bench.scale [--rebuild] [--sites 50] [--per-site 2000] [--runs 3] [--duration 15]

Starts everything itself on loopback with the cluster harness (tests/servers/cluster.py):
PostgreSQL, Redis, app servers (bin/web: granian, ONE worker each, so one server is one core of
app work) and nginx with the shipped configuration in front of them. The multi-server
configuration: DATABASE_URL (PostgreSQL), REDIS_URL (cache, sessions, page cache),
TOASOAN_PAGE_CACHE_STORE=redis, TOASOAN_SERVE_MEDIA=0, and the default tantivy search engine:
each app server searches its own index, which follows the database (toasoan/search/follow.py).
The index is built once per database (manage.py follow_search) and copied to each app server,
as a new server would build its own before taking traffic.

Two databases in that PostgreSQL, loaded by bench/scale_load.py from real Vietnamese news
(../shared/data: the baomoi sample; the bench skips when it is absent) and kept between runs as
pg_dump files in var/bench-scale/ (rebuilt when what decides their rows changes, see
cache_key(), or with --rebuild):
  "one":  bin/prepare (demo) + ONE site (s01.scale.localhost) with 2,000 articles;
  "many": bin/prepare (demo) + 50 sites x 2,000 articles (100,000), s01 with the same articles.

1. Throughput, uncached search: wrk through nginx over a few thousand different queries of s01
   (search results bypass the page cache), nginx -> one app server vs nginx -> two, rounds taking
   turns; medians, the ratio (target >= 1.7) and the CPU time per request of each process
   group (app servers, PostgreSQL, Redis, nginx, wrk), which says what limits the ratio.
2. Fifty sites vs one: site-scoped search p95 (s01's queries, one client, through nginx) and
   uncached article-page p99 (TOASOAN_PAGE_CACHE=0, s01's articles, each once) on "many" against
   "one": each must stay within 1.5x. Also the article pages with the page cache (warm).
"""

import argparse
import ast
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import scale_measure as measure  # noqa: E402
from bench.scale_load import BAOMOI, hostname  # noqa: E402
from tests import postgres, redis  # noqa: E402
from tests.servers import portal_env, prepare  # noqa: E402
from tests.servers.cluster import Cluster  # noqa: E402
from tests.servers.nginx import nginx_binary  # noqa: E402

CACHE_DIR = REPO / "var" / "bench-scale"
SITE = 1  # the site measured: s01, the same 2,000 articles in both databases
TARGET_RATIO = 1.7
TARGET_SITES = 1.5


class BenchError(RuntimeError):
    pass


# Databases --------------------------------------------------------------------------------------------
def cache_key(sites: int, per_site: int) -> str:
    """Whatever decides the loaded rows: the loader, the demo, site creation, the documents the
    search registrations make of articles, and their scope. Not the migrations: finish() migrates
    a restored database, as an upgrade would. Not the engines: the app servers build their own
    tantivy indexes from the entries (search.follow)."""
    digest = hashlib.sha256(f"{sites}x{per_site}:{BAOMOI.stat().st_size}".encode())
    files = [REPO / "bench" / "scale_load.py", REPO / "toasoan" / "news" / "demo.py"]
    files += [REPO / "toasoan" / "search" / name for name in ("analysis.py", "registry.py")]
    files += sorted(REPO.glob("toasoan/*/sites.py"))
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    functions = {
        "toasoan/news/search_registration.py": ("_plain_body", "article_document", "article_is_public"),
        "toasoan/search/services.py": ("site_roots", "scope_of", "entry_extra_fields"),
    }
    for path, names in functions.items():
        source = (REPO / path).read_text()
        found = {n.name: n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)}
        for name in names:
            digest.update(ast.get_source_segment(source, found[name]).encode())
    return digest.hexdigest()[:16]


class Databases:
    """The two loaded databases in one PostgreSQL server, and the environments of their app servers.

    "one" is bin/prepare + site 1; "many" is a copy of "one" (CREATE DATABASE ... TEMPLATE) + sites
    2..N, so site 1 is the very same rows in both. Each is restored from its dump in
    var/bench-scale/ when the dump matches cache_key(), else built and dumped."""

    def __init__(self, pg, redis_url: str, work: Path, per_site: int, rebuild: bool) -> None:
        self.pg, self.per_site, self.rebuild = pg, per_site, rebuild
        self.redis_base = redis_url.rsplit("/", 1)[0]
        self.var = work / "var"  # shared: static files; media and caches are elsewhere
        self.client = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(pg.port), "PGUSER": "postgres"}
        self.restored = False

    def env(self, name: str, redis_db: int) -> dict:
        return portal_env(
            self.var,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.pg.port}/toasoan_{name}",
            REDIS_URL=f"{self.redis_base}/{redis_db}",  # the page cache keys by host: one Redis db each
            TOASOAN_PAGE_CACHE_STORE="redis",
            TOASOAN_SERVE_MEDIA="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,.scale.localhost",
            TOASOAN_STATS="0",  # not what is measured here (bench/serve.py --stats)
        )

    def _sql(self, statement: str) -> None:
        import psycopg

        admin = f"host=127.0.0.1 port={self.pg.port} user=postgres dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(statement)

    def _load(self, env: dict, first: int, last: int) -> None:
        load = [REPO / ".venv/bin/python", "-m", "bench.scale_load", "--first", str(first), "--sites", str(last)]
        subprocess.run([*load, "--per-site", str(self.per_site)], cwd=REPO, env=env, check=True)  # noqa: S603

    def _restore(self, name: str, dump: Path) -> bool:
        if self.rebuild or not dump.exists():
            return False
        started = time.monotonic()
        self._sql(f"CREATE DATABASE toasoan_{name} TEMPLATE template0 ENCODING 'UTF8'")
        restore = [self.pg.bin_dir / "pg_restore", "-j", "2", "--no-owner", "-d", f"toasoan_{name}", dump]
        # GIN indexes over 100,000 articles build several times faster with more memory.
        env = {**self.client, "PGOPTIONS": "-c maintenance_work_mem=512MB"}
        subprocess.run(restore, env=env, check=True, capture_output=True)  # noqa: S603
        print(f"database {name}: restored from {dump.relative_to(REPO)} in {time.monotonic() - started:.0f} s")
        self.restored = True
        return True

    def _dump(self, name: str, dump: Path) -> None:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob(f"{name}-*.dump"):
            old.unlink()
        partial = dump.with_suffix(".partial")
        command = [self.pg.bin_dir / "pg_dump", "-Fc", "-Z1", "-d", f"toasoan_{name}", "-f", partial]
        subprocess.run(command, env=self.client, check=True)  # noqa: S603
        partial.rename(dump)

    def one(self) -> dict:
        env = self.env("one", 1)
        dump = CACHE_DIR / f"one-{cache_key(1, self.per_site)}.dump"
        if not self._restore("one", dump):
            started = time.monotonic()
            print(f"database one: building (bin/prepare + 1 site x {self.per_site:,} articles)", flush=True)
            self._sql("CREATE DATABASE toasoan_one TEMPLATE template0 ENCODING 'UTF8'")
            prepare(env)
            print(f"  bin/prepare: {time.monotonic() - started:.0f} s", flush=True)
            self._load(env, 1, 1)
            self._dump("one", dump)
            print(f"database one: built and dumped in {time.monotonic() - started:.0f} s", flush=True)
        return env

    def many(self, sites: int) -> dict:
        env = self.env("many", 2)
        dump = CACHE_DIR / f"many-{cache_key(sites, self.per_site)}-{cache_key(1, self.per_site)}.dump"
        if not self._restore("many", dump):
            started = time.monotonic()
            print(f"database many: building (a copy of one + sites 2..{sites})", flush=True)
            self._sql("CREATE DATABASE toasoan_many TEMPLATE toasoan_one")
            self._load(env, 2, sites)
            self._dump("many", dump)
            print(f"database many: built and dumped in {time.monotonic() - started:.0f} s", flush=True)
        return env

    def search_index(self, env: dict, name: str) -> Path:
        """This database's search index as an app server builds it (manage.py follow_search)."""
        index = self.var.parent / f"search-index-{name}"
        started = time.monotonic()
        manage = [REPO / ".venv/bin/python", "manage.py", "follow_search", "-v0"]
        subprocess.run(manage, cwd=REPO, env={**env, "TOASOAN_SEARCH_PATH": str(index)}, check=True)  # noqa: S603
        print(f"database {name}: search index built in {time.monotonic() - started:.0f} s", flush=True)
        return index

    def finish(self, env: dict, names: list[str]) -> None:
        """Restored databases: migrations (none when the dump is current) and static files. Then
        every database vacuumed and analyzed (pg_restore brings no statistics; a fresh bulk load
        leaves autovacuum minutes of work) and autovacuum off: background maintenance must not
        run during the measurements (its CPU would count as PostgreSQL's per request)."""
        import psycopg

        if self.restored:
            for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
                manage = [REPO / ".venv/bin/python", "manage.py", *command]
                subprocess.run(manage, cwd=REPO, env=env, check=True)  # noqa: S603
        started = time.monotonic()
        for name in names:
            dsn = f"host=127.0.0.1 port={self.pg.port} user=postgres dbname=toasoan_{name}"
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("VACUUM (ANALYZE)")
        self._sql("ALTER SYSTEM SET autovacuum = off")
        self._sql("SELECT pg_reload_conf()")
        print(f"databases vacuumed and analyzed in {time.monotonic() - started:.0f} s; autovacuum off", flush=True)


# Servers ----------------------------------------------------------------------------------------------
def cluster(env: dict, work: Path, label: str, pg, redis_server, servers: int, **extra: str) -> Cluster:
    """tests/servers/cluster.py on our loaded database: `servers` x bin/web (granian, one worker:
    one core of app work) behind nginx with the shipped configuration."""
    directory = work / label
    for number in range(1, servers + 1):  # Cluster.app_var(number): that server's TOASOAN_VAR_DIR
        shutil.copytree(env["TOASOAN_SEARCH_PATH"], directory / f"app-{number}" / "search-index")
    (directory / "shared" / "stats").mkdir(parents=True)  # nginx's statistics log (bin/prepare makes it)
    (directory / "shared" / "static").symlink_to(Path(env["TOASOAN_VAR_DIR"]) / "static")  # collected
    keep = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS", "TOASOAN_STATS")
    harness = Cluster(
        directory,
        env={**{k: env[k] for k in keep}, **extra},
        workers=1,
        command="web",
        database=pg,
        redis=redis_server,
        prepare=False,
    )
    try:
        return harness.start(n_app_servers=servers)
    except Exception as error:
        raise BenchError(f"{label}: the cluster did not start: {error}") from error


def pg_roots(pg) -> list[int]:
    return [int((pg.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])]


# Workload ---------------------------------------------------------------------------------------------
def site_titles(per_site: int) -> list[str]:
    from bench.scale_load import articles_of_site

    return [title for title, *_ in articles_of_site(SITE, per_site)]


def search_paths(titles: list[str], count: int, seed: int) -> list[str]:
    """Queries of 1-4 consecutive title words, half typed without diacritics (bench/search_page.py)."""
    rng = random.Random(seed)
    paths = []
    while len(paths) < count:
        words = re.findall(r"\w+", rng.choice(titles))
        if not words:
            continue
        n = rng.randint(1, min(4, len(words)))
        i = rng.randint(0, len(words) - n)
        query = " ".join(words[i : i + n])
        query = measure.fold(query) if rng.random() < 0.5 else query
        paths.append("/tim-kiem/?" + urlencode({"q": query}))
    return paths


def article_paths(env: dict) -> list[str]:
    """URL paths of s01's bulk articles, in a fixed shuffled order."""
    import psycopg

    url = env["DATABASE_URL"]
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        rows = conn.execute(
            "SELECT p.url_path, r.url_path FROM wagtailcore_page p"
            " JOIN news_articlepage a ON a.page_ptr_id = p.id"
            " JOIN wagtailcore_site s ON s.hostname = %s"
            " JOIN wagtailcore_page r ON r.id = s.root_page_id"
            " WHERE a.import_key LIKE %s ORDER BY p.id",
            [hostname(SITE), f"bench-scale:{SITE}:%"],
        ).fetchall()
    paths = [path[len(root) - 1 :] for path, root in rows]
    random.Random(3).shuffle(paths)
    return paths


def timed_requests(url: str, paths: list[str], expect_cache: str | None = None) -> tuple[list[float], dict]:
    """Each path once, one client, keep-alive: latencies (ms) and what came back."""
    client = measure.Client(url, hostname(SITE))
    times, facts = [], {"results": 0, "leaks": 0, "empty": 0, "cache": {}, "section_choices": 0}
    try:
        for path in paths:
            status, headers, body, elapsed = client.get(path)
            if status != 200:
                raise BenchError(f"{hostname(SITE)}{path}: {status}")
            cache = headers.get("X-Cache", "-")
            facts["cache"][cache] = facts["cache"].get(cache, 0) + 1
            if expect_cache is not None and cache != expect_cache:
                raise BenchError(f"{path}: X-Cache {cache!r}, expected {expect_cache!r}")
            if path.startswith("/tim-kiem/"):
                page = body.decode()
                results = page.count('class="result"')
                facts["results"] += results
                facts["empty"] += results == 0
                # {% pageurl %} is absolute for a page of another site: a result from outside s01.
                facts["leaks"] += len(re.findall(r'class="result__title"><a href="https?://', page))
                # The section filter's choices: this site's sections, or every site's?
                facts["section_choices"] = max(facts["section_choices"], page.count('<option value="section:'))
            times.append(elapsed)
    finally:
        client.close()
    return times, facts


# The two measurements ------------------------------------------------------------------------------------
def throughput(env: dict, work: Path, pg, redis_server, paths: list[str], args) -> dict:
    print(
        f"\n1. uncached search through nginx, one app server vs two (bin/web: granian, 1 worker each):"
        f" wrk -t1 -c{args.connections} -d{args.duration}s over {len(paths):,} queries of"
        f" {hostname(SITE)}, {args.runs} rounds taking turns",
        flush=True,
    )
    one = cluster(env, work, "throughput-one", pg, redis_server, 1)
    two = None
    try:
        two = cluster(env, work, "throughput-two", pg, redis_server, 2)
        for setup in (one, two):  # each answers, and search is not cached
            _, facts = timed_requests(setup.url, paths[:20])
            if not set(facts["cache"]) <= {"BYPASS", "-"}:  # "-": the page cache left it alone
                raise BenchError(f"search answers should bypass the page cache: {facts['cache']}")
        groups = {
            "app A": [one.apps[0].process.pid, two.apps[0].process.pid],  # one of them works at a time
            "app B": [two.apps[1].process.pid],
            "postgres": pg_roots(pg),
            "redis": [redis_server.process.pid],
            "nginx": [one.nginx.process.pid, two.nginx.process.pid],
        }
        for setup in (one, two):  # warm-up: connections, the engine's statistics cache
            measure.wrk(setup.url, paths, hostname(SITE), 3, args.connections, groups)
        rounds: dict[str, list] = {"one": [], "two": []}
        for number in range(args.runs):
            for label, setup in (("one", one), ("two", two)):
                result = measure.wrk(setup.url, paths, hostname(SITE), args.duration, args.connections, groups)
                rounds[label].append(result)
                print(f"  round {number + 1} {label:3}: {result.rps:8.1f} req/s  p99 {result.p99:7.1f} ms", flush=True)
    finally:
        one.stop()
        if two is not None:
            two.stop()
    results = {label: measure.median_result(r) for label, r in rounds.items()}
    for label, result in results.items():
        if result["bad"]:
            raise BenchError(f"{label}: {result['bad']} non-2xx answers or socket errors")
    return results


def report_throughput(results: dict) -> float:
    one, two = results["one"], results["two"]
    ratio = two["rps"] / one["rps"]
    print(f"\n  {'':22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}   rounds")
    for label, r in (("one app server", one), ("two app servers", two)):
        print(f"  {label:22} {r['rps']:9.1f} {r['p50']:8.1f} {r['p99']:8.1f}   {r['runs']}")
    print(f"  ratio two / one: {ratio:.2f} (target >= {TARGET_RATIO})")
    names = [n for n in one["cpu_us"] if n != "machine"]
    print("\n  CPU time per request (µs) and cores busy on average, by process group:")
    print(f"  {'':22}" + "".join(f"{n:>16}" for n in [*names, "machine"]))
    for label, r in (("one app server", one), ("two app servers", two)):
        cells = "".join(f"{r['cpu_us'][n]:8.0f} ({r['cores'][n]:4.2f})" for n in [*names, "machine"])
        print(f"  {label:22}{cells}")
    # What limits the ratio: one server has a core for its app process and the other core for
    # everything else; two servers share both cores with PostgreSQL, nginx, Redis and wrk.
    groups = [n for n in names if n != "wrk"] + ["wrk"]
    for label, r in (("one app server", one), ("two app servers", two)):
        other = r["cores"]["machine"] - sum(r["cores"][n] for n in groups)
        print(f"  {label}: other processes on the machine kept {max(other, 0):.2f} cores busy")
    cpus = os.cpu_count() or 1
    app_one = one["cpu_us"]["app A"]
    app_two = two["cpu_us"]["app A"] + two["cpu_us"]["app B"]
    rest_two = sum(two["cpu_us"][n] for n in groups if not n.startswith("app"))
    bound_one = 1e6 / app_one
    bound_two = min(2e6 / app_two, cpus * 1e6 / (app_two + rest_two))
    print(
        f"  on an otherwise idle machine, from these CPU costs: one server <= {bound_one:.1f} req/s"
        f" (its app process on one core), two <= {bound_two:.1f} req/s ({cpus} cores for"
        f" {app_two + rest_two:,.0f} µs a request, {rest_two:,.0f} µs of it outside the app):"
        f" ratio <= {bound_two / bound_one:.2f}"
    )
    return ratio


def sites_figures(env: dict, work: Path, label: str, pg, redis_server, search: list[str], articles: list[str]) -> dict:
    """Scoped search p95, uncached article p99, cached article p99: one client through nginx."""
    uncached = cluster(env, work, f"{label}-uncached", pg, redis_server, 1, TOASOAN_PAGE_CACHE="0")
    try:
        timed_requests(uncached.url, search[:30] + articles[:30])  # warm-up: connections, templates
        search_ms, facts = timed_requests(uncached.url, search)
        article_ms, _ = timed_requests(uncached.url, articles)
    finally:
        uncached.stop()
    cached = cluster(env, work, f"{label}-cached", pg, redis_server, 1)
    try:
        sample = articles[: len(articles) // 2]
        timed_requests(cached.url, sample)  # the first request of each renders and stores it
        cached_ms, cached_facts = timed_requests(cached.url, sample, expect_cache="HIT")
    finally:
        cached.stop()
    return {
        "search_p50": statistics.median(search_ms),
        "search_p95": measure.percentile(search_ms, 95),
        "article_p50": statistics.median(article_ms),
        "article_p99": measure.percentile(article_ms, 99),
        "cached_p50": statistics.median(cached_ms),
        "cached_p99": measure.percentile(cached_ms, 99),
        "cached_sources": cached_facts["cache"],
        "results": facts["results"] / len(search),
        "empty": facts["empty"],
        "leaks": facts["leaks"],
        "section_choices": facts["section_choices"],
    }


def report_sites(one: dict, many: dict, sites: int) -> dict:
    print(f"\n  {'':34} {'1 site':>10} {f'{sites} sites':>10} {'ratio':>7}")
    ratios = {}
    for key, label in (
        ("search_p50", "scoped search p50 (ms)"),
        ("search_p95", "scoped search p95 (ms)"),
        ("article_p50", "article uncached p50 (ms)"),
        ("article_p99", "article uncached p99 (ms)"),
        ("cached_p50", "article cached p50 (ms)"),
        ("cached_p99", "article cached p99 (ms)"),
        ("results", "results per query (page 1)"),
    ):
        ratios[key] = many[key] / one[key] if one[key] else float("nan")
        print(f"  {label:34} {one[key]:10.2f} {many[key]:10.2f} {ratios[key]:7.2f}")
    for name, figures in (("1 site", one), (f"{sites} sites", many)):
        print(
            f"  {name}: queries with no result {figures['empty']}, results from another site {figures['leaks']},"
            f" section choices on the search page {figures['section_choices']}, cached answers"
            f" {figures['cached_sources']}"
        )
    print(
        f"  targets: search p95 ratio {ratios['search_p95']:.2f}, article p99 ratio {ratios['article_p99']:.2f}"
        f" (each <= {TARGET_SITES})"
    )
    return ratios


def profile(env: dict, work: Path, paths: list[str]) -> None:
    """Where the app's time goes on a search request (bench/scale_profile.py, in process)."""
    import json

    queries = work / "profile-queries.json"
    queries.write_text(json.dumps([paths, hostname(SITE)]))
    print("\n  profile of the app on uncached search:", flush=True)
    command = [REPO / ".venv/bin/python", "-m", "bench.scale_profile", queries]
    subprocess.run(command, cwd=REPO, env={**env, "TOASOAN_PAGE_CACHE": "0"}, check=True)  # noqa: S603


# Main ----------------------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=50)
    parser.add_argument("--per-site", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--queries", type=int, default=500, help="timed search queries per database")
    parser.add_argument("--articles", type=int, default=1000, help="timed article pages per database")
    parser.add_argument("--only", choices=["throughput", "sites"], help="one of the two measurements")
    parser.add_argument("--rebuild", action="store_true", help="load the databases again (ignore the dumps)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not BAOMOI.exists():
        print(f"skipped: {BAOMOI} is absent (../shared/data, see /work/shared/data/README.md)")
        return 0
    if shutil.which("wrk") is None or nginx_binary() is None:
        install = "source bin/lib.sh && apt_install wrk nginx libnginx-mod-http-brotli-static"
        subprocess.run(["/bin/bash", "-c", install], cwd=REPO, check=False)  # noqa: S603
    if shutil.which("wrk") is None or nginx_binary() is None:
        print("wrk and nginx are needed and could not be installed", file=sys.stderr)
        return 1

    began = time.monotonic()
    cpus = os.cpu_count() or 1
    print(f"scale benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {cpus} CPUs, {os.uname().release}")
    work = Path(tempfile.mkdtemp(prefix="toasoan-bench-scale-"))
    pg = redis_server = None
    try:
        pg = postgres.start_server()
        redis_server = redis.start_server()
        databases = Databases(pg, redis_server.url, work, args.per_site, args.rebuild)
        env_one = databases.one()
        env_many = databases.many(args.sites) if args.only != "throughput" else None
        databases.finish(env_one, ["one"] if env_many is None else ["one", "many"])
        env_one["TOASOAN_SEARCH_PATH"] = str(databases.search_index(env_one, "one"))
        if env_many is not None:
            env_many["TOASOAN_SEARCH_PATH"] = str(databases.search_index(env_many, "many"))
        titles = site_titles(args.per_site)
        ratio = None
        if args.only != "sites":
            results = throughput(env_one, work, pg, redis_server, search_paths(titles, 3000, seed=17), args)
            ratio = report_throughput(results)
            profile(env_one, work, search_paths(titles, 300, seed=41))
        if env_many is not None:
            search = search_paths(titles, args.queries, seed=29)
            articles = article_paths(env_one)[: args.articles]
            if articles != article_paths(env_many)[: args.articles]:
                raise BenchError("site s01 differs between the two databases")
            print(
                f"\n2. {args.sites} sites x {args.per_site:,} articles vs 1 site, one client through nginx to one app"
                f" server: {len(search)} search queries and {len(articles)} article pages of {hostname(SITE)}",
                flush=True,
            )
            one = sites_figures(env_one, work, "one", pg, redis_server, search, articles)
            many = sites_figures(env_many, work, "many", pg, redis_server, search, articles)
            report_sites(one, many, args.sites)
        if ratio is not None:
            print(f"\nthroughput ratio two / one app servers: {ratio:.2f} (target >= {TARGET_RATIO})")
        print(f"total time {time.monotonic() - began:.0f} s")
        return 0
    except (BenchError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if redis_server is not None:
            redis_server.stop()
        if pg is not None:
            pg.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
