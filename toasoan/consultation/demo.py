"""Demo content: the "Lấy ý kiến dự thảo" page with one draft open for comment (deadline about 30
days from the day the demo is loaded) and one closed draft with its summary report.

Every step is get-or-create, so loading twice changes nothing."""

import datetime
import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Site

from toasoan.core.abuse import keyed_hash
from toasoan.core.vietnamese import slugify

from . import services
from .models import Comment, ConsultationDocument, ConsultationIndexPage, ConsultationPage

INDEX_SLUG = "lay-y-kien-du-thao"
INDEX_TITLE = "Lấy ý kiến dự thảo"
INDEX_INTRO = (
    "Sở Khoa học và Công nghệ công khai các dự thảo văn bản để lấy ý kiến của cơ quan, tổ chức, doanh nghiệp và "
    "người dân. Góp ý được kiểm duyệt trước khi công khai; sau khi hết hạn, cơ quan soạn thảo công bố báo cáo tổng "
    "hợp, tiếp thu, giải trình ý kiến góp ý."
)
DEADLINE_TIME = datetime.time(17, 0)

OPEN_TITLE = "Dự thảo Quyết định ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh"
OPEN_SUMMARY = (
    "Dự thảo Quy chế quy định việc đề xuất, xác định, tuyển chọn, giao trực tiếp, kiểm tra, đánh giá, nghiệm thu "
    "và công nhận kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh sử dụng ngân sách nhà nước. Quy chế "
    "thay thế quy chế ban hành năm 2019, rút ngắn thời gian xét duyệt hồ sơ và chuyển toàn bộ quy trình sang "
    "môi trường điện tử."
)
OPEN_ARTICLES = [
    ("Chương I. QUY ĐỊNH CHUNG", None),
    (
        "Điều 1. Phạm vi điều chỉnh",
        "Quy chế này quy định việc quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh sử dụng ngân sách nhà nước, "
        "gồm: đề xuất, xác định, tuyển chọn, giao trực tiếp tổ chức và cá nhân chủ trì; kiểm tra, đánh giá; "
        "nghiệm thu; công nhận kết quả và chuyển giao kết quả thực hiện nhiệm vụ.",
    ),
    (
        "Điều 2. Đối tượng áp dụng",
        "Quy chế này áp dụng đối với cơ quan, tổ chức, doanh nghiệp, cá nhân tham gia đề xuất, thực hiện và quản "
        "lý nhiệm vụ khoa học và công nghệ cấp tỉnh trên địa bàn tỉnh.",
    ),
    (
        "Điều 3. Giải thích từ ngữ",
        "Nhiệm vụ khoa học và công nghệ cấp tỉnh gồm đề tài, dự án sản xuất thử nghiệm, đề án khoa học và "
        "chương trình khoa học và công nghệ do Ủy ban nhân dân tỉnh phê duyệt và giao Sở Khoa học và Công nghệ "
        "tổ chức thực hiện.",
    ),
    ("Chương II. ĐỀ XUẤT, TUYỂN CHỌN VÀ THỰC HIỆN NHIỆM VỤ", None),
    (
        "Điều 4. Đề xuất đặt hàng nhiệm vụ",
        "Hằng năm, trước ngày 30 tháng 6, các sở, ban, ngành, Ủy ban nhân dân cấp huyện, tổ chức và cá nhân gửi "
        "đề xuất đặt hàng nhiệm vụ về Sở Khoa học và Công nghệ qua Cổng dịch vụ công hoặc thư điện tử.",
    ),
    (
        "Điều 5. Hội đồng tư vấn xác định nhiệm vụ",
        "Hội đồng có từ 7 đến 9 thành viên, trong đó ít nhất một phần ba là chuyên gia độc lập không công tác tại "
        "cơ quan đề xuất. Hội đồng làm việc theo nguyên tắc công khai, dân chủ và bỏ phiếu kín.",
    ),
    (
        "Điều 6. Tuyển chọn, giao trực tiếp tổ chức và cá nhân chủ trì",
        "Hồ sơ đăng ký tuyển chọn được nộp trực tuyến; thời hạn nhận hồ sơ ít nhất 30 ngày kể từ ngày thông báo. "
        "Kết quả tuyển chọn được công khai trên Cổng thông tin điện tử của Sở trong thời hạn 5 ngày làm việc.",
    ),
    (
        "Điều 7. Kiểm tra, đánh giá giữa kỳ",
        "Sở Khoa học và Công nghệ kiểm tra định kỳ ít nhất một lần mỗi năm đối với mỗi nhiệm vụ; kết quả kiểm "
        "tra là căn cứ cấp kinh phí đợt tiếp theo.",
    ),
    (
        "Điều 8. Nghiệm thu và công nhận kết quả",
        "Nhiệm vụ được nghiệm thu cấp tỉnh trong thời hạn 90 ngày kể từ ngày kết thúc hợp đồng. Kết quả được công "
        "nhận khi được Hội đồng đánh giá từ mức Đạt trở lên.",
    ),
    ("Chương III. TỔ CHỨC THỰC HIỆN", None),
    (
        "Điều 9. Trách nhiệm thi hành",
        "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành, địa phương hướng dẫn và kiểm tra việc thực "
        "hiện Quy chế này.",
    ),
]
OPEN_COMMENTS = [
    # (name, organisation, email, section, body, approved)
    (
        "Trần Thị Minh Thư",
        "Trường Đại học Khoa học, Đại học Huế",
        "minhthu.demo@example.com",
        "Điều 5",
        "Đề nghị quy định rõ tiêu chí lựa chọn chuyên gia độc lập trong Hội đồng tư vấn, ví dụ không có quan hệ "
        "công tác với tổ chức đề xuất trong 3 năm gần nhất, để bảo đảm khách quan.",
        True,
    ),
    (
        "Lê Văn Hùng",
        "Công ty TNHH Công nghệ sinh học Hương Giang",
        "levanhung.demo@example.com",
        "Điều 6",
        "Doanh nghiệp đề nghị cho phép nộp bổ sung hồ sơ trong 5 ngày làm việc khi thiếu giấy tờ không quan trọng, "
        "thay vì loại hồ sơ ngay ở vòng kiểm tra tính hợp lệ.",
        True,
    ),
    (
        "Nguyễn Hoàng Nam",
        "",
        "hoangnam.demo@example.com",
        "Điều 8",
        "Thời hạn nghiệm thu 90 ngày là hợp lý. Tuy nhiên nên quy định thêm việc công khai báo cáo tổng hợp kết quả "
        "nghiệm thu trên cổng thông tin để người dân, doanh nghiệp có thể tiếp cận và ứng dụng.",
        True,
    ),
    (
        "Phạm Thị Lan",
        "Hội Nông dân huyện Phú Vang",
        "phamlan.demo@example.com",
        "Điều 4",
        "Đề nghị có mẫu đề xuất đặt hàng đơn giản hơn cho hợp tác xã và hộ nông dân, kèm hướng dẫn qua điện thoại.",
        False,
    ),
]

