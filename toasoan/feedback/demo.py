"""Demo content: answer templates, answered and published questions about the department's
procedures, one submission waiting and one overdue. Idempotent (keyed by tracking code)."""

import datetime

from django.db import transaction
from django.utils import timezone

from . import selectors
from .forms import CONSENT_TEXT
from .masking import mask_personal_data
from .models import AnswerState, AnswerTemplate, Kind, PublishedQuestion, Status, StatusEvent, Submission

TEMPLATES = [
    (
        "Trả lời chung — đã tiếp nhận và hướng dẫn",
        "Kính gửi Ông/Bà {ho_ten},\n\nSở Khoa học và Công nghệ đã nhận được {tieu_de} (mã {ma}) gửi ngày "
        "{ngay_gui}. Về nội dung Ông/Bà hỏi, Sở trả lời như sau:\n\n[Nội dung trả lời]\n\n"
        "Mọi vướng mắc xin liên hệ Văn phòng Sở trong giờ hành chính.\n\nTrân trọng.",
    ),
    (
        "Hướng dẫn nộp hồ sơ trực tuyến",
        "Kính gửi Ông/Bà {ho_ten},\n\nThủ tục Ông/Bà hỏi được thực hiện trực tuyến toàn trình trên Cổng Dịch vụ "
        "công quốc gia (dichvucong.gov.vn). Ông/Bà đăng nhập bằng tài khoản định danh điện tử VNeID, chọn thủ tục, "
        "điền tờ khai và đính kèm thành phần hồ sơ theo hướng dẫn. Kết quả được trả qua tài khoản và qua đường "
        "bưu chính nếu có yêu cầu.\n\nTrân trọng.",
    ),
    (
        "Chuyển cơ quan có thẩm quyền",
        "Kính gửi Ông/Bà {ho_ten},\n\nNội dung Ông/Bà phản ánh (mã {ma}) không thuộc thẩm quyền giải quyết của "
        "Sở Khoa học và Công nghệ. Sở đã chuyển nội dung này tới [cơ quan có thẩm quyền] để xem xét, giải quyết "
        "theo quy định.\n\nTrân trọng.",
    ),
]

ANSWERED = [
    {
        "code": "HD-K7MQ-2A3B",
        "kind": Kind.QUESTION,
        "days_ago": 40,
        "name": "Nguyễn Văn Hùng",
        "email": "hung.nguyen@example.vn",
        "phone": "0912345678",
        "subject": "Hồ sơ đăng ký hợp đồng chuyển giao công nghệ gồm những gì?",
        "content": (
            "Tôi là Nguyễn Văn Hùng, giám đốc một công ty cơ khí ở huyện Phú Vang. Công ty chúng tôi nhận chuyển "
            "giao dây chuyền sản xuất từ một doanh nghiệp Hàn Quốc. Xin hỏi hồ sơ đăng ký hợp đồng chuyển giao "
            "công nghệ gồm những giấy tờ gì, nộp ở đâu và mất bao lâu? Số điện thoại của tôi là 0912 345 678."
        ),
        "answer": (
            "Theo Luật Chuyển giao công nghệ năm 2017 và Nghị định 76/2018/NĐ-CP, hồ sơ đăng ký hợp đồng chuyển "
            "giao công nghệ gồm: văn bản đề nghị đăng ký (theo mẫu); bản gốc hoặc bản sao có chứng thực hợp đồng "
            "chuyển giao công nghệ (bản tiếng nước ngoài phải kèm bản dịch tiếng Việt); danh mục tài liệu công nghệ, "
            "máy móc, thiết bị kèm theo (nếu có).\n\nHồ sơ nộp trực tiếp tại Bộ phận Một cửa của Sở, qua bưu chính "
            "hoặc trực tuyến trên Cổng Dịch vụ công. Thời hạn cấp Giấy chứng nhận đăng ký là 05 ngày làm việc kể từ "
            "ngày nhận đủ hồ sơ hợp lệ. Lệ phí theo quy định của Bộ Tài chính."
        ),
    },
    {
        "code": "HD-P8XT-4C5D",
        "kind": Kind.QUESTION,
        "days_ago": 33,
        "name": "Trần Thị Mai",
        "email": "mai.tran@example.vn",
        "phone": "",
        "subject": "Điều kiện công nhận doanh nghiệp khoa học và công nghệ",
        "content": (
            "Công ty tôi có sản phẩm phần mềm tự phát triển và đã được cấp bằng độc quyền sáng chế. Chị Mai ở "
            "phòng kế toán muốn hỏi: doanh nghiệp cần đáp ứng điều kiện gì để được cấp Giấy chứng nhận doanh nghiệp "
            "khoa học và công nghệ, và được hưởng ưu đãi thuế thế nào? Email liên hệ mai.tran@example.vn."
        ),
        "answer": (
            "Theo Nghị định 13/2019/NĐ-CP, doanh nghiệp được cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ "
            "khi có khả năng tạo ra hoặc ứng dụng kết quả khoa học và công nghệ đã được cơ quan có thẩm quyền đánh "
            "giá, thẩm định, và doanh thu từ sản phẩm hình thành từ kết quả khoa học và công nghệ đạt tỷ lệ tối "
            "thiểu 30% tổng doanh thu (doanh nghiệp mới thành lập dưới 5 năm không cần điều kiện này khi đăng ký "
            "lần đầu).\n\nDoanh nghiệp được hưởng ưu đãi thuế thu nhập doanh nghiệp như doanh nghiệp thực hiện dự "
            "án đầu tư mới thuộc lĩnh vực ưu đãi. Hồ sơ nộp tại Sở Khoa học và Công nghệ nơi doanh nghiệp đặt trụ sở."
        ),
    },
    {
        "code": "PA-R9ZW-6E7F",
        "kind": Kind.FEEDBACK,
        "days_ago": 25,
        "name": "Lê Quang Minh",
        "email": "",
        "phone": "0935111222",
        "subject": "Phản ánh thời gian cấp giấy phép tiến hành công việc bức xạ",
        "content": (
            "Phòng khám tư nhân của tôi nộp hồ sơ cấp giấy phép sử dụng thiết bị X-quang chẩn đoán y tế từ đầu "
            "tháng nhưng chưa nhận được kết quả. Đề nghị Sở cho biết hồ sơ đang ở bước nào. Người liên hệ: "
            "anh Lê Quang Minh, CCCD 046089001234."
        ),
        "answer": (
            "Sở Khoa học và Công nghệ đã kiểm tra: hồ sơ của phòng khám được tiếp nhận ngày 05 và đã có văn bản "
            "đề nghị bổ sung kết quả đo kiểm xạ và chứng chỉ nhân viên bức xạ gửi qua đường bưu chính. Thời hạn "
            "giải quyết được tính lại từ ngày nhận đủ hồ sơ bổ sung. Sở xin lỗi vì thông báo bổ sung chưa được gửi "
            "kèm qua thư điện tử và đã chấn chỉnh bộ phận một cửa."
        ),
    },
]

