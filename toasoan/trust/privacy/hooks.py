"""Wagtail hooks of privacy (imported by toasoan/trust/wagtail_hooks.py): the "Dữ liệu cá nhân"
page under Settings (superusers only) and the log actions of export and erasure."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import services, views


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.can_manage(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("du-lieu-ca-nhan/", views.PersonalDataView.as_view(), name="trust_personal_data")]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return PrivacyMenuItem(
        "Dữ liệu cá nhân", reverse("trust_personal_data"), name="du-lieu-ca-nhan", icon_name="user", order=900
    )


@hooks.register("register_log_actions")
def register_log_actions(actions) -> None:
    actions.register_action(
        services.EXPORT_ACTION, "Trích xuất dữ liệu cá nhân", "Đã trích xuất dữ liệu cá nhân của một người"
    )
    actions.register_action(services.ERASE_ACTION, "Xóa dữ liệu cá nhân", "Đã xóa dữ liệu cá nhân của một người")