CLOSED_TITLE = "Dự thảo Kế hoạch hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh giai đoạn 2025 - 2030"
CLOSED_SUMMARY = (
    "Dự thảo Kế hoạch đề ra mục tiêu, nhiệm vụ và giải pháp hỗ trợ cá nhân, nhóm khởi nghiệp và doanh nghiệp khởi "
    "nghiệp đổi mới sáng tạo: ươm tạo, kết nối nhà đầu tư, hỗ trợ sở hữu trí tuệ và thương mại hóa kết quả "
    "nghiên cứu."
)
CLOSED_BODY = (
    "<h3>I. MỤC ĐÍCH, YÊU CẦU</h3><p>Tạo môi trường thuận lợi để hình thành và phát triển doanh nghiệp khởi nghiệp "
    "đổi mới sáng tạo; phấn đấu đến năm 2030 hỗ trợ ít nhất 150 dự án khởi nghiệp.</p>"
    "<h3>II. NHIỆM VỤ VÀ GIẢI PHÁP</h3><ol><li>Hoàn thiện mạng lưới cơ sở ươm tạo và không gian làm việc chung."
    "</li><li>Hỗ trợ đăng ký bảo hộ sở hữu trí tuệ cho sản phẩm khởi nghiệp.</li><li>Tổ chức Ngày hội khởi nghiệp "
    "đổi mới sáng tạo hằng năm.</li></ol>"
)
CLOSED_REPORT = (
    "<p>Sau 30 ngày lấy ý kiến, Sở Khoa học và Công nghệ nhận được 3 ý kiến góp ý trên Cổng thông tin điện tử "
    "(2 ý kiến được công khai, 1 ý kiến không liên quan đến nội dung dự thảo) và 6 văn bản góp ý của các sở, ngành.</p>"
    "<h3>1. Ý kiến tiếp thu</h3><ul><li>Bổ sung chỉ tiêu số dự án được hỗ trợ thương mại hóa hằng năm (tiếp thu ý "
    "kiến của Trường Đại học Kinh tế).</li><li>Ưu tiên hỗ trợ khởi nghiệp trong lĩnh vực nông nghiệp công nghệ cao "
    "và du lịch (tiếp thu ý kiến của Hiệp hội Doanh nghiệp tỉnh).</li></ul>"
    "<h3>2. Ý kiến giải trình</h3><p>Đề nghị hỗ trợ 100% kinh phí thuê văn phòng cho doanh nghiệp khởi nghiệp chưa "
    "được tiếp thu, vì mức hỗ trợ tối đa đã được quy định tại văn bản của Trung ương; dự thảo giữ mức hỗ trợ "
    "50%.</p>"
)
CLOSED_COMMENTS = [
    (
        "Hoàng Minh Quân",
        "Trường Đại học Kinh tế, Đại học Huế",
        "minhquan.demo@example.com",
        "Mục I",
        "Đề nghị bổ sung chỉ tiêu cụ thể về số dự án được hỗ trợ thương mại hóa mỗi năm để dễ đánh giá kết quả.",
        True,
    ),
    (
        "Đặng Thu Hà",
        "Hiệp hội Doanh nghiệp tỉnh",
        "thuha.demo@example.com",
        "Mục II",
        "Nên ưu tiên khởi nghiệp trong nông nghiệp công nghệ cao và du lịch, là thế mạnh của tỉnh.",
        True,
    ),
    (
        "Khách",
        "",
        "khach.demo@example.com",
        "",
        "Cho hỏi thủ tục cấp giấy phép kinh doanh karaoke ở đâu?",
        False,
    ),
]
CLOSED_REJECT_REASON = "Không liên quan đến nội dung dự thảo; đã hướng dẫn gửi câu hỏi qua mục Hỏi đáp."


