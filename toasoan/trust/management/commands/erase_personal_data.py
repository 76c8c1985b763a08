from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from toasoan.core.personal_data import Person
from toasoan.trust.privacy import selectors, services


class Command(BaseCommand):
    help = (
        "Xóa dữ liệu cá nhân của một người (theo thư điện tử và/hoặc số điện thoại) trong mọi mục, trong một giao "
        "dịch: hoặc xóa hết, hoặc không thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="", help="thư điện tử của người yêu cầu")
        parser.add_argument("--phone", default="", help="số điện thoại của người yêu cầu")
        parser.add_argument("--yes", action="store_true", help="xóa ngay, không hỏi lại")

    def handle(self, *args, email: str, phone: str, yes: bool, **options) -> None:
        try:
            person = Person.from_input(email=email, phone=phone)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        found = selectors.holdings(person)
        for item in found:
            self.stdout.write(f"{item.label}: {item.holding.count} bản ghi")
        if not selectors.total(found):
            self.stdout.write("Không có dữ liệu nào về người này.")
            return
        if not yes and input("Xóa vĩnh viễn? Gõ “xoa” để xác nhận: ").strip().lower() not in ("xoa", "xóa"):
            raise CommandError("Đã hủy: không có gì bị xóa.")
        report = services.erase(person=person)
        for label, result in report.results:
            self.stdout.write(f"{label}: đã xóa {result.deleted}, đã ẩn danh {result.anonymised}")
        self.stdout.write(self.style.SUCCESS(f"Đã xóa dữ liệu cá nhân: {report.total} bản ghi."))
