"""Article page: median server time and SQL queries, against the 404 page as a same-run baseline.

    .venv/bin/python bench/article_page.py [--requests 300] [--extra-articles 300]

Runs in-process through Django's full middleware stack on a throw-away SQLite database with the
demo content, plus extra articles in the seed's section (to show the query count does not grow).
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def median_ms(client, url: str, n: int, expected: int) -> float:
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == expected, (url, response.status_code)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--extra-articles", type=int, default=300)
    args = parser.parse_args()

    os.environ["TOASOAN_VAR_DIR"] = tempfile.mkdtemp(prefix="toasoan-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    os.environ.setdefault("TOASOAN_ADMIN_PASSWORD", "bench-only-password")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from toasoan.news.demo import SEED_SECTION
    from toasoan.news.models import ArticlePage, SectionPage
    from toasoan.news.services import ArticleData, article_import

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    section = SectionPage.objects.get(title=SEED_SECTION)
    for i in range(args.extra_articles):
        day = datetime.date(2021, 1, 1) + datetime.timedelta(days=i % 300)
        article_import(
            section=section,
            data=ArticleData(title=f"Bài lưu trữ số {i}", date=day, body_html=f"<p>Nội dung {i}</p>"),
        )
    seed = ArticlePage.objects.get(title__startswith="Sở Khoa học và Công nghệ ban hành")
    url = seed.url
    client = Client(HTTP_HOST="localhost")
    client.get(url)  # warm caches (templates, site root paths)

    queries = []
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        client.get(url)
    if os.environ.get("BENCH_SHOW_SQL"):
        print("\n".join(q[:160] for q in queries))
    article_ms = median_ms(client, url, args.requests, 200)
    baseline_ms = median_ms(client, "/khong-co-trang-nay/", args.requests, 404)
    in_section = ArticlePage.objects.child_of(section).count()
    print(f"articles in the seed's section: {in_section}")
    print(f"article page: median {article_ms:.2f} ms over {args.requests} requests, {len(queries)} SQL queries")
    print(f"baseline (404 page, same stack): median {baseline_ms:.2f} ms")
    print(f"ratio article/baseline: {article_ms / baseline_ms:.2f}")


if __name__ == "__main__":
    main()
