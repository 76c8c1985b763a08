"""Writes: ratings and votes from the public, moderation by staff, polls opening and closing.

Identity stays confidential: no name, email, address or cookie is stored with a rating or vote.
Repeats are counted with `client_key`, a keyed hash (core.abuse.keyed_hash) of the client's
address, the target and the local day. It rotates with both, so two rows share a key only when
they come from the same address, for the same target, on the same day: ratings cannot be linked
across targets or days, and the address cannot be recovered without the server's secret key.

Repeat limits (per client, target and day):
- ratings: the first one counts; later ones are stored but wait for a moderator (people behind
  one address — a one-stop-shop kiosk, an office, a carrier's shared address — are not turned
  away, and one client cannot stuff the results); past MAX_RATINGS_PER_TARGET_PER_DAY the form
  refuses with a message.
- votes: one per poll, per client, per day; a repeat is refused with a message."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from toasoan.core.abuse import FormCheck, keyed_hash
from toasoan.core.vietnamese import nfc

from .models import Poll, PollOption, Rating, Status, Vote
from .selectors import Target

MAX_RATINGS_PER_TARGET_PER_DAY = 10
ACCEPT_ACTION = "surveys.moderation.accept"
REJECT_ACTION = "surveys.moderation.reject"


class RatingRefused(Exception):
    """Too many ratings of one target from one client today: nothing is stored."""


class VoteRefused(Exception):
    """The vote is not stored; `reason` is "closed", "not_open", "invalid_option" or "repeat"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def client_key(kind: str, *, ip: str, scope: str, day: datetime.date) -> str:
    """The rotating keyed hash that counts repeats without identifying anyone."""
    return keyed_hash(kind, f"{ip}|{scope}|{day.isoformat()}")


@dataclass(frozen=True)
class RatingReceipt:
    rating: Rating

    @property
    def counted(self) -> bool:
        return self.rating.status == Status.COUNTED


@transaction.atomic
def rating_submit(
    *,
    target: Target,
    level: int,
    comment: str,
    ip: str,
    check: FormCheck,
    now: datetime.datetime | None = None,
) -> RatingReceipt:
    """Store one rating. Suspicious ones (core.abuse reasons, repeats) wait for a moderator."""
    now = now or timezone.now()
    key = client_key("surveys.rating", ip=ip, scope=target.value, day=timezone.localdate(now))
    earlier = Rating.objects.filter(client_key=key).count()
    if earlier >= MAX_RATINGS_PER_TARGET_PER_DAY:
        raise RatingRefused
    flags = [*check.reasons, *(["repeat"] if earlier else [])]
    rating = Rating.objects.create(
        subject=target.subject,
        unit_id=target.unit_id,
        procedure_id=target.procedure_id,
        level=level,
        comment=nfc(comment.strip()),
        created_at=now,
        client_key=key,
        flags=",".join(flags),
        status=Status.PENDING if flags else Status.COUNTED,
    )
    return RatingReceipt(rating)


@transaction.atomic
def vote_submit(
    *,
    poll: Poll,
    option_id: int,
    ip: str,
    check: FormCheck,
    now: datetime.datetime | None = None,
) -> Vote:
    """Store one vote, or raise VoteRefused. A vote with a filled honeypot waits for a moderator."""
    now = now or timezone.now()
    state = poll.state_at(now)
    if state != Poll.State.OPEN:
        raise VoteRefused("closed" if state == Poll.State.CLOSED else "not_open")
    option = PollOption.objects.filter(poll=poll, pk=option_id).first()
    if option is None:
        raise VoteRefused("invalid_option")
    key = client_key("surveys.vote", ip=ip, scope=f"poll-{poll.pk}", day=timezone.localdate(now))
    if Vote.objects.filter(client_key=key).exists():
        raise VoteRefused("repeat")
    return Vote.objects.create(
        poll=poll,
        option=option,
        created_at=now,
        client_key=key,
        flags=",".join(check.reasons),
        status=Status.PENDING if check.suspicious else Status.COUNTED,
    )


@transaction.atomic
def submission_moderate(*, item: Rating | Vote, accept: bool, user) -> None:
    """Accept (count in the results) or reject a rating or vote, and record it in the audit log."""
    item.status = Status.COUNTED if accept else Status.REJECTED
    item.moderated_at = timezone.now()
    item.save(update_fields=["status", "moderated_at"])
    log(instance=item, action=ACCEPT_ACTION if accept else REJECT_ACTION, user=user)


@transaction.atomic
def polls_sync_state(*, now: datetime.datetime | None = None) -> int:
    """Save the state of every poll whose dates say it has opened or closed since it was saved.

    Saving is what renews the page cache, so the home page stops showing a closed poll's form
    (and starts showing a newly opened one) within one scheduler tick. Returns how many changed."""
    now = now or timezone.now()
    changed = 0
    for poll in Poll.objects.exclude(state=Poll.State.CLOSED).select_for_update():
        state = poll.state_at(now)
        if state != poll.state:
            poll.state = state
            poll.save(update_fields=["state"])  # a post_save: the page cache starts afresh
            changed += 1
    return changed
