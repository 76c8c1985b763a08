"""The Redis side of the durable queue and of the periodic jobs' locks, on a real redis-server
(tests/redis.py): jobs pushed on commit only, queued runs found and dropped, a lock held once,
renewed while held, expired when its holder died. The processes racing are in tests/tasks."""

import time

import pytest
import redis as redis_py
from django.db import transaction

from tests import redis as temp_redis
from toasoan.core import locks, periodic, taskqueue
from toasoan.core.tests.task_probe import record_run


@pytest.fixture(scope="module")
def redis_server():
    try:
        server = temp_redis.start_server()
    except temp_redis.RedisUnavailable as error:
        pytest.fail(str(error)) if temp_redis.required() else pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server, settings, monkeypatch):
    redis_py.Redis.from_url(redis_server.url).flushdb()
    settings.REDIS_URL = redis_server.url
    monkeypatch.setattr(locks, "_redis_client", None)
    yield redis_server.url
    locks._redis_client = None


@pytest.fixture
def rq_queue(redis_url, settings):
    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    settings.TASKS = {
        **settings.TASKS,
        "durable": {"BACKEND": "toasoan.core.taskqueue.OnCommitRQBackend", "QUEUES": ["default"]},
    }
    import django_rq

    return django_rq.get_queue("default")


def test_the_lock_follows_the_configuration(db, settings, redis_url):
    assert locks.kind() == "redis"
    settings.REDIS_URL = ""
    assert locks.kind() == "none"  # the test database is SQLite: one server, nothing to lock


def test_a_redis_lock_is_held_once_at_a_time(redis_url):
    with locks.held("job") as first:
        with locks.held("job") as second, locks.held("other job") as other:
            assert (first, second, other) == (True, False, True)
    with locks.held("job") as again:
        assert again


def test_a_running_job_keeps_its_lock_past_the_expiry(redis_url, monkeypatch):
    monkeypatch.setattr(locks, "REDIS_LOCK_SECONDS", 1)
    with locks.held("long job") as held:
        assert held
        time.sleep(1.6)  # longer than the expiry: renewed meanwhile
        with locks.held("long job") as other:
            assert not other


def test_the_lock_of_a_killed_scheduler_expires(redis_url):
    # A scheduler killed while it held the lock: nobody renews or releases it.
    dead = redis_py.Redis.from_url(redis_url).lock("toasoan:lock:job", timeout=1)
    assert dead.acquire(blocking=False)
    with locks.held("job") as held:
        assert not held
    time.sleep(1.2)
    with locks.held("job") as held:
        assert held


def test_a_scheduler_skips_a_job_another_one_is_running(db, redis_url, monkeypatch):
    calls = []
    monkeypatch.setattr(periodic, "_jobs", {})
    periodic.register("busy", lambda: calls.append("busy"))
    periodic.register("free", lambda: calls.append("free"))
    elsewhere = redis_py.Redis.from_url(redis_url).lock("toasoan:lock:periodic:busy", timeout=10)
    assert elsewhere.acquire(blocking=False)
    periodic.run_due_jobs()
    assert calls == ["free"]
    elsewhere.release()
    periodic.run_due_jobs()
    assert calls == ["free", "busy", "free"]


def test_advisory_keys_are_stable_signed_64_bit_integers():
    key = locks.advisory_key("periodic:publish_scheduled")
    assert key == locks.advisory_key("periodic:publish_scheduled") != locks.advisory_key("periodic:search_sync")
    assert -(2**63) <= key < 2**63


def test_a_task_reaches_redis_only_when_its_transaction_commits(db, rq_queue, django_capture_on_commit_callbacks):
    try:
        with transaction.atomic():
            record_run.enqueue(-1)
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert rq_queue.count == 0

    with django_capture_on_commit_callbacks(execute=True):
        result = record_run.enqueue(7)
        assert rq_queue.count == 0  # not before the commit
    assert rq_queue.job_ids == [result.id]
    job = rq_queue.fetch_job(result.id)
    assert (job.func_name, job.args) == (record_run.module_path, [7])
    assert record_run.get_backend().get_result(result.id).args == [7]


def test_queued_runs_of_a_task_are_discarded_by_argument(db, rq_queue, django_capture_on_commit_callbacks):
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        kept = record_run.enqueue(1)
        record_run.enqueue(2)
        record_run.enqueue(2)
    DatabaseBackend("durable", {"QUEUES": ["default"]}).enqueue(record_run, [2], {})  # waiting for Redis
    assert taskqueue.discard(record_run, 2) == 3
    assert rq_queue.job_ids == [kept.id]
    assert not DBTaskResult.objects.exists()


def test_queued_runs_are_discarded_from_the_database_queue_too(db):
    from django_tasks_db.models import DBTaskResult

    record_run.enqueue(1)
    record_run.enqueue(2)
    assert taskqueue.discard(record_run, 2) == 1
    assert [row.args_kwargs["args"] for row in DBTaskResult.objects.all()] == [[1]]


def test_a_failed_run_is_discarded_too(db, rq_queue, django_capture_on_commit_callbacks):
    from django_tasks_rq import Job
    from rq import SimpleWorker

    with django_capture_on_commit_callbacks(execute=True):
        record_run.enqueue(3)  # fails here: the test database has no task_probe_runs table
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)
    assert rq_queue.failed_job_registry.count == 1  # its arguments would stay there for a year
    assert taskqueue.discard(record_run, 3) == 1
    assert rq_queue.failed_job_registry.count == 0


def test_redis_down_at_commit_keeps_the_task_in_the_database_until_redis_is_back(
    db, rq_queue, settings, caplog, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    redis_url = settings.RQ_QUEUES["default"]["URL"]
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        record_run.enqueue(5)  # the commit itself does not fail
    assert "kept in the database queue" in caplog.text
    row = DBTaskResult.objects.get()
    assert (row.task_path, row.args_kwargs["args"]) == (record_run.module_path, [5])

    settings.RQ_QUEUES = {"default": {"URL": redis_url}}  # Redis is back: the scheduler's job
    assert taskqueue.move_database_tasks_to_redis() == 1
    assert not DBTaskResult.objects.exists()
    assert rq_queue.job_ids == [str(row.pk)]
    assert rq_queue.fetch_job(str(row.pk)).args == [5]


def test_a_row_pushed_but_not_yet_deleted_is_not_pushed_twice(db, rq_queue):
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    DatabaseBackend("durable", {"QUEUES": ["default"]}).enqueue(record_run, [8], {})
    row = DBTaskResult.objects.get()
    assert taskqueue.move_database_tasks_to_redis() == 1
    row.save(force_insert=True)  # as if the previous run had stopped between the push and the delete
    assert taskqueue.move_database_tasks_to_redis() == 1
    assert rq_queue.job_ids == [str(row.pk)]
    assert not DBTaskResult.objects.exists()


def test_nothing_moves_without_redis(db):
    from django_tasks_db.models import DBTaskResult

    record_run.enqueue(1)  # the test settings' database queue
    assert taskqueue.move_database_tasks_to_redis() == 0
    assert DBTaskResult.objects.count() == 1


def test_the_worker_follows_the_queue(settings, redis_url):
    from toasoan.core.management.commands.run_worker import uses_redis

    assert not uses_redis()  # the test settings' database queue
    settings.TASKS = {**settings.TASKS, "durable": {"BACKEND": "toasoan.core.taskqueue.OnCommitRQBackend"}}
    assert uses_redis()


def test_the_redis_backend_passes_the_system_checks(rq_queue):
    from django_tasks import task_backends

    assert list(task_backends["durable"].check()) == []
