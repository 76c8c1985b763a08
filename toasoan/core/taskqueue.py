"""The "durable" task queue (docs/tasks.md): on Redis when REDIS_URL is set, else in the database.

django-tasks-rq pushes a job to Redis the moment a task is enqueued, even inside a transaction
that then rolls back (django-tasks 0.12 has no ENQUEUE_ON_COMMIT any more). OnCommitRQBackend
pushes it when the transaction commits, as the database queue's rows are committed with the
change: a rolled-back change queues nothing, and the worker never runs before the rows it reads
exist."""

import logging
from collections.abc import Iterable
from typing import Any

import django_rq
from django.core.checks import CheckMessage
from django.db import transaction
from django_tasks import task_backends
from django_tasks.base import TASK_MAX_PRIORITY, Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_db.backend import DatabaseBackend
from django_tasks_rq.backend import Job, RQBackend, failed_callback, success_callback
from rq.job import Callback, JobStatus

logger = logging.getLogger(__name__)


class OnCommitRQBackend(RQBackend):
    """django-tasks-rq's backend, pushing to Redis on commit of the current transaction."""

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._push_or_log(task, result))
        return result

    def check(self, **kwargs: Any) -> Iterable[CheckMessage]:
        # Only django-rq's queue helpers are used (run_worker starts the worker), not its app.
        for message in super().check(**kwargs):
            if "django_rq app not installed" not in message.msg:
                yield message

    def _push_or_log(self, task: Task, result: TaskResult) -> None:
        try:
            job = self._push(task, result.id, result.args, result.kwargs)
        except Exception:
            # After the commit: failing the request now would only make the person send it again.
            # The database queue keeps it; the scheduler moves it to Redis once Redis is back.
            logger.exception("Redis unreachable: durable task %s kept in the database queue", task.module_path)
            DatabaseBackend(self.alias, {"QUEUES": list(self.queues)}).enqueue(task, result.args, result.kwargs)
            return
        object.__setattr__(result, "enqueued_at", job.enqueued_at)
        task_enqueued.send(type(self), task_result=result)

    def _push(self, task: Task, job_id: str, args: Any, kwargs: Any) -> Job:
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=args,
            kwargs=kwargs,
            job_id=job_id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
        )
        if task.run_after is None:
            return queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        return queue.schedule_job(job, task.run_after)

    def move_from_database(self, limit: int = 100) -> int:
        """Push waiting rows of the database queue to Redis and delete them; returns how many."""
        from django_tasks_db.models import DBTaskResult

        moved = 0
        rows = DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("enqueued_at")[:limit]
        for row in rows:
            job_id = str(row.id)  # pushed already if a previous run stopped before the delete
            if not Job.exists(job_id, connection=django_rq.get_connection(row.queue_name)):
                try:
                    task = row.task.using(backend=self.alias)
                except Exception:  # its code is gone (renamed, removed): leave it for a person
                    logger.exception("Durable task %s (%s) cannot be moved to Redis", row.task_path, row.id)
                    continue
                self._push(task, job_id, row.args_kwargs["args"], row.args_kwargs["kwargs"])
            row.delete()
            moved += 1
        return moved

    def discard(self, task: Task, first_arg: Any) -> int:
        """Delete the jobs of `task` whose first argument is `first_arg`: waiting, finished or
        failed (their arguments stay in Redis for a while); not one running now."""
        deleted = 0
        for queue in self._get_queues():
            job_ids = queue.get_job_ids()
            for registry in (
                queue.scheduled_job_registry,
                queue.deferred_job_registry,
                queue.finished_job_registry,
                queue.failed_job_registry,
                queue.canceled_job_registry,
            ):
                job_ids += registry.get_job_ids()
            for job in Job.fetch_many(job_ids, connection=queue.connection):
                if job is not None and job.func_name == task.module_path and list(job.args[:1]) == [first_arg]:
                    job.delete()
                    deleted += 1
        return deleted


def move_database_tasks_to_redis() -> int:
    """The scheduler's job with REDIS_URL: tasks in the database queue (kept there while Redis was
    unreachable, or queued before the switch to Redis) go to Redis."""
    backend = task_backends["durable"]
    return backend.move_from_database() if isinstance(backend, OnCommitRQBackend) else 0


def discard(task: Task, first_arg: Any) -> int:
    """Forget the runs of `task` whose first argument is `first_arg`, queued or done (privacy
    erase: no mail about an erased case, no copy of its text left in the queue), whichever queue
    holds them. Returns how many were dropped."""
    from django_tasks_db.models import DBTaskResult

    # The database queue: the whole queue, or (with Redis) what waits there for Redis to be back.
    rows = DBTaskResult.objects.filter(task_path=task.module_path, args_kwargs__args__0=first_arg)
    deleted = rows.delete()[0]
    backend = task.get_backend()
    if isinstance(backend, OnCommitRQBackend):
        deleted += backend.discard(task, first_arg)
    return deleted
