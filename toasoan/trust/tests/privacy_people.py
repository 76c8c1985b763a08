"""Two people's data across the apps, sent through the public forms as a browser does, for the
privacy tests: An (email and phone) and Bình (someone else, whose data must never be touched)."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from toasoan.consultation.models import Comment, ConsultationIndexPage, ConsultationPage, PublishedComment
from toasoan.consultation.services import comment_approve
from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD, form_token
from toasoan.feedback.models import PublishedQuestion, Submission
from toasoan.newsletter.models import Subscriber
from toasoan.surveys.models import Rating, RatingUnit

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@dataclass
class Someone:
    name: str
    email: str
    phone: str  # as typed in the form
    submission: Submission | None = None
    comment: Comment | None = None
    question: PublishedQuestion | None = None
    subscriber: Subscriber | None = None
    rating: Rating | None = None
    files: list[Path] = field(default_factory=list)


AN = ("Nguyễn Văn An", "An.Nguyen@Example.vn", "0912 345 678")
BINH = ("Lê Thị Bình", "binh.le@example.vn", "0987.654.321")


def private_files(settings) -> list[Path]:
    root = Path(settings.TOASOAN_PRIVATE_MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def consultation(home) -> ConsultationPage:
    index = home.add_child(instance=ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="lay-y-kien-du-thao"))
    index.save_revision().publish()
    now = timezone.now()
    page = ConsultationPage(
        title="Dự thảo Quy chế quản lý nhiệm vụ khoa học",
        opens_on=timezone.localdate(now) - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=10),
        drafting_agency="Phòng Quản lý khoa học",
        summary="Quy định việc tuyển chọn nhiệm vụ.",
        body="<p>Điều 5. Hội đồng tư vấn.</p>",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_person(client, settings, *, who, draft: ConsultationPage, section, unit: RatingUnit) -> Someone:
    """Everything one person sends: a question with an attachment (answered and published in the
    public Q&A), a comment on a draft (approved), a newsletter subscription, a rating comment
    mentioning their phone number."""
    name, email, phone = who
    person = Someone(name, email, phone)
    before = set(private_files(settings))
    response = client.post(
        reverse("feedback:submit"),
        {
            "kind": "hoi_dap",
            "name": name,
            "email": email,
            "phone": phone,
            "subject": f"Câu hỏi của {name} về thủ tục",
            "content": f"Tôi là {name}, số điện thoại {phone}, hỏi về hồ sơ đăng ký chuyển giao công nghệ.",
            "consent": "on",
            "attachments": [SimpleUploadedFile("ho-so.pdf", PDF, content_type="application/pdf")],
            STARTED_FIELD: form_token(),
            HONEYPOT_FIELD: "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.submission = Submission.objects.get(email=email)
    person.files = sorted(set(private_files(settings)) - before)
    now = timezone.now()
    person.question = PublishedQuestion.objects.create(
        submission=person.submission,
        kind="hoi_dap",
        subject=f"Hỏi về thủ tục ({name})",  # a slip the approver missed
        question=f"Hồ sơ gồm những gì? Liên hệ {phone}.",
        answer="Hồ sơ gồm đơn và hợp đồng.",
        asked_on=timezone.localdate(now),
        answered_on=timezone.localdate(now),
    )
    response = client.post(
        reverse("consultation:comment_post", args=[draft.pk]),
        {
            "name": name,
            "organisation": "Hội Khoa học",
            "email": email,
            "section_ref": "Điều 5",
            "body": f"Đề nghị bổ sung chuyên gia độc lập. Liên hệ {email} để trao đổi thêm.",
            "consent": "on",
            STARTED_FIELD: form_token(),
            HONEYPOT_FIELD: "",
        },
        **ORIGIN,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.comment = comment_approve(comment=Comment.objects.get(email=email), user=None)
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": email, "sections": [section.pk], "consent": "on", STARTED_FIELD: form_token(), HONEYPOT_FIELD: ""},
        **ORIGIN,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.subscriber = Subscriber.objects.get(email=email.lower())
    person.rating = Rating.objects.create(
        subject=Rating.Subject.UNIT,
        unit=unit,
        level=1,
        comment=f"Chờ lâu quá. Gọi lại cho tôi: {phone.replace(' ', '-')}",
        client_key=f"key-{name}",
    )
    return person


def everyone(client, settings, home, section) -> tuple[Someone, Someone, ConsultationPage]:
    settings.TOASOAN_FORM_MIN_SECONDS = 0
    draft = consultation(home)
    unit = RatingUnit.objects.create(name="Bộ phận Một cửa")
    an = make_person(client, settings, who=AN, draft=draft, section=section, unit=unit)
    binh = make_person(client, settings, who=BINH, draft=draft, section=section, unit=unit)
    return an, binh, draft


def published_comment(person: Someone) -> PublishedComment:
    return PublishedComment.objects.get(comment=person.comment)
