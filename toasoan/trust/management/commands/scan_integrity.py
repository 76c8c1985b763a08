"""manage.py scan_integrity: the full content integrity scan, for monitoring.

Exit status 1 when high-severity findings are open after the scan (0 otherwise)."""

from django.core.management.base import BaseCommand

from toasoan.trust.integrity import selectors, services


class Command(BaseCommand):
    help = (
        "Quét toàn bộ nội dung (trang, đoạn nội dung, cài đặt, tài liệu, trang hiển thị) tìm mã độc, quảng cáo cờ bạc."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-render", action="store_true", help="Không quét trang hiển thị cho người đọc")
        parser.add_argument("--no-files", action="store_true", help="Không đọc tệp tài liệu")

    def handle(self, *args, **options):
        scan = services.scan_all(render=not options["no_render"], files_too=not options["no_files"])
        counts = selectors.open_counts()
        self.stdout.write(
            f"Đã quét {scan.objects_scanned} đối tượng, {scan.pages_rendered} trang hiển thị, "
            f"{scan.files_scanned} tệp; "
            f"{scan.findings_new} phát hiện mới. Đang mở: {counts['high']} cao, {counts['medium']} trung bình, "
            f"{counts['low']} thấp."
        )
        if counts["high"]:
            for finding in selectors.findings(selectors.Filters(severity="high"))[:20]:
                self.stdout.write(
                    f"  [{finding.get_rule_display()}] {finding.object_label or finding.url}: {finding.excerpt[:120]}"
                )
            raise SystemExit(1)
