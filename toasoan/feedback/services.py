"""Writes on feedback. Every function is atomic: the submission, its attachments, its status
history, the audit log entry and the queued email commit together or not at all."""

import datetime
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from toasoan.core import abuse, consent

from . import codes, conf, emails, moderation, selectors
from .masking import mask_personal_data
from .models import (
    CODE_PREFIX,
    AnswerState,
    Attachment,
    Note,
    PublishedQuestion,
    Status,
    StatusEvent,
    Submission,
    TrackingLookup,
)
from .storage import private_storage
from .tasks import send_citizen_email
from .validators import FileKind

logger = logging.getLogger(__name__)

# Which status may follow which. "Đã trả lời" is reached only through an approved answer.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.MODERATION: frozenset({Status.RECEIVED, Status.REJECTED}),
    Status.RECEIVED: frozenset({Status.PROCESSING, Status.REJECTED}),
    Status.PROCESSING: frozenset({Status.ANSWERED, Status.REJECTED}),
    Status.ANSWERED: frozenset(),
    Status.REJECTED: frozenset(),
}
CHANGE_PERMISSION = "feedback.change_submission"
APPROVE_PERMISSION = "feedback.approve_answer"


@dataclass(frozen=True)
class AttachmentData:
    upload: UploadedFile
    kind: FileKind


@dataclass(frozen=True)
class SubmissionData:
    kind: str
    name: str
    subject: str
    content: str
    consent_text: str
    email: str = ""
    phone: str = ""
    about: Page | None = None
    attachments: list[AttachmentData] = field(default_factory=list)


class TransitionError(ValidationError):
    pass


def _notify(submission: Submission, event: str) -> None:
    """Queue the citizen's email in the current transaction (it exists iff the change commits)."""
    if submission.email:
        subject, body = emails.compose(submission, event)
        send_citizen_email.enqueue(submission.pk, subject, body)


def _store_files(attachments: list[AttachmentData]) -> list[tuple[AttachmentData, str]]:
    """Write the files (fsynced) before the transaction: a committed row never lacks its file."""
    stored = []
    try:
        for attachment in attachments:
            name = Attachment.file.field.generate_filename(None, f"tep.{attachment.kind.extension}")
            attachment.upload.seek(0)
            stored.append((attachment, private_storage.save(name, attachment.upload)))
    except Exception:
        _delete_files([name for _, name in stored])
        raise
    return stored


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            private_storage.delete(name)
        except OSError:
            logger.warning("Could not delete attachment %s", name, exc_info=True)


def submission_create(*, data: SubmissionData, ip: str, guard_reasons: list[str] = ()) -> Submission:
    """Store a citizen's submission with its attachments and queue the receipt email, in one
    transaction. Suspicious ones (guard_reasons, rate limits) are stored for moderation; past the
    hard limit, raises moderation.RateLimited and stores nothing."""
    ip_hash = abuse.keyed_hash("ip", ip)
    email_hash = abuse.keyed_hash("email", data.email) if data.email else ""
    moderation.check_hard_limits(moderation.recent_counts(ip_hash=ip_hash, email_hash=email_hash))
    stored = _store_files(data.attachments)
    try:
        return _create_row(
            data=data, ip_hash=ip_hash, email_hash=email_hash, reasons=list(guard_reasons), stored=stored
        )
    except BaseException:
        _delete_files([name for _, name in stored])
        raise


@transaction.atomic
def _create_row(
    *, data: SubmissionData, ip_hash: str, email_hash: str, reasons: list[str], stored: list[tuple[AttachmentData, str]]
) -> Submission:
    counts = moderation.recent_counts(ip_hash=ip_hash, email_hash=email_hash)
    moderation.check_hard_limits(counts)  # again, inside the write transaction: exact
    reasons = [*reasons, *moderation.rate_reasons(counts)]
    agreed = consent.capture(text=data.consent_text, source=reverse("feedback:submit"))
    now = agreed.at
    submission = Submission(
        kind=data.kind,
        status=Status.MODERATION if reasons else Status.RECEIVED,
        subject=data.subject,
        content=data.content,
        name=data.name,
        email=data.email,
        phone=data.phone,
        about=data.about,
        created_at=now,
        status_changed_at=now,
        deadline=selectors.deadline_for(timezone.localdate(now)),
        **agreed.as_fields(),
        ip_hash=ip_hash,
        email_hash=email_hash,
        moderation_reasons=reasons,
    )
    for attempt in range(5):
        submission.code = codes.new_code(CODE_PREFIX[data.kind])
        try:
            with transaction.atomic():
                submission.save()
            break
        except IntegrityError:
            if attempt == 4 or not Submission.objects.filter(code=submission.code).exists():
                raise
    for attachment, name in stored:
        Attachment.objects.create(
            submission=submission,
            file=name,
            original_name=_safe_name(attachment.upload.name or "tep"),
            content_type=attachment.kind.content_type,
            size=attachment.upload.size,
        )
    StatusEvent.objects.create(submission=submission, status=submission.status, created_at=now)
    if submission.status == Status.RECEIVED:
        _notify(submission, "received")
    return submission


