"""Background tasks and periodic jobs run exactly once with several processes, on a real
PostgreSQL and a real Redis (docs/tasks.md). For each configuration — with REDIS_URL (Redis queue,
Redis locks) and without (database queue, PostgreSQL advisory locks) — two task workers
(bin/worker) and two schedulers (manage.py run_scheduler, ticking every 0.1 s) run at once:

- N tasks: each runs once, and both workers took some;
- a task enqueued in a transaction that rolls back is never queued;
- pages that fall due for publishing together: each is published once (one
  "wagtail.publish.scheduled" log entry).

The database is the session's prepared PostgreSQL template (tests/prepared.py), restored once."""

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests import postgres
from tests import redis as temp_redis
from tests.prepared import prepared_var_dir
from tests.servers import REPO

pytestmark = pytest.mark.servers
PYTHON = str(REPO / ".venv" / "bin" / "python")
TASKS = 30
PAGES = 10

ENQUEUE = f"""
from django.db import transaction
from toasoan.core.tests.task_probe import record_run

for number in range({TASKS}):
    with transaction.atomic():
        record_run.enqueue(number)
try:
    with transaction.atomic():
        record_run.enqueue(-1)
        raise RuntimeError("rolled back")
except RuntimeError:
    pass
"""

# Scheduled an hour ahead, then all made due in one commit: the schedulers race for them.
SCHEDULE_PAGES = f"""
import datetime
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

root = Page.get_first_root_node()
stamp = timezone.now().strftime("%H%M%S%f")
pages = []
for number in range({PAGES}):
    page = root.add_child(instance=Page(title=f"Hẹn giờ {{number}}", slug=f"hen-gio-{{stamp}}-{{number}}", live=False))
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()  # a future go-live only schedules it
    pages.append(page.pk)
due = timezone.now() - datetime.timedelta(seconds=1)
with transaction.atomic():
    Page.objects.filter(pk__in=pages).update(go_live_at=due)
    for revision in Revision.objects.filter(object_id__in=[str(pk) for pk in pages], approved_go_live_at__isnull=False):
        revision.content["go_live_at"] = due.isoformat()
        revision.approved_go_live_at = due
        revision.save(update_fields=["content", "approved_go_live_at"])
print(",".join(map(str, pages)))
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    try:
        database = postgres.start_server()
    except postgres.PostgresUnavailable as error:
        pytest.fail(str(error)) if postgres.required() else pytest.skip(str(error))
    try:
        redis = temp_redis.start_server()
    except temp_redis.RedisUnavailable as error:
        database.stop()
        pytest.fail(str(error)) if temp_redis.required() else pytest.skip(str(error))
    try:
        env = prepared_var_dir(tmp_path_factory.mktemp("tasks") / "var", database)
        env.pop("REDIS_URL", None)
        # No page cache upkeep (it would render every page for its outage copy): not what is tested.
        env.update(DJANGO_LOG_LEVEL="ERROR", PYTHONUNBUFFERED="1", TOASOAN_PAGE_CACHE="0")
        sql(database, "CREATE TABLE task_probe_runs (number int, pid int, parent_pid int)")
        yield database, redis, env
    finally:
        redis.stop()
        database.stop()


@pytest.fixture(scope="module", params=["redis", "postgresql"])
def running(request, servers, tmp_path_factory):
    """Two workers and two schedulers of one configuration, on the same database."""
    database, redis, env = servers
    if request.param == "redis":
        import redis as redis_py

        redis_py.Redis.from_url(redis.url).flushdb()
        env = {**env, "REDIS_URL": redis.url}
    logs_dir = tmp_path_factory.mktemp(f"tasks-{request.param}")
    workers = [start([str(REPO / "bin" / "worker")], env, logs_dir / f"worker-{n}.log") for n in (1, 2)]
    scheduler_logs = [logs_dir / f"scheduler-{n}.log" for n in (1, 2)]
    command = [PYTHON, "manage.py", "run_scheduler", "--interval", "0.1"]
    schedulers = [start(command, env, log) for log in scheduler_logs]
    logs = sorted(logs_dir.iterdir())
    try:
        wait_for(lambda: all("Việc định kỳ" in log.read_text() for log in scheduler_logs), 60, "no scheduler", logs)
        yield request.param, database, env, workers, logs
    finally:
        stop(workers + schedulers)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def sql(database: postgres.TempPostgres, query: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(database.dsn, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(condition, timeout: float, what: str, logs: list[Path]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    tails = "\n".join(f"--- {log}\n{log.read_text(errors='replace')[-2000:]}" for log in logs if log.exists())
    pytest.fail(f"{what} within {timeout} s\n{tails}")


def test_two_workers_run_each_task_once_and_nothing_from_a_rollback(running):
    mode, database, env, workers, logs = running
    sql(database, "TRUNCATE task_probe_runs")
    if mode == "redis":  # both RQ workers listening (a db_worker polls every 2 s: a late one catches up)
        import redis as redis_py
        from rq import Worker

        client = redis_py.Redis.from_url(env["REDIS_URL"])
        wait_for(lambda: len(Worker.all(connection=client)) == 2, 30, "the RQ workers did not start", logs)
    manage(env, "shell", "-c", ENQUEUE)
    count = "SELECT count(*) FROM task_probe_runs"
    wait_for(lambda: sql(database, count)[0][0] >= TASKS, 60, f"{TASKS} tasks did not run", logs)
    time.sleep(1)  # a task run twice, or the rolled-back one, would show up by now
    runs = sql(database, "SELECT number, pid, parent_pid FROM task_probe_runs")
    assert Counter(number for number, *_ in runs) == Counter(range(TASKS))  # once each, never -1
    # rqworker forks a child per task (its parent is the worker); db_worker runs tasks itself.
    worker_pids = {worker.pid for worker in workers}
    assert {pid if pid in worker_pids else parent for _, pid, parent in runs} == worker_pids
    if mode == "redis":
        import redis as redis_py

        assert redis_py.Redis.from_url(env["REDIS_URL"]).llen("rq:queue:default") == 0
        assert sql(database, "SELECT count(*) FROM django_tasks_database_dbtaskresult") == [(0,)]
    else:
        left = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status <> 'SUCCESSFUL'"
        assert sql(database, left) == [(0,)]


def test_two_schedulers_publish_each_due_page_once(running):
    _, database, env, _, logs = running
    output = manage(env, "shell", "-c", SCHEDULE_PAGES).strip().splitlines()[-1]
    pages = [int(pk) for pk in output.split(",")]
    live = "SELECT count(*) FROM wagtailcore_page WHERE live AND id = ANY(%s)"
    wait_for(lambda: sql(database, live, (pages,))[0][0] == PAGES, 30, "the due pages were not published", logs)
    time.sleep(1)  # more ticks of both schedulers
    published = "SELECT page_id FROM wagtailcore_pagelogentry WHERE action = 'wagtail.publish.scheduled'"
    entries = sql(database, published + " AND page_id = ANY(%s)", (pages,))
    assert Counter(page for (page,) in entries) == Counter(pages)
    still_scheduled = "SELECT count(*) FROM wagtailcore_revision WHERE object_id = ANY(%s)"
    still_scheduled += " AND approved_go_live_at IS NOT NULL"
    assert sql(database, still_scheduled, ([str(pk) for pk in pages],)) == [(0,)]
