"""Search benchmark: quality on Vietnamese relevance sets, then speed and memory at scale.

    .venv/bin/python bench/search.py            # everything (several minutes on 2 cores)
    .venv/bin/python bench/search.py --quick    # smoke run: 2 sets, 5,000 docs, 200 queries
    .venv/bin/python bench/search.py --sets alqac2022,24h_tags --skip-speed
    .venv/bin/python bench/search.py --skip-quality --docs 100000 --queries 1000

Quality: MRR@10 and nDCG@10 of the project's engine ("ours", toasoan.search.engine.tantivy_engine)
against three plain anchors (SQLite FTS5 unicode61, FTS5 unicode61 remove_diacritics 2, tantivy with
its default tokenizer), for each query as written, stripped of diacritics, and with the tone mark of
open oa/oe/uy syllables moved to the other vowel (hòa <-> hoà).
Speed: the 20,000 baomoi articles repeated to --docs, indexed by each engine in its own subprocess
(so peak RSS is per engine), then --queries mixed queries timed one by one.

Data is read at run time from ../shared/data next to the repository; without it the command says
so and exits 0.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from searchbench import metrics
from searchbench.data import SETS, load_baomoi, load_set, resample, sample_queries, speed_queries
from searchbench.engines import ANCHORS, ENGINES, SPEED_ENGINES, load_ours
from searchbench.variants import VARIANTS

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
K = 10
QUICK = {"sets": "alqac2023,viquad_test", "docs": 5000, "queries": 200, "max_set_queries": 300}
TARGET_P95_MS = 10.0
TARGET_DOCS_PER_S = 5000.0
TARGET_DOCS = 100_000
T_ACCENTED = "accented nDCG@10 ≥ best anchor, every set"
T_STRIPPED = "stripped nDCG@10 ≥ 0.95 × ours accented"
T_TONE = "other tone style: identical top-10"
T_P95 = f"ours p95 ≤ {TARGET_P95_MS:.0f} ms at {TARGET_DOCS:,} docs"
T_SUGGEST = "ours suggestions p95 ≤ 10 ms"
T_INDEXING = f"ours indexing ≥ {TARGET_DOCS_PER_S:,.0f} articles/s"
WARMUP_QUERIES = 50


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fmt(value: float) -> str:
    text = f"{value:.3f}"
    return text[1:] if text.startswith("0") else text


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [
        " | ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))
    ]
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
    return "\n".join(lines)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- quality ----------------------------------------------------------------------------------


def evaluate(adapter, queries: dict[str, dict[str, str]], qrels) -> dict:
    """Scores per variant, the top-10 lists of two variants, and errors raised by the engine."""
    out = {"mrr": {}, "ndcg": {}, "errors": 0, "first_error": None, "runs": {}}
    for variant in VARIANTS:
        mrr, ndcg, run = [], [], {}
        for qid, texts in queries.items():
            try:
                ranked = adapter.search(texts[variant], K)
            except Exception as exc:
                ranked = []
                out["errors"] += 1
                out["first_error"] = out["first_error"] or f"{type(exc).__name__}: {exc} (query {texts[variant]!r})"
            run[qid] = ranked
            mrr.append(metrics.mrr_at_k(ranked, qrels[qid], K))
            ndcg.append(metrics.ndcg_at_k(ranked, qrels[qid], K))
        out["mrr"][variant], out["ndcg"][variant] = metrics.mean(mrr), metrics.mean(ndcg)
        out["runs"][variant] = run
    same = [out["runs"]["as written"][q] == out["runs"]["other tone style"][q] for q in queries]
    changed = [q for q, texts in queries.items() if texts["other tone style"] != texts["as written"]]
    out["identical"] = metrics.mean(same)
    out["identical_changed"] = (
        metrics.mean([out["runs"]["as written"][q] == out["runs"]["other tone style"][q] for q in changed])
        if changed
        else None
    )
    del out["runs"]
    return out


def run_quality(names: list[str], ours_api, max_set_queries: int) -> tuple[dict, dict]:
    results: dict[str, dict] = {}
    counts: dict[str, dict] = {}
    for name in names:
        try:
            beir = load_set(DATA_DIR, name)
        except OSError as exc:
            log(f"{name}: cannot read ({exc}); skipped")
            continue
        sample_queries(beir, max_set_queries)
        queries = {qid: {v: f(text) for v, f in VARIANTS.items()} for qid, text in beir.queries.items()}
        changed = sum(1 for t in queries.values() if t["other tone style"] != t["as written"])
        stripped = sum(1 for t in queries.values() if t["stripped"] != t["as written"])
        counts[name] = {"docs": len(beir.docs), "queries": len(queries), "tone": changed, "accented": stripped}
        # Engines see neutral keys ("bench.doc:17"), as the project would use; qrels are mapped back.
        keys = {doc_id: f"bench.doc:{i}" for i, (doc_id, _, _) in enumerate(beir.docs)}
        docs = [(keys[doc_id], title, text) for doc_id, title, text in beir.docs]
        qrels = {qid: {keys[d]: s for d, s in judged.items()} for qid, judged in beir.qrels.items()}
        results[name] = {}
        for engine in ENGINES:
            if engine == "ours" and ours_api is None:
                continue
            directory = Path(tempfile.mkdtemp(prefix=f"searchbench-{engine}-"))
            try:
                start = time.perf_counter()
                adapter = ENGINES[engine][1](directory, ours_api)
                adapter.index(docs)
                indexed = time.perf_counter() - start
                start = time.perf_counter()
                res = evaluate(adapter, queries, qrels)
                res["index_s"], res["search_s"] = indexed, time.perf_counter() - start
                adapter.close()
            except Exception as exc:
                res = {"unavailable": f"{type(exc).__name__}: {exc}"}
            finally:
                shutil.rmtree(directory, ignore_errors=True)
            results[name][engine] = res
            if "unavailable" in res:
                log(f"{beir.label}: {engine} failed: {res['unavailable']}")
            else:
                log(
                    f"{beir.label}: {engine} indexed {len(docs)} docs in {res['index_s']:.1f}s, "
                    f"{3 * len(queries)} searches in {res['search_s']:.1f}s"
                )
    return results, counts


def print_quality(results: dict, counts: dict, ours_reason: str | None) -> None:
    engines = [e for e in ENGINES if e != "ours" or ours_reason is None]
    print("\n== Quality ==")
    if ours_reason:
        print(f"ours: unavailable ({ours_reason})")
    print(
        table(
            ["set", "docs", "queries", "changed by stripping", "changed by tone style"],
            [
                [SETS[n].label, f"{c['docs']:,}", f"{c['queries']:,}", f"{c['accented']:,}", f"{c['tone']:,}"]
                for n, c in counts.items()
            ],
        )
    )
    for metric, title in (("ndcg", "nDCG@10"), ("mrr", "MRR@10")):
        print(f"\n{title}  (each cell: as written → stripped → other tone style)")
        rows = []
        for name in counts:
            row = [SETS[name].label]
            for engine in engines:
                res = results[name].get(engine, {"unavailable": "not run"})
                if "unavailable" in res:
                    row.append("unavailable")
                else:
                    row.append(" → ".join(fmt(res[metric][v]) for v in VARIANTS))
            rows.append(row)
        print(table(["set"] + [ENGINES[e][0] for e in engines], rows))
    print(
        "FTS5 unicode61 is the default tokenizer, i.e. remove_diacritics 1: it folds letters with one diacritic "
        "(à -> a) but not ầ, ệ, ở...; neither FTS5 variant folds đ -> d."
    )
    print("\nOther tone style gives the same top-10 as written (all queries / queries the swap changed):")
    rows = []
    for name in counts:
        row = [SETS[name].label]
        for engine in engines:
            res = results[name].get(engine, {"unavailable": ""})
            if "unavailable" in res:
                row.append("-")
            else:
                changed = res["identical_changed"]
                row.append(f"{res['identical']:.1%} / " + ("n/a" if changed is None else f"{changed:.1%}"))
        rows.append(row)
    print(table(["set"] + [ENGINES[e][0] for e in engines], rows))
    for name in counts:
        for engine, res in results[name].items():
            if res.get("errors"):
                print(f"{SETS[name].label}: {engine} raised on {res['errors']} searches; first: {res['first_error']}")


# --- speed ------------------------------------------------------------------------------------


def suggest_prefixes(mix: list[tuple[str, str]]) -> list[str]:
    """What a reader has typed so far: each title-word query cut inside its last word."""
    prefixes = []
    for kind, query in mix:
        if kind == "title words" and query.strip():
            cut = max(1, len(query) - max(1, len(query.split()[-1]) // 2))
            prefixes.append(query[:cut])
    return prefixes


def suggest_timings(adapter, mix: list[tuple[str, str]]) -> dict:
    """Suggestions as you type (ours only: the anchors have no such feature)."""
    if not hasattr(adapter, "suggest"):
        return {}
    timings = []
    for prefix in suggest_prefixes(mix):
        start = time.perf_counter()
        adapter.suggest(prefix)
        timings.append((time.perf_counter() - start) * 1000)
    return {"suggest_p50_ms": metrics.percentile(timings, 50), "suggest_p95_ms": metrics.percentile(timings, 95)}


def speed_worker(engine: str, docs: int, queries_file: Path, out: Path) -> None:
    """One engine: index `docs` articles, time the queries, report peak RSS of this process."""
    api = None
    if engine == "ours":
        api, reason = load_ours()
        if api is None:
            out.write_text(json.dumps({"error": f"unavailable ({reason})"}))
            return
    articles = load_baomoi(DATA_DIR)
    mix = json.loads(queries_file.read_text(encoding="utf-8"))
    queries = [q for _, q in mix]
    directory = Path(tempfile.mkdtemp(prefix=f"searchbench-speed-{engine}-"))
    try:
        adapter = ENGINES[engine][1](directory, api)
        rss_before = maxrss_mb()
        start = time.perf_counter()
        adapter.index(resample(articles, docs))
        index_s = time.perf_counter() - start
        size = adapter.size_bytes()
        for query in queries[:WARMUP_QUERIES]:
            adapter.search(query, K)
        timings, with_hits = [], 0
        for query in queries:
            start = time.perf_counter()
            hits = adapter.search(query, K)
            timings.append((time.perf_counter() - start) * 1000)
            with_hits += bool(hits)
        result = {
            "docs": docs,
            "index_s": index_s,
            "docs_per_s": docs / index_s,
            "size_bytes": size,
            "p50_ms": metrics.percentile(timings, 50),
            "p95_ms": metrics.percentile(timings, 95),
            "mean_ms": metrics.mean(timings),
            "p95_by_kind_ms": {
                kind: metrics.percentile([t for (k, _), t in zip(mix, timings, strict=True) if k == kind], 95)
                for kind in sorted({k for k, _ in mix})
            },
            "with_hits": with_hits / len(queries) if queries else 0.0,
            **suggest_timings(adapter, mix),
            "rss_before_mb": rss_before,
            "rss_peak_mb": maxrss_mb(),
        }
        adapter.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    out.write_text(json.dumps(result))


def run_speed(docs: int, n_queries: int) -> tuple[dict, Counter]:
    log(f"speed: loading baomoi and building {n_queries} queries")
    articles = load_baomoi(DATA_DIR)
    queries = speed_queries(articles, n_queries)
    kinds = Counter(kind for kind, _ in queries)
    work = Path(tempfile.mkdtemp(prefix="searchbench-speed-"))
    results = {}
    try:
        queries_file = work / "queries.json"
        queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        for engine in SPEED_ENGINES:
            out = work / f"{engine}.json"
            command = [sys.executable, str(Path(__file__).resolve()), "--_worker", engine, "--docs", str(docs)]
            command += ["--_queries-file", str(queries_file), "--_out", str(out)]
            log(f"speed: {engine} on {docs:,} docs (subprocess)")
            try:
                proc = subprocess.run(command, capture_output=True, text=True, timeout=4 * 3600, check=False)  # noqa: S603
            except subprocess.TimeoutExpired:
                results[engine] = {"error": "timed out"}
                continue
            if proc.returncode != 0 or not out.exists():
                tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
                results[engine] = {"error": f"worker exited {proc.returncode}: {tail}"}
            else:
                results[engine] = json.loads(out.read_text())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results, kinds


def print_speed(results: dict, kinds: Counter, docs: int) -> None:
    total = sum(kinds.values())
    print(f"\n== Speed: {docs:,} docs (20,000 baomoi articles repeated), {total:,} queries ==")
    print(
        "query mix: "
        + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
        + "; every other query stripped of diacritics; "
        + f"the first {min(WARMUP_QUERIES, total)} run once untimed as warm-up"
    )
    rows = []
    for engine in SPEED_ENGINES:
        r = results.get(engine, {"error": "not run"})
        if "error" in r:
            rows.append([ENGINES[engine][0], "failed", *["-"] * 7])
            continue
        rows.append(
            [
                ENGINES[engine][0],
                f"{r['docs_per_s']:,.0f}",
                f"{r['index_s']:.1f}",
                f"{r['size_bytes'] / 1e6:,.0f}",
                f"{r['p50_ms']:.2f}",
                f"{r['p95_ms']:.2f}",
                f"{r['rss_before_mb']:,.0f}",
                f"{r['rss_peak_mb']:,.0f}",
                f"{r['with_hits']:.0%}",
            ]
        )
    headers = ["engine", "articles/s", "index s", "index MB", "p50 ms", "p95 ms", "RSS pre MB", "RSS peak MB", "hits"]
    print(table(headers, rows))
    print("(RSS pre = peak RSS of the worker before indexing, with the corpus loaded; hits = queries with ≥1 result)")
    for engine in SPEED_ENGINES:
        by_kind = results.get(engine, {}).get("p95_by_kind_ms")
        if by_kind:
            print(
                f"  p95 by query kind, {ENGINES[engine][0]}: "
                + ", ".join(f"{k} {v:.2f} ms" for k, v in by_kind.items())
            )
    for engine in SPEED_ENGINES:
        if "error" in results.get(engine, {}):
            print(f"{ENGINES[engine][0]}: {results[engine]['error']}")
    ours = results.get("ours", {})
    if "p95_ms" in ours:
        ratios = [
            f"vs {ENGINES[e][0]} {ours['p95_ms'] / results[e]['p95_ms']:.2f}×"
            for e in SPEED_ENGINES
            if e != "ours" and "p95_ms" in results.get(e, {}) and results[e]["p95_ms"] > 0
        ]
        print("ours p95 / anchor p95: " + ", ".join(ratios))
    if "suggest_p95_ms" in ours:
        print(f"ours suggestions as you type: p50 {ours['suggest_p50_ms']:.2f} ms, p95 {ours['suggest_p95_ms']:.2f} ms")


# --- summary ----------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def summary(quality: dict | None, speed: dict | None, docs: int, ours_reason: str | None) -> None:
    print("\n== Summary ==")
    print(f"date: {datetime.date.today().isoformat()}")
    print(f"machine: nproc {os.cpu_count()}, {cpu_model()}")
    print(f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}, tantivy {_version('tantivy')}")
    if ours_reason:
        print(f"ours: unavailable ({ours_reason})")
    checks = []

    def add(label: str, ok: bool | None, detail: str) -> None:
        checks.append((label, "n/a" if ok is None else ("PASS" if ok else "MISS"), detail))

    if quality is None:
        for label in (T_ACCENTED, T_STRIPPED, T_TONE):
            add(label, None, "quality skipped")
    else:
        results = quality
        ours = {n: r.get("ours") for n, r in results.items()}
        missing = [n for n, r in ours.items() if r is None or "unavailable" in r]
        if missing or not ours:
            reason = ours_reason or "ours failed on " + ", ".join(missing)
            for label in (T_ACCENTED, T_STRIPPED, T_TONE):
                add(label, False, f"not measured: {reason}")
        else:
            margins, ratios, identical = [], [], []
            for name, res in results.items():
                best = max(
                    (res[a]["ndcg"]["as written"], a) for a in ANCHORS if a in res and "unavailable" not in res[a]
                )
                ours_acc = res["ours"]["ndcg"]["as written"]
                margins.append((ours_acc - best[0], name, ours_acc, best))
                ratios.append((res["ours"]["ndcg"]["stripped"] / ours_acc if ours_acc else 0.0, name))
                identical.append((res["ours"]["identical"], name))
            worst = min(margins)
            failing = [
                f"{SETS[n].label} {fmt(o)} < {fmt(b[0])} ({ENGINES[b[1]][0]})" for m, n, o, b in margins if m < 0
            ]
            add(
                T_ACCENTED,
                not failing,
                "; ".join(failing)
                if failing
                else f"smallest margin {worst[0]:+.3f} on {SETS[worst[1]].label} ({len(margins)} sets)",
            )
            low = min(ratios)
            add(
                T_STRIPPED,
                low[0] >= 0.95,
                f"lowest ratio {low[0]:.3f} on {SETS[low[1]].label}; "
                + ", ".join(f"{SETS[n].label} {r:.3f}" for r, n in ratios),
            )
            low = min(identical)
            add(
                T_TONE,
                low[0] == 1.0,
                f"lowest {low[0]:.1%} of queries identical on {SETS[low[1]].label}",
            )
    if speed is None:
        add(T_P95, None, "speed skipped")
        add(T_INDEXING, None, "speed skipped")
    else:
        ours = speed.get("ours", {})
        note = "" if docs == TARGET_DOCS else f" (measured at {docs:,} docs, target is for {TARGET_DOCS:,})"
        if "p95_ms" in ours:
            add(
                T_P95,
                ours["p95_ms"] <= TARGET_P95_MS,
                f"{ours['p95_ms']:.2f} ms{note}",
            )
            add(
                T_INDEXING,
                ours["docs_per_s"] >= TARGET_DOCS_PER_S,
                f"{ours['docs_per_s']:,.0f} articles/s{note}",
            )
            if "suggest_p95_ms" in ours:
                add(T_SUGGEST, ours["suggest_p95_ms"] <= 10, f"{ours['suggest_p95_ms']:.2f} ms{note}")
        else:
            add(T_P95, False, ours.get("error", "not measured"))
            add(T_INDEXING, False, ours.get("error", "not measured"))
    width = max(len(c[0]) for c in checks)
    for label, status, detail in checks:
        print(f"  {status:4}  {label.ljust(width)}  {detail}")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


# --- command line -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 2 sets (≤300 queries each), 5,000 docs, 200 queries"
    )
    parser.add_argument("--sets", help="comma-separated: " + ", ".join(SETS))
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--docs", type=int, help=f"speed corpus size (default {TARGET_DOCS:,})")
    parser.add_argument("--queries", type=int, help="speed queries (default 1,000)")
    parser.add_argument("--max-set-queries", type=int, help="sample at most this many queries per quality set")
    parser.add_argument("--_worker", choices=SPEED_ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--_queries-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--_out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    defaults = (
        QUICK if args.quick else {"sets": ",".join(SETS), "docs": TARGET_DOCS, "queries": 1000, "max_set_queries": 0}
    )
    for option, value in defaults.items():
        if getattr(args, option) is None:
            setattr(args, option, value)
    args.set_names = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in args.set_names if s not in SETS]
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(SETS)}")
    if args.docs < 1 or args.queries < 1:
        parser.error("--docs and --queries must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not DATA_DIR.is_dir():
        print(f"shared data not found at {DATA_DIR}: nothing to benchmark (see the data README in shared/data).")
        return 0
    if args._worker:
        speed_worker(args._worker, args.docs, args._queries_file, args._out)
        return 0
    ours_api, ours_reason = load_ours()
    print(f"search benchmark, {datetime.date.today().isoformat()}; data: {DATA_DIR}")
    print(
        "ours: toasoan.search.engine.tantivy_engine.TantivyEngine"
        + (f" unavailable ({ours_reason})" if ours_reason else "")
    )
    quality = speed = None
    if not args.skip_quality:
        results, counts = run_quality(args.set_names, ours_api, args.max_set_queries)
        if counts:
            print_quality(results, counts, ours_reason)
            quality = results
        else:
            print("\nQuality: no set could be read.")
    if not args.skip_speed:
        if not (DATA_DIR / "magizbox__scraper" / "baomoi_vn_news_sample20k.jsonl").is_file():
            print("\nSpeed: baomoi corpus not found; skipped.")
        else:
            speed, kinds = run_speed(args.docs, args.queries)
            print_speed(speed, kinds, args.docs)
    summary(quality, speed, args.docs, ours_reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
