"""Admin menu "Bản tin": subscribers, digest runs and the digest preview. The archive of PDF
issues is made of pages (Trang > Bản tin KH&CN), so it goes through the "Duyệt tin" workflow."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from toasoan.core.permissions import ReadOnlyPolicy

from . import admin_views
from .models import DigestRun, Subscriber

register_permission_policy(Subscriber, ReadOnlyPolicy(Subscriber))
register_permission_policy(DigestRun, ReadOnlyPolicy(DigestRun))


class ReadOnlyViewSet(ModelViewSet):
    """No add, edit or copy pages at all (the permission policy refuses them too)."""

    copy_view_enabled = False
    add_to_admin_menu = False
    views = ("index", "index_results")

    def get_urlpatterns(self):
        routes = {
            "index": path("", self.index_view, name="index"),
            "index_results": path("results/", self.index_results_view, name="index_results"),
            "inspect": path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            "delete": path("delete/<int:pk>/", self.delete_view, name="delete"),
            "history": path("history/<int:pk>/", self.history_view, name="history"),
            "history_results": path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            "usage": path("usage/<int:pk>/", self.usage_view, name="usage"),
        }
        return [routes[name] for name in self.views]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, copy_url_name=None)
        if "delete" not in self.views:
            view_kwargs.update(delete_url_name=None)
        if "inspect" not in self.views:
            view_kwargs.update(inspect_url_name=None)
        return view_kwargs


class SubscriberViewSet(ReadOnlyViewSet):
    model = Subscriber
    name = "nguoi-dang-ky-ban-tin"
    icon = "user"
    menu_label = "Người đăng ký"
    list_display = [
        "email",
        Column("get_status_display", label="Trạng thái", sort_key="status"),
        Column("section_titles", label="Chuyên mục"),
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["status"]
    search_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = ["email", "status", "section_titles", "created_at", "confirmed_at", "unsubscribed_at"]
    # Delete: a person's request to be erased.
    views = ("index", "index_results", "inspect", "delete", "history", "history_results", "usage")


class DigestIndexView(IndexView):
    @property
    def header_buttons(self):
        if not self.request.user.has_perm(admin_views.PREVIEW_PERMISSION):
            return []
        return [HeaderButton("Xem trước và gửi", url=admin_views.preview_url(), icon_name="view")]


class DigestRunViewSet(ReadOnlyViewSet):
    model = DigestRun
    name = "newsletter_digests"
    url_prefix = "dot-gui-ban-tin"
    icon = "mail"
    menu_label = "Đợt gửi bản tin"
    index_view_class = DigestIndexView
    list_display = ["__str__", "created_at", "requested_by", "finished_at", Column("sent_count", label="Đã gửi")]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("xem-truoc/", admin_views.DigestPreviewView.as_view(), name="preview"),
        ]


class NewsletterGroup(ViewSetGroup):
    menu_label = "Bản tin"
    menu_icon = "mail"
    menu_order = 320
    items = (SubscriberViewSet, DigestRunViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewsletterGroup()


@hooks.register("register_log_actions")
def register_send_action(actions) -> None:
    actions.register_action(admin_views.SEND_ACTION, "Gửi bản tin tuần", "Đã đưa bản tin tuần vào hàng đợi gửi")
