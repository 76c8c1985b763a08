from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Site

from toasoan.publishing import invalidation, pagecache, static_copies


class Command(BaseCommand):
    help = (
        "Trang đệm (page cache): clear sau khi triển khai (--site: chỉ một trang), "
        "warm để ghi bản sao dự phòng của mọi trang, prune để xoá thế hệ cũ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["clear", "warm", "prune"])
        parser.add_argument("--limit", type=int, default=100_000, help="warm: số trang tối đa")
        parser.add_argument("--site", metavar="HOSTNAME", help="clear: chỉ làm mới trang có tên miền này")

    def handle(self, *args, action: str, limit: int, site: str | None, **options) -> None:
        store = pagecache.get_store()
        if action == "clear" and site:
            found = Site.objects.filter(hostname__iexact=site).values_list("pk", flat=True)
            if not found:
                raise CommandError(f"Không có trang nào với tên miền “{site}”.")
            hosts = invalidation.hosts_of(set(found))
            store.bump(hosts)
            self.stdout.write(f"Đã làm mới trang đệm của {', '.join(sorted(hosts))}.")
        elif action == "clear":
            store.clear()
            self.stdout.write("Đã làm mới toàn bộ trang đệm.")
        elif action == "prune":
            self.stdout.write(f"Đã xoá {store.prune()} thế hệ cũ.")
        else:
            self.stdout.write(f"Đã ghi {static_copies.warm(limit=limit)} bản sao dự phòng.")