def _docx(title: str, paragraphs: list[str]) -> bytes:
    """A minimal Word document (what agencies attach to drafts), built without extra packages."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in [title, *paragraphs]
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _document(title: str, filename: str, paragraphs: list[str]):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=ContentFile(_docx(title, paragraphs), name=filename))
        document._set_document_file_metadata()
        document.save()
    return document


def _deadline(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, DEADLINE_TIME, tzinfo=timezone.get_default_timezone())


def _comments(consultation: ConsultationPage, rows, first_sent: datetime.datetime, reject_reason: str = "") -> int:
    created = 0
    for number, (name, organisation, email, section, body, approved) in enumerate(rows):
        if Comment.objects.filter(consultation=consultation, email=email, body=body).exists():
            continue
        sent = first_sent + datetime.timedelta(hours=number * 20)
        comment = Comment.objects.create(
            consultation=consultation,
            name=name,
            organisation=organisation,
            email=email,
            section_ref=section,
            body=body,
            consent_at=sent,
            created_at=sent,
            ip_hash=keyed_hash("ip", f"203.0.113.{number + 10}"),
            email_hash=keyed_hash("email", email),
        )
        created += 1
        if approved:
            services.comment_approve(comment=comment, user=None)
        elif reject_reason:
            services.comment_reject(comment=comment, user=None, reason=reject_reason)
    return created


def _consultation(index: ConsultationIndexPage, title: str, **fields) -> tuple[ConsultationPage, bool]:
    slug = slugify(title)
    page = ConsultationPage.objects.child_of(index).filter(slug=slug).first()
    if page is not None:
        return page, False
    page = index.add_child(instance=ConsultationPage(title=title, slug=slug, **fields))
    return page, True


@transaction.atomic
def load_demo() -> dict[str, int]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {"trang lấy ý kiến": 0, "góp ý": 0}
    home = site.root_page
    pages = comments = 0
    index = ConsultationIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = home.add_child(instance=ConsultationIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO))
        index.save_revision().publish()
        pages += 1

    today = timezone.localdate(timezone.now(), timezone.get_default_timezone())
    body = "".join(
        f"<h3>{heading}</h3>" if text is None else f"<h4>{heading}</h4><p>{text}</p>" for heading, text in OPEN_ARTICLES
    )
    open_page, created = _consultation(
        index,
        OPEN_TITLE,
        drafting_agency="Phòng Quản lý khoa học, Sở Khoa học và Công nghệ",
        summary=OPEN_SUMMARY,
        body=body,
        opens_on=today - datetime.timedelta(days=5),
        closes_at=_deadline(today + datetime.timedelta(days=30)),
    )
    if created:
        paragraphs = [f"{heading}. {text}" if text else heading for heading, text in OPEN_ARTICLES]
        attachments = [
            ("Dự thảo Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh", "du-thao-quy-che-nhiem-vu-khcn.docx"),
            ("Dự thảo Tờ trình ban hành Quy chế", "du-thao-to-trinh-quy-che.docx"),
        ]
        open_page.documents = [
            ConsultationDocument(document=_document(title, filename, paragraphs), title=title, sort_order=order)
            for order, (title, filename) in enumerate(attachments)
        ]
        open_page.save_revision().publish()
        pages += 1
        comments += _comments(open_page, OPEN_COMMENTS, timezone.now() - datetime.timedelta(days=4))

    closed_page, created = _consultation(
        index,
        CLOSED_TITLE,
        drafting_agency="Phòng Quản lý công nghệ và Thị trường công nghệ, Sở Khoa học và Công nghệ",
        summary=CLOSED_SUMMARY,
        body=CLOSED_BODY,
        opens_on=today - datetime.timedelta(days=100),
        closes_at=_deadline(today - datetime.timedelta(days=70)),
    )
    if created:
        comments += _comments(
            closed_page, CLOSED_COMMENTS, _deadline(today - datetime.timedelta(days=95)), CLOSED_REJECT_REASON
        )
        closed_page.report_body = CLOSED_REPORT
        closed_page.report_document = _document(
            "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý Kế hoạch khởi nghiệp đổi mới sáng tạo",
            "bao-cao-tong-hop-gop-y-ke-hoach-khoi-nghiep.docx",
            [CLOSED_SUMMARY],
        )
        closed_page.save_revision().publish()
        pages += 1
    services.consultation_statuses_refresh()
    return {"trang lấy ý kiến": pages, "góp ý": comments}
