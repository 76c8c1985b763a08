from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from toasoan.core.personal_data import Person
from toasoan.trust.privacy import services


class Command(BaseCommand):
    help = "Trích xuất toàn bộ dữ liệu cá nhân của một người (theo thư điện tử và/hoặc số điện thoại) ra tệp ZIP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="", help="thư điện tử của người yêu cầu")
        parser.add_argument("--phone", default="", help="số điện thoại của người yêu cầu")
        parser.add_argument(
            "--output", type=Path, default=Path("."), help="thư mục ghi tệp ZIP (mặc định: thư mục hiện tại)"
        )

    def handle(self, *args, email: str, phone: str, output: Path, **options) -> None:
        try:
            person = Person.from_input(email=email, phone=phone)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not output.is_dir():
            raise CommandError(f"Thư mục {output} không tồn tại.")
        archive = services.export_archive(person=person)
        path = output / archive.filename
        path.write_bytes(archive.content)
        path.chmod(0o600)  # personal data: readable by its owner only
        total = sum(archive.counts.values())
        self.stdout.write(self.style.SUCCESS(f"Đã trích xuất {total} bản ghi vào {path}"))
