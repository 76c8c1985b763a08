"""Feedback's part of one person's data (core.personal_data): submissions found by email or phone.

Erasure keeps each submission for the agency's records (code, kind, dates, status, the handling)
but removes who sent it: name, email, phone, the keyed hashes, the attachments (rows and files);
the person's name, email and phone are also taken out of the free text (subject, content,
answer, staff notes) and of the public Q&A copy, whose save refreshes the page cache and the
Q&A search. Queued or sent notification emails (task rows, which hold the text) are deleted."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from toasoan.core import personal_data, taskqueue
from toasoan.core.personal_data import ERASED_NAME, Erasure, Export, ExportFile, Holding, Person, redact

from .models import Submission
from .tasks import send_citizen_email


def _submissions(person: Person):
    match = Q(pk__in=[])
    if person.email:
        match |= Q(email__iexact=person.email)
    if person.phone:
        match |= Q(phone=person.phone)
    return Submission.objects.filter(match).order_by("created_at", "pk")


def _date(value) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def find(person: Person) -> Holding:
    lines = []
    submissions = list(_submissions(person).prefetch_related("attachments"))
    for submission in submissions:
        files = len(submission.attachments.all())
        extra = f", {files} tệp đính kèm" if files else ""
        lines.append(
            f"{submission.code} — {submission.get_kind_display()} ngày "
            f"{timezone.localtime(submission.created_at):%d/%m/%Y}, {submission.get_status_display()}{extra}"
        )
    return Holding(count=len(submissions), lines=lines)


def export(person: Person) -> Export:
    result = Export(tables={"phan_anh_kien_nghi": [], "tep_dinh_kem": []})
    for submission in _submissions(person).select_related("about").prefetch_related("attachments"):
        published = getattr(submission, "published", None)
        result.tables["phan_anh_kien_nghi"].append(
            {
                "mã tra cứu": submission.code,
                "loại": submission.get_kind_display(),
                "trạng thái": submission.get_status_display(),
                "ngày gửi": _date(submission.created_at),
                "họ và tên": submission.name,
                "thư điện tử": submission.email,
                "số điện thoại": submission.phone,
                "tiêu đề": submission.subject,
                "nội dung": submission.content,
                "về trang": submission.about.title if submission.about else "",
                "lý do từ chối": submission.rejection_reason,
                "câu trả lời": submission.answer if submission.answered_at else "",
                "ngày trả lời": _date(submission.answered_at),
                "hỏi đáp công khai": published.get_absolute_url() if published else "",
                **submission.consent_summary(),
            }
        )
        for number, attachment in enumerate(submission.attachments.all(), start=1):
            name = f"phan-anh/{submission.code}/{number}-{attachment.original_name}"
            result.tables["tep_dinh_kem"].append(
                {
                    "mã tra cứu": submission.code,
                    "tên tệp": attachment.original_name,
                    "loại tệp": attachment.content_type,
                    "dung lượng (byte)": attachment.size,
                    "trong tệp nén": name,
                }
            )
            result.files.append(ExportFile(name=name, read=_reader(attachment.file)))
    return result


def _reader(file):
    def read() -> bytes:
        with file.open("rb") as handle:
            return handle.read()

    return read


def erase(person: Person) -> Erasure:
    result = Erasure()
    for submission in _submissions(person).select_for_update():
        names = (submission.name,)

        def clean(text: str, names=names) -> str:
            return redact(text, person, names)

        for attachment in submission.attachments.all():
            attachment.delete()  # its file goes on commit (signals.attachment_deleted)
        for note in submission.notes.all():
            if (text := clean(note.text)) != note.text:
                note.text = text
                note.save(update_fields=["text"])
        published = getattr(submission, "published", None)
        if published is not None:
            published.subject = clean(published.subject)[:200]
            published.question = clean(published.question)
            published.answer = clean(published.answer)
            published.save()  # new search_text; the page cache is refreshed on commit
            personal_data.redact_log_entries(published, person, names, label=str(published))
            result.public_paths += [published.get_absolute_url(), reverse("feedback:qa_list")]
        submission.subject = clean(submission.subject)[:200]
        submission.content = clean(submission.content)
        submission.answer = clean(submission.answer)
        submission.rejection_reason = clean(submission.rejection_reason)
        submission.name = ERASED_NAME
        submission.email = submission.phone = submission.email_hash = submission.ip_hash = ""
        submission.save()
        personal_data.redact_log_entries(submission, person, names, label=str(submission))
        taskqueue.discard(send_citizen_email, submission.pk)  # the database's or Redis's queue
        result.anonymised += 1
    return result


personal_data.register(
    "feedback", label="Phản ánh, kiến nghị, hỏi đáp", find=find, export=export, erase=erase, order=10
)
