from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .viewsets import FeedbackViewSetGroup

LOG_ACTIONS = {
    "feedback.assign": ("Phân công xử lý phản ánh", "Đã phân công cán bộ xử lý"),
    "feedback.note": ("Ghi chú nội bộ", "Đã thêm ghi chú nội bộ"),
    "feedback.release": ("Chấp nhận từ hàng chờ kiểm duyệt", "Đã chấp nhận phản ánh từ hàng chờ kiểm duyệt"),
    "feedback.start": ("Bắt đầu xử lý phản ánh", "Đã chuyển sang “Đang xử lý”"),
    "feedback.reject": ("Từ chối phản ánh", "Đã từ chối phản ánh"),
    "feedback.answer_submit": ("Gửi duyệt câu trả lời", "Đã gửi câu trả lời cho lãnh đạo duyệt"),
    "feedback.answer_return": ("Trả lại câu trả lời", "Đã trả lại câu trả lời để sửa"),
    "feedback.answer_approve": ("Duyệt câu trả lời", "Đã duyệt và gửi câu trả lời"),
    "feedback.publish": ("Đăng hỏi đáp công khai", "Đã đăng lên mục Hỏi đáp"),
    "feedback.attachment_download": ("Tải tệp đính kèm", "Đã tải tệp đính kèm của phản ánh"),
}


@hooks.register("register_admin_viewset")
def register_viewsets():
    return FeedbackViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions) -> None:
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("feedback/admin.css"))
