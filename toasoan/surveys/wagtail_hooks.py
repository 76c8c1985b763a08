"""Admin (Vietnamese): units and polls as snippets (Wagtail logs create, edit and delete), ratings
and votes as moderation lists (accept and reject are custom audit-log actions), one menu group."""

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from toasoan.core.permissions import ReadOnlyPolicy

from . import services
from .admin_views import ModerationViewSet, display_column
from .models import Poll, Rating, RatingUnit, Vote

register_permission_policy(Rating, ReadOnlyPolicy(Rating))
register_permission_policy(Vote, ReadOnlyPolicy(Vote))


class RatingUnitViewSet(SnippetViewSet):
    model = RatingUnit
    icon = "group"
    menu_label = "Đơn vị được đánh giá"
    list_display = ["name", "service_name", BooleanColumn("is_active", label="Đang nhận đánh giá"), "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name", "service_name"]
    ordering = ["sort_order", "name"]


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = "Thăm dò ý kiến"
    list_display = [
        "question",
        display_column("state", "Tình trạng"),
        "opens_at",
        "closes_at",
        BooleanColumn("show_on_home", label="Trang chủ"),
    ]
    list_filter = ["state", "show_on_home"]
    search_fields = ["question"]


class RatingViewSet(ModerationViewSet):
    model = Rating
    icon = "pick"
    menu_label = "Lượt đánh giá"
    name = "luot-danh-gia"
    list_display = [
        "__str__",
        display_column("subject", "Nội dung đánh giá"),
        display_column("level", "Mức độ"),
        display_column("status", "Trạng thái"),
        "created_at",
    ]
    list_filter = ["status", "subject", "level", "unit"]
    search_fields = ["comment"]
    inspect_view_fields = [
        "subject",
        "unit",
        "procedure",
        "level",
        "comment",
        "created_at",
        "status",
        "flags",
        "moderated_at",
    ]
    list_export = ["created_at", "target_label", "get_subject_display", "get_level_display", "comment", "status"]
    export_headings = {
        "created_at": "Thời điểm gửi",
        "target_label": "Đối tượng",
        "get_subject_display": "Nội dung đánh giá",
        "get_level_display": "Mức độ hài lòng",
        "comment": "Ý kiến thêm",
        "status": "Trạng thái",
    }
    export_filename = "luot-danh-gia"


class VoteViewSet(ModerationViewSet):
    model = Vote
    icon = "tasks"
    menu_label = "Lượt bình chọn"
    name = "luot-binh-chon"
    list_display = ["poll", "option", display_column("status", "Trạng thái"), "created_at"]
    list_filter = ["status", "poll"]
    inspect_view_fields = ["poll", "option", "created_at", "status", "flags", "moderated_at"]
    list_export = ["created_at", "poll", "option", "status"]
    export_headings = {
        "created_at": "Thời điểm gửi",
        "poll": "Cuộc thăm dò",
        "option": "Phương án",
        "status": "Trạng thái",
    }
    export_filename = "luot-binh-chon"


class SurveysGroup(ViewSetGroup):
    menu_label = "Khảo sát ý kiến"
    menu_icon = "pick"
    menu_order = 310
    items = (RatingUnitViewSet, PollViewSet, RatingViewSet, VoteViewSet)


register_snippet(SurveysGroup)


@hooks.register("register_log_actions")
def register_moderation_actions(actions) -> None:
    actions.register_action(services.ACCEPT_ACTION, "Chấp nhận (tính vào kết quả)", "Đã chấp nhận, tính vào kết quả")
    actions.register_action(services.REJECT_ACTION, "Loại khỏi kết quả", "Đã loại khỏi kết quả")