def _safe_name(name: str) -> str:
    name = os.path.basename(name.replace("\\", "/"))
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>:/\\|?*;')
    return cleaned[:200] or "tep"


def tracking_miss_record(*, ip: str) -> None:
    TrackingLookup.objects.create(ip_hash=abuse.keyed_hash("ip", ip))


# Staff actions --------------------------------------------------------------------------------


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _set_status(submission: Submission, status: str, *, user, action: str, data: dict | None = None) -> None:
    if status not in TRANSITIONS[submission.status]:
        raise TransitionError(
            f"Không thể chuyển từ “{submission.get_status_display()}” sang “{Status(status).label}”.",
            code="transition",
        )
    previous = submission.status
    submission.status = status
    submission.status_changed_at = timezone.now()
    submission.save()
    StatusEvent.objects.create(submission=submission, status=status, created_at=submission.status_changed_at)
    log(submission, action, user=user, data={"from": previous, "to": status, **(data or {})})


@transaction.atomic
def submission_assign(*, submission: Submission, assignee, user) -> Submission:
    _require(user, CHANGE_PERMISSION)
    submission = _locked(submission)
    if assignee is not None and not selectors.staff_users().filter(pk=assignee.pk).exists():
        raise ValidationError("Chỉ phân công được cho cán bộ tiếp nhận, lãnh đạo hoặc quản trị viên.")
    submission.assignee = assignee
    submission.save(update_fields=["assignee"])
    log(submission, "feedback.assign", user=user, data={"assignee": assignee.get_username() if assignee else ""})
    return submission


@transaction.atomic
def note_add(*, submission: Submission, text: str, user) -> Note:
    _require(user, CHANGE_PERMISSION)
    text = text.strip()
    if not text:
        raise ValidationError("Ghi chú không được để trống.")
    note = Note.objects.create(submission=submission, author=user, text=text)
    log(submission, "feedback.note", user=user, data={"note_id": note.pk})
    return note


@transaction.atomic
def submission_release(*, submission: Submission, user) -> Submission:
    """Out of the moderation queue: it was a real submission after all."""
    _require(user, CHANGE_PERMISSION)
    submission = _locked(submission)
    if submission.status != Status.MODERATION:
        raise TransitionError("Phản ánh này không ở hàng chờ kiểm duyệt.")
    _set_status(submission, Status.RECEIVED, user=user, action="feedback.release")
    _notify(submission, "received")
    return submission


@transaction.atomic
def submission_start(*, submission: Submission, user) -> Submission:
    _require(user, CHANGE_PERMISSION)
    submission = _locked(submission)
    _set_status(submission, Status.PROCESSING, user=user, action="feedback.start")
    _notify(submission, "processing")
    return submission


@transaction.atomic
def submission_reject(*, submission: Submission, reason: str, user) -> Submission:
    _require(user, CHANGE_PERMISSION)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do từ chối: người gửi sẽ đọc được lý do này.")
    submission = _locked(submission)
    submission.rejection_reason = reason
    _set_status(submission, Status.REJECTED, user=user, action="feedback.reject", data={"reason": reason})
    _notify(submission, "rejected")
    return submission


@transaction.atomic
def answer_submit(*, submission: Submission, text: str, publish: bool, user) -> Submission:
    """A handler's answer, sent to the approvers; nothing reaches the citizen before approval."""
    _require(user, CHANGE_PERMISSION)
    text = text.strip()
    if not text:
        raise ValidationError("Câu trả lời không được để trống.")
    submission = _locked(submission)
    if submission.status not in (Status.RECEIVED, Status.PROCESSING):
        raise TransitionError(f"Không thể trả lời khi phản ánh đang ở trạng thái “{submission.get_status_display()}”.")
    if submission.status == Status.RECEIVED:
        _set_status(submission, Status.PROCESSING, user=user, action="feedback.start")
        _notify(submission, "processing")
    submission.answer = text
    submission.answer_publish = publish
    submission.answer_state = AnswerState.PENDING
    submission.answer_by = user
    submission.answer_submitted_at = timezone.now()
    submission.save()
    log(submission, "feedback.answer_submit", user=user, data={"publish": publish})
    return submission


