"""Wagtail hooks of staff (imported by toasoan/trust/wagtail_hooks.py): the second-factor pages,
the account's backup codes, the superuser's reset button on the user list, log action names."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import services, urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return urls.urlpatterns


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
