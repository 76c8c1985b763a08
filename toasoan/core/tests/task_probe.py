"""A durable task the queue tests (tests/tasks) enqueue in a real portal process: each run leaves
a row in `task_probe_runs`, a table the test makes, with the process that ran it."""

import os
import time

from django.db import connection
from django_tasks import task


@task(backend="durable")
def record_run(number: int) -> None:
    time.sleep(0.15)  # long enough that both workers get some of the tasks
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO task_probe_runs (number, pid, parent_pid) VALUES (%s, %s, %s)",
            [number, os.getpid(), os.getppid()],
        )
