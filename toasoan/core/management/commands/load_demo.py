import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from toasoan.core import demo

ADMIN_USERNAME = "admin"
# The admin requires a second factor (toasoan/trust/staff): the first login enrols an app.
SECOND_FACTOR_NOTE = (
    "Trang quản trị yêu cầu xác thực hai bước: lần đăng nhập đầu tiên, hãy quét mã QR bằng một ứng dụng "
    "xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP...) và lưu các mã dự phòng."
)


class Command(BaseCommand):
    help = "Tạo nội dung mẫu của mọi ứng dụng và tài khoản quản trị. Chạy lại không nhân bản."

    def handle(self, **options):
        for name, counts in demo.load_all().items():
            created = ", ".join(f"{label}: {count}" for label, count in counts.items())
            self.stdout.write(f"Nội dung mẫu ({name}): tạo mới {created}.")
        self._ensure_admin()

    def _ensure_admin(self) -> None:
        User = get_user_model()
        admin_url = settings.WAGTAILADMIN_BASE_URL + "/admin/"
        if User.objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(f"Trang quản trị: {admin_url} (tài khoản “{ADMIN_USERNAME}” đã có)")
            self.stdout.write(SECOND_FACTOR_NOTE)
            return
        password = os.environ.get("TOASOAN_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Trang quản trị: {admin_url}"))
        if os.environ.get("TOASOAN_ADMIN_PASSWORD"):
            self.stdout.write(f"Tài khoản: {ADMIN_USERNAME}, mật khẩu: lấy từ biến TOASOAN_ADMIN_PASSWORD")
        else:
            self.stdout.write(self.style.WARNING(f"Tài khoản: {ADMIN_USERNAME}, mật khẩu: {password} (chỉ in một lần)"))
        self.stdout.write(SECOND_FACTOR_NOTE)
