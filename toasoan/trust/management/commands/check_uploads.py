"""manage.py check_uploads: stored documents and images that today's upload checker would refuse
(toasoan/trust/uploads/scan.py). Reports, never deletes; --fail exits non-zero when it finds any."""

from django.core.management.base import BaseCommand, CommandError

from toasoan.trust.uploads.scan import scan_stored


class Command(BaseCommand):
    help = "Liệt kê tài liệu và ảnh đã lưu mà bộ kiểm tra tệp hiện nay sẽ từ chối (không xóa gì)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fail", action="store_true", help="Thoát với mã lỗi khi có tệp bị từ chối.")

    def handle(self, *args, fail: bool = False, **options) -> None:
        report = scan_stored()
        for finding in report.findings:
            self.stdout.write(str(finding))
        summary = f"Đã kiểm tra {report.checked} tệp: {len(report.findings)} tệp sẽ bị từ chối nếu tải lên hôm nay."
        self.stdout.write(summary)
        if fail and report.findings:
            raise CommandError(summary)
