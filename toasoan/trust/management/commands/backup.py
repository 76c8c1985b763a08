from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from toasoan.trust import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên (media) vào một tệp lưu trữ .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="thư mục chứa bản sao lưu (mặc định <VAR_DIR>/backups)")

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            path = backup.create_backup(output, warn=lambda message: self.stderr.write(self.style.WARNING(message)))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {path}"))
