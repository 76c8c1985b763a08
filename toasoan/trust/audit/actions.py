"""The audit log's own action names, with Vietnamese labels and messages (register_log_actions).

Actions of other areas are registered by them beside the code that logs them: feedback.*,
consultation.*, surveys.*, newsletter.*, procedures.import, trust.* (2FA reset, unlock, personal
data export and erasure).
"""

from wagtail.log_actions import LogFormatter

PREFIX = "audit"
USER_GROUPS = f"{PREFIX}.user.groups"
USER_PERMISSIONS = f"{PREFIX}.user.permissions"
GROUP_PERMISSIONS = f"{PREFIX}.group.permissions"
WORKFLOW_PAGES = f"{PREFIX}.workflow.pages"
WORKFLOW_DISABLE = f"{PREFIX}.workflow.disable"
WORKFLOW_ENABLE = f"{PREFIX}.workflow.enable"
TASK_DISABLE = f"{PREFIX}.task.disable"
TASK_ENABLE = f"{PREFIX}.task.enable"
USER_ACTIVE = f"{PREFIX}.user.active"
MOVE_TO_COLLECTION = f"{PREFIX}.collection.move"
ADD_TAGS = f"{PREFIX}.tags.add"
BULK = f"{PREFIX}.bulk"
FINDING_REVIEW = f"{PREFIX}.integrity.review"


def _changes(data: dict | None, added: str, removed: str) -> str:
    data = data or {}
    parts = []
    if data.get("added"):
        parts.append(f"{added}: {', '.join(data['added'])}")
    if data.get("removed"):
        parts.append(f"{removed}: {', '.join(data['removed'])}")
    return "; ".join(parts)


def _changes_formatter(label: str, added: str, removed: str) -> type[LogFormatter]:
    class ChangesFormatter(LogFormatter):
        def format_message(self, log_entry) -> str:
            return _changes(log_entry.data, added, removed) or label

    ChangesFormatter.label = label
    return ChangesFormatter


CHANGE_ACTIONS = {
    USER_GROUPS: ("Thay đổi nhóm của người dùng", "Thêm vào nhóm", "Bỏ khỏi nhóm"),
    USER_PERMISSIONS: ("Thay đổi quyền riêng của người dùng", "Cấp quyền", "Thu hồi quyền"),
    GROUP_PERMISSIONS: ("Thay đổi quyền của nhóm", "Cấp quyền", "Thu hồi quyền"),
    WORKFLOW_PAGES: ("Thay đổi trang áp dụng quy trình duyệt", "Áp dụng cho", "Bỏ áp dụng cho"),
}

STATE_ACTIONS = {
    WORKFLOW_DISABLE: ("Tắt quy trình duyệt", "Đã tắt quy trình duyệt"),
    WORKFLOW_ENABLE: ("Bật quy trình duyệt", "Đã bật lại quy trình duyệt"),
    TASK_DISABLE: ("Tắt bước duyệt", "Đã tắt bước duyệt"),
    TASK_ENABLE: ("Bật bước duyệt", "Đã bật lại bước duyệt"),
}


class UserActiveFormatter(LogFormatter):
    label = "Bật hoặc khóa tài khoản"

    def format_message(self, log_entry) -> str:
        active = (log_entry.data or {}).get("active")
        return "Đã bật tài khoản" if active else "Đã khóa tài khoản (không đăng nhập được)"


class MoveToCollectionFormatter(LogFormatter):
    label = "Chuyển vào bộ sưu tập"

    def format_message(self, log_entry) -> str:
        return f"Đã chuyển vào bộ sưu tập “{(log_entry.data or {}).get('collection', '')}”"


class AddTagsFormatter(LogFormatter):
    label = "Gắn thẻ hàng loạt"

    def format_message(self, log_entry) -> str:
        return "Đã gắn thẻ: " + ", ".join((log_entry.data or {}).get("tags", []))


class BulkFormatter(LogFormatter):
    label = "Thao tác hàng loạt"

    def format_message(self, log_entry) -> str:
        return f"Thao tác hàng loạt “{(log_entry.data or {}).get('action', '')}”"


class FindingReviewFormatter(LogFormatter):
    label = "Đánh giá phát hiện toàn vẹn nội dung"

    def format_message(self, log_entry) -> str:
        status = (log_entry.data or {}).get("status")
        return "Đánh dấu là báo nhầm" if status == "false_positive" else "Mở lại để xử lý"


FORMATTERS = {
    USER_ACTIVE: UserActiveFormatter,
    MOVE_TO_COLLECTION: MoveToCollectionFormatter,
    ADD_TAGS: AddTagsFormatter,
    BULK: BulkFormatter,
    FINDING_REVIEW: FindingReviewFormatter,
}


def register(actions) -> None:
    for action, (label, added, removed) in CHANGE_ACTIONS.items():
        actions.register_action(action)(_changes_formatter(label, added, removed))
    for action, (label, message) in STATE_ACTIONS.items():
        actions.register_action(action, label, message)
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
