"""The search page end to end: /tim-kiem/ through Django's whole stack on SQLite (WAL), with the
2,653 dated Dân trí articles imported as real, published articles.

    .venv/bin/python bench/search_page.py [--articles 2653] [--queries 500]

Prints the median and p95 of the search page and of the suggestions endpoint, against the 404 page
(same stack and base template, no search) as a baseline measured in the same run. The engine alone
at 100,000 articles is bench/search.py's job.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DANTRI = REPO.parent / "shared" / "data" / "undertheseanlp__resources" / "CP_Vietnamese-UNC.dantri.jsonl"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(client, path: str, expected: int) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == expected, (path, response.status_code)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2653)
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()
    if not DANTRI.exists():
        print(f"{DANTRI} is absent: nothing to measure.")
        return 0

    var = tempfile.mkdtemp(prefix="toasoan-bench-search-")
    os.environ.update(
        TOASOAN_VAR_DIR=var,
        DJANGO_SETTINGS_MODULE="toasoan.settings.dev",
        TOASOAN_ADMIN_PASSWORD="bench-only-password",
        DJANGO_LOG_LEVEL="ERROR",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from toasoan.search.analysis import fold

    rows = [json.loads(line) for line in DANTRI.open(encoding="utf-8")][: args.articles]
    source = Path(var) / "dantri.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for row in rows:
            record = {
                "title": row["title"],
                "date": row["date"],
                "section": row["category"],
                "body_text": row["body"],
                "source_url": row["url"],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    devnull = open(os.devnull, "w")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", stdout=devnull)
    start = time.perf_counter()
    call_command("import_articles", str(source), stdout=devnull, stderr=devnull)
    import_s = time.perf_counter() - start

    rng = random.Random(11)
    queries = []
    for _ in range(args.queries):
        words = rng.choice(rows)["title"].split()
        n = rng.randint(1, min(4, len(words)))
        i = rng.randint(0, len(words) - n)
        q = " ".join(words[i : i + n])
        queries.append(fold(q) if rng.random() < 0.5 else q)

    client = Client(HTTP_HOST="localhost")
    for q in queries[:20]:  # warm up
        client.get("/tim-kiem/?" + urlencode({"q": q}))
    page = [timed(client, "/tim-kiem/?" + urlencode({"q": q}), 200) for q in queries]
    suggest = [timed(client, "/tim-kiem/goi-y/?" + urlencode({"q": q[: max(2, len(q) - 2)]}), 200) for q in queries]
    baseline = [timed(client, "/khong-co-trang-nay/", 404) for _ in queries]

    print(f"search page benchmark, {time.strftime('%Y-%m-%d')}; {len(rows):,} Dân trí articles")
    print(f"import: {len(rows) / import_s:,.0f} articles/s through import_articles (pages, revisions, index)")
    for label, values in (("search page", page), ("suggestions", suggest), ("404 baseline", baseline)):
        print(f"{label:13} median {statistics.median(values):6.2f} ms   p95 {percentile(values, 95):6.2f} ms")
    print(f"search page / baseline (median): {statistics.median(page) / statistics.median(baseline):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