@transaction.atomic
def answer_return(*, submission: Submission, comment: str, user) -> Submission:
    _require(user, APPROVE_PERMISSION)
    submission = _locked(submission)
    if submission.answer_state != AnswerState.PENDING:
        raise TransitionError("Không có câu trả lời nào đang chờ duyệt.")
    submission.answer_state = AnswerState.RETURNED
    submission.save(update_fields=["answer_state"])
    if comment.strip():
        Note.objects.create(submission=submission, author=user, text=f"Trả lại câu trả lời: {comment.strip()}")
    log(submission, "feedback.answer_return", user=user, data={"comment": comment.strip()})
    return submission


def public_copy_defaults(submission: Submission) -> tuple[str, str]:
    """Subject and question with personal data masked: what the approver starts from."""
    names = (submission.name,)
    return mask_personal_data(submission.subject, names), mask_personal_data(submission.content, names)


@transaction.atomic
def answer_approve(*, submission: Submission, user, public_subject: str = "", public_question: str = "") -> Submission:
    """Approve the pending answer: the citizen gets it, and (if asked) the masked copy is published."""
    _require(user, APPROVE_PERMISSION)
    submission = _locked(submission)
    if submission.answer_state != AnswerState.PENDING:
        raise TransitionError("Không có câu trả lời nào đang chờ duyệt.")
    now = timezone.now()
    submission.answer_state = AnswerState.APPROVED
    submission.approved_by = user
    submission.answered_at = now
    _set_status(submission, Status.ANSWERED, user=user, action="feedback.answer_approve")
    if submission.answer_publish:
        default_subject, default_question = public_copy_defaults(submission)
        names = (submission.name,)
        # Whatever the approver edited is masked again: a slip cannot publish a phone number.
        question = PublishedQuestion.objects.create(
            submission=submission,
            kind=submission.kind,
            subject=mask_personal_data(public_subject.strip() or default_subject, names)[:200],
            question=mask_personal_data(public_question.strip() or default_question, names),
            answer=submission.answer,
            about=submission.about,
            asked_on=timezone.localdate(submission.created_at),
            answered_on=timezone.localdate(now),
            published_at=now,
            published_by=user,
        )
        log(question, "feedback.publish", user=user, data={"submission": submission.code})
    _notify(submission, "answered")
    return submission


@transaction.atomic
def deadlines_recompute() -> int:
    """After the holiday calendar changes: open submissions get their deadline again."""
    from .models import OPEN_STATUSES

    changed = 0
    for submission in Submission.objects.filter(status__in=OPEN_STATUSES).only("pk", "created_at", "deadline"):
        deadline = selectors.deadline_for(timezone.localdate(submission.created_at))
        if deadline != submission.deadline:
            Submission.objects.filter(pk=submission.pk).update(deadline=deadline)
            changed += 1
    return changed


# Upkeep ---------------------------------------------------------------------------------------
_last_cleanup = 0.0


def orphans_delete(*, older_than: float | None = None) -> int:
    """Remove files no attachment row refers to (written by a request that died before its
    commit, e.g. kill -9), once they are older than the grace period; and old lookup misses."""
    grace = conf.get("ORPHAN_GRACE_SECONDS") if older_than is None else older_than
    root = Path(private_storage.location) / "feedback"
    TrackingLookup.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
    if not root.exists():
        return 0
    cutoff = time.time() - grace
    candidates = {
        str(path.relative_to(private_storage.location)): path
        for path in root.rglob("*")
        if path.is_file() and path.stat().st_mtime < cutoff
    }
    if not candidates:
        return 0
    known = set(Attachment.objects.filter(file__in=list(candidates)).values_list("file", flat=True))
    removed = 0
    for name, path in candidates.items():
        if name not in known:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def periodic_cleanup() -> None:
    """Scheduler job: at most once an hour per process."""
    global _last_cleanup
    if time.monotonic() - _last_cleanup < 3600 and _last_cleanup:
        return
    _last_cleanup = time.monotonic()
    orphans_delete()
