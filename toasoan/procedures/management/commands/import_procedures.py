from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toasoan.procedures import services
from toasoan.procedures.models import ProcedureIndexPage


class Command(BaseCommand):
    help = (
        "Nhập danh sách thủ tục hành chính từ tệp CSV (UTF-8) hoặc Excel (.xlsx). Nhận biết thủ tục theo mã: "
        "mã mới được tạo, mã đã có được cập nhật; các dòng lỗi được liệt kê kèm lý do."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .csv hoặc .xlsx")
        parser.add_argument("--publish", action="store_true", help="Xuất bản ngay (mặc định: lưu nháp chờ duyệt)")
        parser.add_argument(
            "--index", type=int, help="ID trang “Danh mục thủ tục hành chính” (mặc định: trang của site chính)"
        )

    def handle(self, *args, file: str, publish: bool, index: int | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        index_page = None
        if index is not None:
            index_page = ProcedureIndexPage.objects.filter(pk=index).first()
            if index_page is None:
                raise CommandError(f"Không có trang “Danh mục thủ tục hành chính” với ID {index}.")
        report = services.procedures_import(
            data=path.read_bytes(), filename=path.name, index=index_page, publish=publish
        )
        if report.file_error:
            raise CommandError(report.summary())
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        for result in report.results:
            self.stdout.write(f"Dòng {result.row_number}: {result.code} – {result.action_label}")
        for error in report.errors:
            self.stderr.write(
                self.style.ERROR(f"Dòng {error.row_number} ({error.code or 'không mã'}): {error.message}")
            )
        self.stdout.write(report.summary())
        if report.errors:
            raise CommandError(f"{len(report.errors)} dòng lỗi không được nhập.")
