import sys

from django.core.management.base import BaseCommand, CommandError

from toasoan.news.importer import import_paths

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Nhập bài viết từ tệp văn bản (định dạng trang cũ) hoặc JSON Lines. Chạy lại sẽ cập nhật, không nhân bản."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Tệp hoặc thư mục (.txt, .jsonl)")
        parser.add_argument(
            "--section",
            default="Tin tức - Sự kiện",
            help="Chuyên mục cho tệp văn bản và cho dòng JSON không có “section” (tạo mới nếu chưa có)",
        )

    def _progress(self, done: int, total: int, path) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        end = "\n" if done == total else ""
        self.stderr.write(f"\r[{bar}] {done}/{total} {path.name[:40]:<40}", ending=end)
        sys.stderr.flush()

    def handle(self, *args, paths: list[str], section: str, **options):
        report = import_paths(paths, default_section=section, on_progress=self._progress)
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"Lỗi: {error}"))
        summary = f"Đã tạo: {report.created}, đã cập nhật: {report.updated}, lỗi: {report.failed}"
        if report.failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
