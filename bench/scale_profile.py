"""Where an uncached search request's time goes (bench/scale.py runs this on its "one" database):

    DATABASE_URL=... TOASOAN_SEARCH_PATH=... .venv/bin/python -m bench.scale_profile QUERIES.json

In process, through Django's whole stack (test client, the site's Host), each query once after a
warm-up: wall and CPU time per request, split into the search engine (tantivy in this process,
or with TOASOAN_SEARCH_BACKEND=postgres SQL that PostgreSQL runs), the ORM's queries, and the rest
(Python in this process); then the functions that cost the most (cProfile, own time)."""

import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    paths, host = json.loads(Path(sys.argv[1]).read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from toasoan.search.backends import get_engine

    engine = get_engine()
    spent = {"engine": 0.0, "orm": 0.0}
    search = engine.search

    def timed_search(request):
        start = time.perf_counter()
        try:
            return search(request)
        finally:
            spent["engine"] += time.perf_counter() - start

    engine.search = timed_search

    def orm_timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["orm"] += time.perf_counter() - start

    client = Client(HTTP_HOST=host)
    for path in paths[:30]:
        client.get(path)
    spent.update(engine=0.0, orm=0.0)
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(orm_timer):
        for path in paths:
            if client.get(path).status_code != 200:
                raise RuntimeError(f"{path}: not 200")
    count = len(paths)
    wall, cpu = (time.perf_counter() - wall) / count * 1000, (time.process_time() - cpu) / count * 1000
    engine_ms, orm_ms = spent["engine"] / count * 1000, spent["orm"] / count * 1000
    print(f"  in process, through Django's stack, {count} queries, one at a time:")
    print(
        f"    wall {wall:.1f} ms a request, of which engine.search {engine_ms:.1f} ms"
        f" ({settings.TOASOAN_SEARCH['BACKEND']}) and ORM queries {orm_ms:.1f} ms; CPU of this process {cpu:.1f} ms"
    )
    statements: list[tuple[float, str]] = []

    def recorder(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(((time.perf_counter() - start) * 1000, " ".join(sql.split())[:110]))

    with connection.execute_wrapper(recorder):
        client.get(paths[-1])
    print(f"    the ORM queries of one request ({len(statements)}):")
    for elapsed, statement in statements:
        print(f"      {elapsed:6.2f} ms  {statement}")
    profile = cProfile.Profile()
    profile.enable()
    for path in paths:
        client.get(path)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print("    most own time (cProfile, a second pass):")
    for line in lines[start : start + 16]:
        print("    " + line[:150])
    return 0


if __name__ == "__main__":
    sys.exit(main())
