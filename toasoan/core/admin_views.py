"""A base for the admin's own pages (reports, previews, tools) that apps add beside Wagtail's."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPageView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page with Wagtail's header and breadcrumbs, for users `can_view(user)` allows (by
    default: those holding `permission`, "app_label.codename")."""

    permission: str = ""

    def can_view(self, user) -> bool:
        return bool(self.permission) and user.has_perm(self.permission)

    def dispatch(self, request, *args, **kwargs):
        if not self.can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]
