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
from django_tasks.base import TASK_MAX_PRIORITY, Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
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
        # After the commit: failing the request now would only make the person send it again.
        try:
            self._push(task, result)
        except Exception:
            logger.exception("Durable task %s (%s) NOT queued: Redis unreachable?", task.module_path, result.id)

    def _push(self, task: Task, result: TaskResult) -> None:
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=result.args,
            kwargs=result.kwargs,
            job_id=result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
        )
        if task.run_after is None:
            job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            job = queue.schedule_job(job, task.run_after)
        object.__setattr__(result, "enqueued_at", job.enqueued_at)
        task_enqueued.send(type(self), task_result=result)

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


def discard(task: Task, first_arg: Any) -> int:
    """Forget the runs of `task` whose first argument is `first_arg`, queued or done (privacy
    erase: no mail about an erased case, no copy of its text left in the queue), whichever queue
    holds them. Returns how many were dropped."""
    backend = task.get_backend()
    if isinstance(backend, OnCommitRQBackend):
        return backend.discard(task, first_arg)
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path=task.module_path, args_kwargs__args__0=first_arg)
    return rows.delete()[0]
