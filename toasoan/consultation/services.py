"""Write-side operations on consultations: a citizen's comment, moderation, the CSV export for
the summary report, the closing job and the moderators' page permissions. Views, the admin and
the scheduler call these; each is one transaction."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

from toasoan.core.abuse import FormCheck, is_near_duplicate, keyed_hash
from toasoan.core.consent import capture as consent_capture

from . import rules, selectors
from .models import (
    Comment,
    CommentStatus,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    PublishedComment,
)

MODERATOR_GROUP = "Quản lý lấy ý kiến"
# Moderators draft consultations and their summary reports; "Lãnh đạo duyệt tin" publishes them
# through the "Duyệt tin" workflow like every page.
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page")

APPROVE_ACTION = "consultation.comment.approve"
REJECT_ACTION = "consultation.comment.reject"
EXPORT_ACTION = "consultation.comments.export"

# The consent label of the comment form as a reader sees it, word for word (a test compares them).
CONSENT_TEXT = (
    "Tôi đồng ý để cơ quan xử lý họ tên, cơ quan và thư điện tử của tôi nhằm tiếp nhận, tổng hợp và phản hồi "
    "góp ý, theo chính sách bảo vệ dữ liệu cá nhân"
)


class ConsultationClosed(Exception):
    """The draft is not taking comments (not open yet, or past its deadline)."""

    def __init__(self, phase: rules.Phase, closes_at: datetime.datetime | None = None):
        super().__init__(phase)
        self.phase = phase
        self.closes_at = closes_at


class ModerationError(Exception):
    """A moderation step that cannot apply (already done, or a missing reason); message in Vietnamese."""


@dataclass(frozen=True)
class CommentInput:
    name: str
    email: str
    body: str
    organisation: str = ""
    section_ref: str = ""


def _flags(*, consultation_id: int, data: CommentInput, guard: FormCheck, ip_hash: str, email_hash: str, now) -> list:
    flags = list(guard.reasons)
    hashes = {"ip": ip_hash, "email": email_hash}
    for limit in rules.RATE_LIMITS:
        recent = Comment.objects.filter(
            **{f"{limit.kind}_hash": hashes[limit.kind]}, created_at__gt=now - limit.window
        ).count()
        if recent >= limit.limit and limit.flag not in flags:
            flags.append(limit.flag)
    earlier = Comment.objects.filter(consultation_id=consultation_id).order_by("-created_at", "-pk")
    if is_near_duplicate(data.body, earlier.values_list("body", flat=True)[: rules.NEAR_DUPLICATE_LOOKBACK]):
        flags.append("near_duplicate")
    return flags


@transaction.atomic
def comment_submit(*, consultation: ConsultationPage, data: CommentInput, guard: FormCheck, ip: str) -> Comment:
    """Store a citizen's comment for moderation; raises ConsultationClosed outside the window.

    The window is read again from the database, with the page row locked, in the transaction
    that stores the comment, and the comment's time is taken after that read: every stored
    comment was sent before the deadline in force, even if the deadline passes or an editor
    moves it during the request. Suspicious signs (guard reasons, rate limits, near-duplicates)
    only flag the comment: it is stored and shown to the moderators like any other."""
    window = (
        ConsultationPage.objects.select_for_update()
        .filter(pk=consultation.pk, live=True)
        .values_list("opens_on", "closes_at")
        .first()
    )
    agreed = consent_capture(text=CONSENT_TEXT, source=consultation.url or "")
    now = agreed.at
    if window is None:
        raise ConsultationClosed(rules.Phase.CLOSED)
    opens_on, closes_at = window
    phase = rules.phase(opens_on=opens_on, closes_at=closes_at, now=now)
    if phase != rules.Phase.OPEN:
        raise ConsultationClosed(phase, closes_at)
    ip_hash = keyed_hash("ip", ip or "unknown")
    email_hash = keyed_hash("email", data.email)
    flags = _flags(
        consultation_id=consultation.pk, data=data, guard=guard, ip_hash=ip_hash, email_hash=email_hash, now=now
    )
    return Comment.objects.create(
        consultation_id=consultation.pk,
        name=data.name,
        organisation=data.organisation,
        email=data.email,
        section_ref=data.section_ref,
        body=data.body,
        **agreed.as_fields(),
        created_at=now,
        ip_hash=ip_hash,
        email_hash=email_hash,
        flags=flags,
        suspicious=bool(flags),
    )


def _locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)


@transaction.atomic
def comment_approve(*, comment: Comment, user: AbstractBaseUser | None) -> Comment:
    """Make a comment public: its public part (never the email) is copied to PublishedComment,
    whose save refreshes every cached page."""
    comment = _locked(comment)
    if comment.status == CommentStatus.APPROVED:
        raise ModerationError("Góp ý này đã được duyệt trước đó.")
    comment.status = CommentStatus.APPROVED
    comment.reject_reason = ""
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save()
    PublishedComment.objects.update_or_create(
        comment=comment,
        defaults={
            "consultation_id": comment.consultation_id,
            "name": comment.name,
            "organisation": comment.organisation,
            "section_ref": comment.section_ref,
            "body": comment.body,
            "submitted_at": comment.created_at,
            "published_at": comment.moderated_at,
        },
    )
    log(instance=comment, action=APPROVE_ACTION, user=user, data={"consultation": comment.consultation_id})
    return comment


@transaction.atomic
def comment_reject(*, comment: Comment, user: AbstractBaseUser | None, reason: str) -> Comment:
    """Refuse a comment, with the reason kept for the record; an approved one is withdrawn from
    the public page."""
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError("Vui lòng nhập lý do từ chối.")
    if len(reason) > rules.REJECT_REASON_MAX:
        raise ModerationError(f"Lý do từ chối dài quá {rules.REJECT_REASON_MAX} ký tự.")
    comment = _locked(comment)
    if comment.status == CommentStatus.REJECTED:
        raise ModerationError("Góp ý này đã bị từ chối trước đó.")
    was_public = comment.status == CommentStatus.APPROVED
    comment.status = CommentStatus.REJECTED
    comment.reject_reason = reason
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save()
    PublishedComment.objects.filter(comment=comment).delete()
    log(
        instance=comment,
        action=REJECT_ACTION,
        user=user,
        data={"consultation": comment.consultation_id, "reason": reason, "withdrawn": was_public},
    )
    return comment


CSV_HEADINGS = [
    "STT",
    "Thời điểm gửi",
    "Họ và tên",
    "Cơ quan, tổ chức",
    "Thư điện tử",
    "Điều, khoản",
    "Nội dung góp ý",
    "Trạng thái",
    "Lý do từ chối",
    "Dấu hiệu nghi vấn",
]


def _cell(value: str) -> str:
    # A cell starting like a formula would run in a spreadsheet (CSV injection): make it text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@transaction.atomic
def comments_export(*, consultation: ConsultationPage, user: AbstractBaseUser | None) -> str:
    """Every comment on a draft as CSV (UTF-8 with a BOM, so spreadsheet programs read the
    Vietnamese), for the summary report; the export is recorded in the page's history."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADINGS)
    local = timezone.get_default_timezone()
    comments = list(selectors.comments_for_export(consultation))
    for number, comment in enumerate(comments, start=1):
        writer.writerow(
            [
                str(number),
                timezone.localtime(comment.created_at, local).strftime("%d/%m/%Y %H:%M"),
                _cell(comment.name),
                _cell(comment.organisation),
                _cell(comment.email),
                _cell(comment.section_ref),
                _cell(comment.body),
                comment.get_status_display(),
                _cell(comment.reject_reason),
                "; ".join(comment.flag_labels()),
            ]
        )
    log(instance=consultation, action=EXPORT_ACTION, user=user, data={"count": len(comments)})
    return out.getvalue()


@transaction.atomic
def consultation_statuses_refresh(*, now: datetime.datetime | None = None) -> int:
    """The closing job: record each live draft's phase and days left, saving only those that
    changed. A save refreshes the page cache, so within one scheduler tick of a deadline no
    cached page still lists the draft as open (and at each midnight the days left move on).
    Returns how many drafts changed."""
    now = now or timezone.now()
    stored = {status.page_id: status for status in ConsultationStatus.objects.all()}
    changed = 0
    for page in ConsultationPage.objects.live().only("opens_on", "closes_at"):
        phase, days = page.phase(now), page.days_left(now)
        status = stored.get(page.pk)
        if status is not None and (status.phase, status.days_left) == (phase, days):
            continue
        ConsultationStatus.objects.update_or_create(
            page_id=page.pk, defaults={"phase": phase, "days_left": days, "changed_at": now}
        )
        changed += 1
    return changed


@transaction.atomic
def index_grant_moderator_permissions(*, index: ConsultationIndexPage) -> None:
    """Let the moderators' group draft consultations (and their reports) under this index."""
    group = Group.objects.filter(name=MODERATOR_GROUP).first()
    if group is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
