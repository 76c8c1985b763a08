"""Wagtail hooks of staff (imported by toasoan/trust/wagtail_hooks.py): the second-factor pages,
the account's backup codes, the superuser's reset button on the user list and lockouts page, log
action names."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import services, urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return urls.urlpatterns


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SuperuserMenuItem(
        "Đăng nhập bị khóa", reverse("trust_staff_lockouts"), name="dang-nhap-bi-khoa", icon_name="lock", order=910
    )


@hooks.register("register_account_menu_item")
def account_backup_codes(request):
    return {
        "url": reverse("trust_staff_codes"),
        "label": "Mã dự phòng",
        "help_text": "Xem còn bao nhiêu mã dự phòng xác thực hai bước, tạo bộ mã mới.",
    }


@hooks.register("register_user_listing_buttons")
def user_reset_button(user, request_user):
    if request_user.is_superuser and user.pk != request_user.pk:
        yield Button(
            "Đặt lại xác thực hai bước",
            reverse("trust_staff_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        services.RESET_ACTION, "Đặt lại xác thực hai bước", "Đặt lại xác thực hai bước (người dùng phải đăng ký lại)"
    )
    actions.register_action(
        services.UNLOCK_ACTION, "Mở khóa đăng nhập", "Mở khóa đăng nhập trước khi hết thời gian khóa"
    )
