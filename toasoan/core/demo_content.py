"""Core's demo content: the privacy policy page every form that collects personal data links to."""

from django.db import transaction
from wagtail.models import Site

from .models import AgencySettings, StandardPage

PRIVACY_SLUG = "chinh-sach-bao-ve-du-lieu-ca-nhan"
PRIVACY_TITLE = "Chính sách bảo vệ dữ liệu cá nhân"
PRIVACY_INTRO = (
    "Cổng thông tin điện tử của Sở chỉ thu thập dữ liệu cá nhân cần thiết để tiếp nhận, xử lý và trả lời "
    "phản ánh, kiến nghị, câu hỏi, góp ý dự thảo và gửi bản tin, khi người dân đồng ý. Trang này là thông báo "
    "xử lý dữ liệu cá nhân theo Nghị định số 13/2023/NĐ-CP."
)
PRIVACY_SECTIONS = [
    (
        "Căn cứ",
        "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ "
        "về bảo vệ dữ liệu cá nhân; Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung "
        "cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng.",
    ),
    (
        "Bên kiểm soát và xử lý dữ liệu",
        "Sở là bên kiểm soát và xử lý dữ liệu cá nhân thu thập qua cổng thông tin. Dữ liệu được lưu trên máy chủ "
        "của Sở, không chuyển ra nước ngoài, không cung cấp cho tổ chức, cá nhân khác, trừ trường hợp pháp luật quy "
        "định.",
    ),
    (
        "Dữ liệu được thu thập và mục đích",
        "<ul><li><b>Phản ánh, kiến nghị, hỏi đáp:</b> họ và tên, thư điện tử và/hoặc số điện thoại, nội dung, tệp "
        "đính kèm; để tiếp nhận, xử lý, trả lời và báo kết quả cho người gửi.</li>"
        "<li><b>Góp ý dự thảo:</b> họ và tên, cơ quan, tổ chức (nếu có), thư điện tử, nội dung góp ý; để tổng hợp, "
        "tiếp thu, giải trình góp ý và liên hệ khi cần làm rõ.</li>"
        "<li><b>Bản tin:</b> thư điện tử và các chuyên mục đã chọn; chỉ để gửi bản tin.</li>"
        "<li><b>Đánh giá sự hài lòng và thăm dò ý kiến:</b> không thu thập họ tên, thư điện tử hay địa chỉ IP; chỉ "
        "lưu một mã băm không thể đảo ngược, thay đổi theo ngày, để hạn chế gửi lặp.</li>"
        "<li>Cổng thông tin không dùng cookie theo dõi và không dùng công cụ thống kê của bên thứ ba.</li></ul>",
    ),
    (
        "Sự đồng ý",
        "Dữ liệu chỉ được thu thập khi người dân đánh dấu đồng ý trên biểu mẫu. Cơ quan lưu lại bằng chứng đồng ý: "
        "thời điểm, nội dung đồng ý, phiên bản chính sách này và biểu mẫu đã dùng. Người dân có thể rút lại sự "
        "đồng ý bất cứ lúc nào; việc rút lại không ảnh hưởng đến việc xử lý đã thực hiện trước đó.",
    ),
    (
        "Công khai nội dung",
        "Khi câu hỏi và câu trả lời được công khai trên mục Hỏi đáp, họ tên, địa chỉ, số điện thoại, thư điện tử và "
        "các thông tin định danh khác của người gửi được ẩn. Góp ý dự thảo được duyệt công khai cùng họ tên và cơ "
        "quan, tổ chức của người góp ý (như ghi trên biểu mẫu); thư điện tử không bao giờ được công khai.",
    ),
    (
        "Thời gian lưu trữ",
        "Phản ánh, kiến nghị và góp ý dự thảo được lưu theo thời hạn bảo quản hồ sơ của cơ quan nhà nước; khi người "
        "gửi yêu cầu xóa, hồ sơ được giữ nhưng bỏ họ tên, thư điện tử, số điện thoại và tệp đính kèm. Địa chỉ đăng "
        "ký bản tin được lưu đến khi hủy đăng ký; địa chỉ chưa xác nhận hoặc đã hủy đăng ký được xóa sau 30 ngày.",
    ),
    (
        "Quyền của chủ thể dữ liệu",
        "Người dân có quyền được biết, đồng ý hoặc rút lại sự đồng ý, truy cập, yêu cầu chỉnh sửa, xóa, cung cấp, "
        "hạn chế xử lý, phản đối xử lý dữ liệu của mình, khiếu nại, tố cáo, khởi kiện và yêu cầu bồi thường theo "
        "quy định.",
    ),
    (
        "Cách yêu cầu trích xuất hoặc xóa dữ liệu",
        "Gửi yêu cầu qua thư điện tử hoặc trực tiếp tại Sở (địa chỉ và thư điện tử tại "
        '<a href="/danh-ba/">Danh bạ liên hệ</a> và ở chân trang), ghi rõ thư điện tử và/hoặc số điện thoại đã dùng '
        "trên cổng thông tin. Sở xác minh người yêu cầu, rồi gửi toàn bộ dữ liệu của người đó (một tệp nén gồm dữ "
        "liệu và tệp đính kèm) hoặc xóa dữ liệu trong thời hạn 72 giờ theo Nghị định số 13/2023/NĐ-CP, và trả lời "
        "kết quả.",
    ),
    (
        "Sự cố an toàn thông tin",
        'Khi phát hiện lỗ hổng hoặc sự cố an toàn thông tin, xin báo tại trang <a href="/lien-he-an-toan-thong-tin/">'
        "Liên hệ về an toàn thông tin</a>. Khi có vi phạm dữ liệu cá nhân, Sở thông báo cho cơ quan chuyên trách "
        "trong 72 giờ theo quy định.",
    ),
]


def _body() -> list[tuple[str, str]]:
    html = "".join(
        f"<h2>{heading}</h2>" + (text if text.startswith("<ul>") else f"<p>{text}</p>")
        for heading, text in PRIVACY_SECTIONS
    )
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
