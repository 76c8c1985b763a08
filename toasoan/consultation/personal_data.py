"""Consultation's part of one person's data (core.personal_data): comments found by email.

Comments are part of a draft's consultation record (the summary report counts and answers
them), so erasure keeps each comment's content without who sent it: name, organisation, email and
keyed hashes go, the person's name, email and phone are taken out of the text, and the public copy
on the draft's page is changed the same way (its save refreshes the page cache)."""

from urllib.parse import urlsplit

from django.utils import timezone

from toasoan.core import personal_data
from toasoan.core.personal_data import ERASED_NAME, Erasure, Export, Holding, Person, redact

from .models import Comment


def _comments(person: Person):
    if not person.email:
        return Comment.objects.none()
    return Comment.objects.filter(email__iexact=person.email).select_related("consultation").order_by("created_at")


def find(person: Person) -> Holding:
    comments = list(_comments(person))
    lines = [
        f"Góp ý ngày {timezone.localtime(c.created_at):%d/%m/%Y} về “{c.consultation.title}”, {c.get_status_display()}"
        for c in comments
    ]
    return Holding(count=len(comments), lines=lines)


def export(person: Person) -> Export:
    rows = [
        {
            "dự thảo": comment.consultation.title,
            "thời điểm gửi": timezone.localtime(comment.created_at).isoformat(),
            "họ và tên": comment.name,
            "cơ quan, tổ chức": comment.organisation,
            "thư điện tử": comment.email,
            "điều, khoản": comment.section_ref,
            "nội dung góp ý": comment.body,
            "trạng thái": comment.get_status_display(),
            "lý do từ chối": comment.reject_reason,
            **comment.consent_summary(),
        }
        for comment in _comments(person)
    ]
    return Export(tables={"gop_y_du_thao": rows})


def erase(person: Person) -> Erasure:
    result = Erasure()
    for comment in _comments(person).select_for_update():
        names = tuple(n for n in (comment.name, comment.organisation) if n)
        comment.body = redact(comment.body, person, names)
        comment.reject_reason = redact(comment.reject_reason, person, names)
        comment.section_ref = redact(comment.section_ref, person, names)
        comment.name = ERASED_NAME
        comment.organisation = comment.email = comment.email_hash = comment.ip_hash = ""
        comment.save()
        personal_data.redact_log_entries(comment, person, names, label=str(comment))
        publication = getattr(comment, "publication", None)
        if publication is not None:
            publication.name, publication.organisation = comment.name, ""
            publication.body, publication.section_ref = comment.body, comment.section_ref
            publication.save()  # a public row: the page cache is refreshed on commit
            personal_data.redact_log_entries(publication, person, names, label=str(publication))
            if comment.consultation.url:
                result.public_paths.append(urlsplit(comment.consultation.url).path)
        result.anonymised += 1
    return result


personal_data.register("consultation", label="Góp ý dự thảo", find=find, export=export, erase=erase, order=20)