OPEN = [
    {
        "code": "KN-T3HV-8G9H",
        "kind": Kind.PETITION,
        "days_ago": 2,
        "status": Status.RECEIVED,
        "name": "Phạm Đức Anh",
        "email": "ducanh.pham@example.vn",
        "phone": "",
        "subject": "Kiến nghị công bố danh mục thủ tục có thể nộp trực tuyến",
        "content": (
            "Kiến nghị Sở đăng trên cổng thông tin danh mục các thủ tục hành chính được thực hiện trực tuyến toàn "
            "trình, kèm đường dẫn tới Cổng Dịch vụ công quốc gia, để doanh nghiệp không phải gọi điện hỏi."
        ),
    },
    {
        "code": "PA-W5NC-2J3K",
        "kind": Kind.FEEDBACK,
        "days_ago": 35,
        "status": Status.PROCESSING,
        "name": "Hoàng Thị Lan",
        "email": "lan.hoang@example.vn",
        "phone": "0987654321",
        "subject": "Phản ánh việc kiểm định cân điện tử tại chợ",
        "content": (
            "Tôi là tiểu thương tại chợ Đông Ba. Đợt kiểm định cân điện tử vừa qua nhiều hộ chưa được dán tem "
            "kiểm định dù đã nộp phí. Đề nghị Sở kiểm tra và hướng dẫn."
        ),
    },
]


@transaction.atomic
def load_demo() -> dict[str, int]:
    counts = {"mẫu trả lời": 0, "hỏi đáp": 0, "phản ánh": 0}
    for title, body in TEMPLATES:
        counts["mẫu trả lời"] += AnswerTemplate.objects.get_or_create(title=title, defaults={"body": body})[1]
    now = timezone.now()
    for item in ANSWERED + OPEN:
        if Submission.objects.filter(code=item["code"]).exists():
            continue
        created = now - datetime.timedelta(days=item["days_ago"])
        status = item.get("status", Status.ANSWERED)
        answered = status == Status.ANSWERED
        answered_at = created + datetime.timedelta(days=9) if answered else None
        submission = Submission.objects.create(
            code=item["code"],
            kind=item["kind"],
            status=status,
            subject=item["subject"],
            content=item["content"],
            name=item["name"],
            email=item["email"],
            phone=item["phone"],
            created_at=created,
            status_changed_at=answered_at or created,
            deadline=selectors.deadline_for(timezone.localdate(created)),
            consent_at=created,
            consent_text=CONSENT_TEXT,
            ip_hash="demo",
            answer=item.get("answer", ""),
            answer_state=AnswerState.APPROVED if answered else AnswerState.NONE,
            answered_at=answered_at,
        )
        StatusEvent.objects.create(submission=submission, status=Status.RECEIVED, created_at=created)
        if status != Status.RECEIVED:
            StatusEvent.objects.create(
                submission=submission, status=Status.PROCESSING, created_at=created + datetime.timedelta(days=1)
            )
        if answered:
            StatusEvent.objects.create(submission=submission, status=Status.ANSWERED, created_at=answered_at)
            names = (submission.name,)
            PublishedQuestion.objects.create(
                submission=submission,
                kind=submission.kind,
                subject=mask_personal_data(submission.subject, names),
                question=mask_personal_data(submission.content, names),
                answer=submission.answer,
                asked_on=timezone.localdate(created),
                answered_on=timezone.localdate(answered_at),
                published_at=answered_at,
            )
            counts["hỏi đáp"] += 1
        counts["phản ánh"] += 1
    return counts
