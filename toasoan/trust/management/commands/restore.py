import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from toasoan.search.sync import rebuild_engine
from toasoan.trust import backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp tải lên từ một bản sao lưu (thay thế dữ liệu hiện có)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="tệp sao lưu .tar.gz")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại trước khi thay thế dữ liệu")

    def handle(self, *args, archive: Path, yes: bool, **options) -> None:
        try:
            manifest = backup.verify_backup(archive)
            self.stdout.write(
                f"Bản sao lưu hợp lệ: tạo lúc {manifest['created_at']}, {len(manifest['files'])} tệp, "
                f"cơ sở dữ liệu {manifest['engine']}."
            )
            if not yes:
                if not sys.stdin.isatty():
                    raise CommandError("Khôi phục sẽ thay thế toàn bộ dữ liệu hiện có: thêm --yes để xác nhận.")
                answer = input("Khôi phục sẽ thay thế toàn bộ dữ liệu hiện có. Gõ 'co' để tiếp tục: ")
                if answer.strip().lower() not in {"co", "có"}:
                    raise CommandError("Đã huỷ khôi phục, dữ liệu không thay đổi.")
            backup.restore_backup(archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Đã khôi phục cơ sở dữ liệu và tệp tải lên; trang đệm đã được làm mới."))
        # The restored database holds the search entries; the engine's index (a directory beside the
        # database, or PostgreSQL tables) is rebuilt from them so search matches the restored content.
        indexed = rebuild_engine()
        self.stdout.write(f"Đã dựng lại chỉ mục tìm kiếm ({indexed} mục).")
        self.stdout.write("Hãy khởi động lại máy chủ (bin/serve hoặc dịch vụ systemd).")
