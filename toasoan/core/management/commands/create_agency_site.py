from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from toasoan.core.sites import agency_site_create


class Command(BaseCommand):
    help = (
        "Tạo trang của một cơ quan mới trong cùng bản cài đặt: trang chủ, chuyên mục, tên miền, thông tin cơ quan, "
        "thư mục ảnh và tài liệu, nhóm biên tập viên và người duyệt riêng, quy trình “Duyệt tin” riêng. "
        "Tất cả trong một giao dịch: lỗi thì không tạo gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="Tên miền, ví dụ so-tnmt.tinh.gov.vn")
        parser.add_argument("--name", required=True, help="Tên cơ quan, ví dụ “Sở Tài nguyên và Môi trường”")
        parser.add_argument("--port", type=int, default=443, help="Cổng công khai (mặc định 443: https)")
        parser.add_argument("--parent-name", default="", help="Cơ quan chủ quản, ví dụ “UBND tỉnh ...”")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--address", default="")

    def handle(self, **options):
        try:
            created = agency_site_create(
                hostname=options["hostname"],
                name=options["name"],
                port=options["port"],
                parent_name=options["parent_name"],
                email=options["email"],
                phone=options["phone"],
                address=options["address"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        site, home_path = created.site, created.home.url_path
        lines = [
            f"Đã tạo trang của “{site.site_name}”:",
            f"- Tên miền: {site.root_url}/",
            f"- Trang chủ: “{created.home.title}” (mã trang {created.home.pk})",
            *(f"- Trang: “{page.title}” (/{page.url_path.removeprefix(home_path)})" for page in created.pages),
            f"- Thông tin cơ quan và menu chính ({len(created.pages) + 1} mục): Cài đặt → Thông tin cơ quan",
            f"- Thư mục ảnh và tài liệu: “{created.collection.name}”",
            *(f"- Nhóm: “{group.name}”" for group in created.groups.values()),
            f"- Quy trình duyệt: “{created.workflow.name}”",
            "Thêm người dùng vào hai nhóm trên để họ biên tập và duyệt tin của riêng trang này.",
        ]
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
