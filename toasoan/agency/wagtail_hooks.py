"""Admin (Vietnamese): the agency's information as snippets with drafts, revisions, locking and
the "Duyệt tin" approval workflow, in one menu group."""

from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AgencyProfile, Leader, Official, ScheduleEntry, Unit


def published() -> BooleanColumn:
    return BooleanColumn("live", label="Đã xuất bản")


class AgencyProfileViewSet(SnippetViewSet):
    model = AgencyProfile
    icon = "doc-full"
    menu_label = "Giới thiệu chung"
    list_display = ["title", published(), "last_published_at"]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = "Cơ cấu tổ chức"
    list_display = ["name", "kind", "sort_order", "head", published()]
    list_filter = ["kind", "live"]
    search_fields = ["name", "name_en"]
    ordering = ["sort_order", "name"]


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = "Lãnh đạo"
    list_display = ["name", "title", "sort_order", published()]
    search_fields = ["name", "title"]
    ordering = ["sort_order", "name"]


class OfficialViewSet(SnippetViewSet):
    model = Official
    icon = "mail"
    menu_label = "Danh bạ cán bộ"
    list_display = ["name", "title", "unit", "phone", "email", published()]
    list_filter = ["unit", "live"]
    search_fields = ["name", "title", "email", "phone"]
    ordering = ["unit__sort_order", "sort_order", "name"]


class ScheduleEntryViewSet(SnippetViewSet):
    model = ScheduleEntry
    icon = "date"
    menu_label = "Lịch công tác"
    list_display = ["date", "start_time", "content", "location", published()]
    list_filter = ["date", "live"]
    search_fields = ["content", "location", "participants"]
    ordering = ["-date", "start_time"]


class AgencyGroup(ViewSetGroup):
    menu_label = "Giới thiệu cơ quan"
    menu_icon = "site"
    menu_order = 320
    items = (AgencyProfileViewSet, UnitViewSet, LeaderViewSet, OfficialViewSet, ScheduleEntryViewSet)


register_snippet(AgencyGroup)
