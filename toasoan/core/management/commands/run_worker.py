import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.module_loading import import_string

from toasoan.core.taskqueue import OnCommitRQBackend


def uses_redis() -> bool:
    """Whether the "durable" queue is RQ's on Redis (REDIS_URL), not the database's."""
    return issubclass(import_string(settings.TASKS["durable"]["BACKEND"]), OnCommitRQBackend)


class Command(BaseCommand):
    help = (
        'Chạy tác vụ nền (hàng đợi "durable") cho đến khi bị dừng: một RQ worker trên Redis khi có '
        "REDIS_URL, db_worker khi hàng đợi nằm trong cơ sở dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Chạy hết các tác vụ đang chờ rồi thoát.")

    def handle(self, *, burst: bool, verbosity: int, **options):
        if uses_redis():
            self.rq_worker(burst=burst, verbosity=verbosity)
            return
        args = ["--backend", "durable", "--queue-name", "*", "--no-reload"]
        args += ["--batch", "--no-startup-delay"] if burst else ["--interval", "2"]
        call_command("db_worker", *args, verbosity=verbosity)

    def rq_worker(self, *, burst: bool, verbosity: int) -> None:
        """What django-rq's rqworker does, without installing django_rq as an app (its admin and
        migrations would make the two configurations' databases differ)."""
        from django_rq.workers import get_worker
        from redis.exceptions import ConnectionError
        from rq.logutils import setup_loghandlers

        level = "WARNING" if verbosity == 0 else "DEBUG" if verbosity >= 2 else "INFO"
        setup_loghandlers(level)
        queues = settings.TASKS["durable"].get("QUEUES", ["default"])
        # RQ's default worker forks a child per job: a crash or leak in one task does not take the
        # worker down; no database connection is shared with the children or outlives a job.
        worker = get_worker(*queues, job_class="django_tasks_rq.Job")
        connections.close_all()
        try:
            worker.work(burst=burst, with_scheduler=not burst, logging_level=level)
        except ConnectionError as error:
            self.stderr.write(f"Không kết nối được Redis (REDIS_URL): {error}")
            sys.exit(1)
