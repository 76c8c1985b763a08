import sys

from django.core.management.base import BaseCommand

from toasoan.search.backends import follows_database
from toasoan.search.follow import follow


class Command(BaseCommand):
    help = (
        "Cập nhật chỉ mục tìm kiếm của máy chủ này theo cơ sở dữ liệu (PostgreSQL với tantivy); "
        "máy chủ mới dựng chỉ mục đầy đủ. bin/web chạy lệnh này trước khi phục vụ."
    )

    def handle(self, **options):
        if not follows_database():
            self.stdout.write("Chỉ mục tìm kiếm không theo cơ sở dữ liệu ở cấu hình này: không có gì để làm.")
            return

        def show(done: int, total: int) -> None:
            self.stderr.write(f"\rLập chỉ mục {done}/{total}", ending="\n" if done >= total else "")
            sys.stderr.flush()

        applied = follow(progress=show if options["verbosity"] else None)
        self.stdout.write(self.style.SUCCESS(f"Chỉ mục tìm kiếm đã cập nhật ({applied} mục)."))
