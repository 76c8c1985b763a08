from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from toasoan.core.taskqueue import OnCommitRQBackend


def worker_command(*, burst: bool = False) -> list[str]:
    """The worker of the configured "durable" queue, as a manage.py command line."""
    config = settings.TASKS["durable"]
    if issubclass(import_string(config["BACKEND"]), OnCommitRQBackend):
        # RQ's default worker forks a child per job: a crash or leak in one task does not take
        # the worker down, and no database connection outlives its job.
        command = ["rqworker", *config.get("QUEUES", ["default"]), "--job-class", "django_tasks_rq.Job"]
        return [*command, "--burst"] if burst else [*command, "--with-scheduler"]
    command = ["db_worker", "--backend", "durable", "--queue-name", "*", "--no-reload"]
    return [*command, "--batch", "--no-startup-delay"] if burst else [*command, "--interval", "2"]


class Command(BaseCommand):
    help = (
        'Chạy tác vụ nền (hàng đợi "durable") cho đến khi bị dừng: rqworker trên Redis khi có '
        "REDIS_URL, db_worker khi hàng đợi nằm trong cơ sở dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Chạy hết các tác vụ đang chờ rồi thoát.")

    def handle(self, *, burst: bool, verbosity: int, **options):
        name, *args = worker_command(burst=burst)
        call_command(name, *args, verbosity=verbosity)
