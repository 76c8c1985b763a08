import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from toasoan.core.periodic import run_forever


class Command(BaseCommand):
    help = "Chạy các việc định kỳ (xuất bản theo lịch, đồng bộ chỉ mục tìm kiếm) cho đến khi bị dừng."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=settings.TOASOAN_SCHEDULER_INTERVAL)

    def handle(self, *, interval: float, **options):
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"Việc định kỳ: chạy mỗi {interval:g} giây.")
        run_forever(interval, stop)
