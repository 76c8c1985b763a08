from django.core.management.base import BaseCommand, CommandParser

from toasoan.publishing import pagecache, static_copies


class Command(BaseCommand):
    help = "Trang đệm (page cache): clear sau khi triển khai, warm để ghi bản sao dự phòng của mọi trang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["clear", "warm", "prune"])
        parser.add_argument("--limit", type=int, default=100_000, help="warm: số trang tối đa")

    def handle(self, *args, action: str, limit: int, **options) -> None:
        store = pagecache.get_store()
        if action == "clear":
            store.clear()
            self.stdout.write("Đã làm mới toàn bộ trang đệm.")
        elif action == "prune":
            self.stdout.write(f"Đã xoá {store.prune()} thế hệ cũ.")
        else:
            self.stdout.write(f"Đã ghi {static_copies.warm(limit=limit)} bản sao dự phòng.")
