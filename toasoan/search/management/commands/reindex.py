import sys

from django.core.management.base import BaseCommand

from toasoan.search.services import rebuild_entries
from toasoan.search.sync import rebuild_engine

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Dựng lại toàn bộ chỉ mục tìm kiếm từ nội dung đang công khai."

    def _bar(self, label: str):
        def show(done: int, total: int) -> None:
            filled = BAR_WIDTH * done // max(total, 1)
            end = "\n" if done >= total else ""
            self.stderr.write(f"\r{label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending=end)
            sys.stderr.flush()

        return show

    def handle(self, **options):
        public = rebuild_entries(progress=self._bar("Đọc nội dung "))
        indexed = rebuild_engine(progress=self._bar("Lập chỉ mục  "))
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {indexed} mục ({public} nội dung công khai)."))
