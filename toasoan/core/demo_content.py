"""Core's demo content: the privacy policy page every form that collects personal data links to."""

from django.db import transaction
from wagtail.models import Site

from .models import AgencySettings, StandardPage

PRIVACY_SLUG = "chinh-sach-bao-ve-du-lieu-ca-nhan"
PRIVACY_TITLE = "Chính sách bảo vệ dữ liệu cá nhân"
PRIVACY_INTRO = (
    "Cổng thông tin điện tử của Sở chỉ thu thập dữ liệu cá nhân cần thiết để tiếp nhận, xử lý và trả lời "
    "phản ánh, kiến nghị, câu hỏi, góp ý dự thảo và đăng ký nhận bản tin, khi người dân đồng ý."
)
PRIVACY_SECTIONS = [
    (
        "Căn cứ",
        "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ "
        "về bảo vệ dữ liệu cá nhân; Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung "
        "cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng.",
    ),
    (
        "Dữ liệu được thu thập",
        "Họ và tên, thư điện tử và/hoặc số điện thoại, nội dung phản ánh, câu hỏi hoặc góp ý, tệp đính kèm do "
        "người dân gửi. Cổng thông tin không dùng cookie theo dõi, không dùng công cụ thống kê của bên thứ ba và "
        "không lưu địa chỉ IP của người đánh giá sự hài lòng.",
    ),
    (
        "Mục đích xử lý",
        "Tiếp nhận, xử lý, trả lời và thông báo kết quả cho người gửi; tổng hợp ý kiến góp ý dự thảo; gửi bản tin "
        "cho người đã đăng ký. Dữ liệu không được dùng vào mục đích khác và không cung cấp cho tổ chức, cá nhân "
        "khác, trừ trường hợp pháp luật quy định.",
    ),
    (
        "Công khai nội dung",
        "Khi câu hỏi và câu trả lời được công khai trên mục Hỏi đáp, họ tên, địa chỉ, số điện thoại, thư điện tử và "
        "các thông tin định danh khác của người gửi được ẩn.",
    ),
    (
        "Thời gian lưu trữ",
        "Dữ liệu được lưu trong thời gian cần thiết để xử lý và theo quy định về lưu trữ hồ sơ của cơ quan nhà nước, "
        "sau đó được xóa hoặc ẩn danh.",
    ),
    (
        "Quyền của chủ thể dữ liệu",
        "Người dân có quyền được biết, đồng ý hoặc rút lại sự đồng ý, truy cập, yêu cầu chỉnh sửa, xóa, hạn chế "
        "xử lý dữ liệu của mình, và khiếu nại theo quy định. Yêu cầu gửi về địa chỉ thư điện tử của Sở ghi ở chân "
        "trang.",
    ),
]


def _body() -> list[tuple[str, str]]:
    html = "".join(f"<h2>{heading}</h2><p>{text}</p>" for heading, text in PRIVACY_SECTIONS)
    return [("paragraph", html)]


@transaction.atomic
def load_demo() -> dict[str, int]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {"trang nội dung": 0}
    home = site.root_page
    page = StandardPage.objects.child_of(home).filter(slug=PRIVACY_SLUG).first()
    created = page is None
    if created:
        page = home.add_child(
            instance=StandardPage(title=PRIVACY_TITLE, slug=PRIVACY_SLUG, intro=PRIVACY_INTRO, body=_body())
        )
        page.save_revision().publish()
    settings = AgencySettings.for_site(site)
    if settings.privacy_policy_page_id is None:
        settings.privacy_policy_page = page
        settings.save(update_fields=["privacy_policy_page"])
    return {"trang nội dung": int(created)}
