"""Writes for the newsletter: subscribe (double opt-in), confirm, unsubscribe, change sections,
and the digest (requested once per period, delivered at most once per subscriber).

Addresses are personal data: nothing here logs one; logs name subscribers by id."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from toasoan.core import abuse
from toasoan.core import consent as core_consent
from toasoan.core import selectors as site_selectors

from . import conf, emails, selectors, tokens
from .models import ConsentRecord, Delivery, DigestRun, Subscriber
from .periods import Period, previous_week

logger = logging.getLogger(__name__)

CONSENT_VERSION = "2026-11"  # change it whenever CONSENT_TEXT changes
CONSENT_TEXT = (  # the consent label of the form, word for word (a test compares them)
    "Tôi đồng ý để cơ quan lưu và sử dụng địa chỉ thư điện tử của tôi cùng các chuyên mục tôi chọn chỉ để "
    "gửi bản tin, theo chính sách bảo vệ dữ liệu cá nhân của cơ quan. Tôi có thể hủy đăng ký bất cứ lúc nào "
    "bằng liên kết trong mỗi thư."
)


class RateLimited(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "ip" or "email"


class NotConfirmed(Exception):
    """Changing sections needs a confirmed subscription."""


@dataclass(frozen=True)
class Outcome:
    """What a link did: `done` now, or `already` done before (the page says so, nothing changes)."""

    subscriber: Subscriber | None
    already: bool = False


def normalise_email(email: str) -> str:
    return email.strip().lower()


# --- Subscribing ------------------------------------------------------------------------------


@transaction.atomic
def subscribe(*, email: str, section_ids: list[int], ip: str, base_url: str) -> None:
    """Record a request to subscribe and queue the confirmation mail. The same happens whether
    the address is new, pending, confirmed or unsubscribed: the reply never tells them apart, and
    nothing changes for the subscriber until the mailbox owner confirms."""
    email = normalise_email(email)
    ip_hash = abuse.keyed_hash("ip", ip) if ip else ""
    email_hash = abuse.keyed_hash("email", email)
    by_ip, by_email = selectors.recent_requests(ip_hash=ip_hash, email_hash=email_hash)
    if by_ip >= conf.get("LIMIT_PER_IP_PER_HOUR"):
        raise RateLimited("ip")
    if by_email >= conf.get("LIMIT_PER_EMAIL_PER_HOUR"):
        raise RateLimited("email")
    subscriber = _subscriber_get_or_create(email)
    agreed = core_consent.capture(text=CONSENT_TEXT, source=reverse("newsletter:subscribe"))
    record = ConsentRecord.objects.create(
        subscriber=subscriber,
        consent_text=agreed.text,
        consent_version=CONSENT_VERSION,
        policy_url=agreed.policy_url,
        policy_version=agreed.policy_version,
        source=agreed.source,
        ip_hash=ip_hash,
        email_hash=email_hash,
        section_ids=sorted(set(section_ids)),
    )
    from .tasks import send_confirmation

    send_confirmation.enqueue(record.pk, base_url)
    logger.info("Newsletter subscribe request recorded (subscriber %s)", subscriber.pk)


def _subscriber_get_or_create(email: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():  # a savepoint: a concurrent request may insert the same address
            return Subscriber.objects.create(email=email)
    except IntegrityError:
        return Subscriber.objects.get(email=email)


def confirmation_send(*, consent_id: int, base_url: str) -> bool:
    consent = ConsentRecord.objects.select_related("subscriber").filter(pk=consent_id).first()
    if consent is None or consent.confirmed_at is not None:
        return False
    _send(consent.subscriber.email, emails.confirmation(consent.subscriber, consent, base_url))
    return True


def _send(address: str, mail: emails.Mail) -> None:
    message = EmailMultiAlternatives(
        mail.subject, mail.text, settings.DEFAULT_FROM_EMAIL, [address], headers=mail.headers
    )
    message.attach_alternative(mail.html, "text/html")
    message.send()


# --- Signed links -----------------------------------------------------------------------------


def _subscriber_for(purpose: str, token: str) -> tuple[tokens.Claim, Subscriber | None]:
    claim = tokens.read(purpose, token)  # raises InvalidToken / ExpiredToken
    return claim, selectors.subscriber_by_key(claim.key)


@transaction.atomic
def confirm(*, token: str) -> Outcome:
    """Confirm the request the link was made for: its sections become the subscriber's."""
    claim, subscriber = _subscriber_for(tokens.CONFIRM, token)
    consent = (
        ConsentRecord.objects.select_for_update().filter(pk=claim.consent_id, subscriber=subscriber).first()
        if subscriber
        else None
    )
    if consent is None:  # erased since (signed by us, so not forged)
        raise tokens.InvalidToken
    if consent.confirmed_at is not None:
        return Outcome(subscriber, already=True)
    if subscriber.unsubscribed_at and consent.created_at < subscriber.unsubscribed_at:
        raise tokens.InvalidToken  # unsubscribing withdrew the requests made before it
    now = timezone.now()
    consent.confirmed_at = now
    consent.save(update_fields=["confirmed_at"])
    subscriber.sections.set(selectors.sections_by_id(consent.section_ids))
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = now
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    logger.info("Newsletter subscription confirmed (subscriber %s)", subscriber.pk)
    return Outcome(subscriber)


@transaction.atomic
def unsubscribe(*, token: str) -> Outcome:
    _, subscriber = _subscriber_for(tokens.UNSUBSCRIBE, token)
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return Outcome(subscriber, already=True)
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    subscriber.sections.clear()
    logger.info("Newsletter unsubscribed (subscriber %s)", subscriber.pk)
    return Outcome(subscriber)


def subscriber_for_preferences(*, token: str) -> Subscriber:
    _, subscriber = _subscriber_for(tokens.PREFERENCES, token)
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        raise NotConfirmed
    return subscriber


@transaction.atomic
def sections_update(*, token: str, section_ids: list[int]) -> Subscriber:
    subscriber = subscriber_for_preferences(token=token)
    subscriber.sections.set(selectors.sections_by_id(section_ids))
    return subscriber


def forget_stale(now: datetime.datetime | None = None) -> int:
    """Erase addresses nobody confirmed, and those unsubscribed, after FORGET_AFTER_DAYS."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=conf.get("FORGET_AFTER_DAYS"))
    pending = Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff).exclude(
        consents__created_at__gte=cutoff
    )
    gone = Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff).exclude(
        consents__created_at__gte=cutoff
    )
    deleted = 0
    for queryset in (pending, gone):
        deleted += queryset.delete()[1].get(Subscriber._meta.label, 0)
    return deleted


# --- Digest -----------------------------------------------------------------------------------


@transaction.atomic
def digest_request(*, period: Period, user=None) -> tuple[DigestRun, bool]:
    """Ask for a period's digest: one run row per period, and a durable task committed with it.
    Asking again (staff's "send now") re-queues it: only subscribers not yet served get a mail."""
    run, created = DigestRun.objects.get_or_create(
        period_start=period.start, defaults={"period_end": period.end, "requested_by": user}
    )
    run.last_enqueued_at = timezone.now()
    run.save(update_fields=["last_enqueued_at"])
    from .tasks import send_digest

    send_digest.enqueue(period.start.isoformat())
    return run, created


def digest_due(now: datetime.datetime | None = None) -> Period | None:
    """Last week's period once its send time has come, if nobody asked for it yet."""
    now = now or timezone.now()
    period = previous_week(now)
    _, end = period.bounds()
    send_at = end + datetime.timedelta(days=conf.get("DIGEST_WEEKDAY"), hours=conf.get("DIGEST_HOUR"))
    if now < send_at or DigestRun.objects.filter(period_start=period.start).exists():
        return None
    return period


def digest_schedule(now: datetime.datetime | None = None) -> DigestRun | None:
    """The scheduler's tick: request last week's digest once. Two schedulers racing both try to
    insert the period's run row; the unique period lets only one of them (and its task) commit."""
    period = digest_due(now)
    if period is None:
        return None
    try:
        with transaction.atomic():
            if DigestRun.objects.filter(period_start=period.start).exists():
                return None
            run = DigestRun.objects.create(period_start=period.start, period_end=period.end)
            from .tasks import send_digest

            send_digest.enqueue(period.start.isoformat())
            run.last_enqueued_at = timezone.now()
            run.save(update_fields=["last_enqueued_at"])
            return run
    except IntegrityError:
        return None


def _claim(subscriber_id: int, period: Period) -> Delivery | None:
    """Take this subscriber's copy of the period, or None when another run has it already.
    A failed send may be retried; anything else (sending, sent, empty) never runs twice."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(subscriber_id=subscriber_id, period_start=period.start)
    except IntegrityError:
        pass
    retried = Delivery.objects.filter(
        subscriber_id=subscriber_id, period_start=period.start, status=Delivery.Status.FAILED
    ).update(status=Delivery.Status.SENDING)
    return Delivery.objects.get(subscriber_id=subscriber_id, period_start=period.start) if retried else None


def digest_deliver(*, subscriber_id: int, period: Period, base_url: str) -> str:
    """Send one subscriber's digest at most once: the delivery row is committed before the mail
    leaves, so a crash after the claim loses a mail rather than sending it twice."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.CONFIRMED).first()
    if subscriber is None:  # unsubscribed or erased since the run started
        return "skipped"
    delivery = _claim(subscriber_id, period)
    if delivery is None:
        return "skipped"
    content = selectors.digest_content(subscriber.sections.values_list("pk", flat=True), period)
    if not content.article_count:
        delivery.status = Delivery.Status.EMPTY
        delivery.save(update_fields=["status"])
        return Delivery.Status.EMPTY.value
    try:
        _send(subscriber.email, emails.digest(subscriber, content, base_url))
    except Exception:
        logger.exception("Newsletter digest failed (subscriber %s, period %s)", subscriber_id, period.start)
        delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=["status"])
        return Delivery.Status.FAILED.value
    delivery.status = Delivery.Status.SENT
    delivery.article_count = content.article_count
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "article_count", "sent_at"])
    return Delivery.Status.SENT.value


def digest_send(*, period: Period) -> dict[str, int]:
    base_url = site_selectors.site_root_url()
    counts: dict[str, int] = {}
    for subscriber_id in selectors.confirmed_subscriber_ids():
        outcome = digest_deliver(subscriber_id=subscriber_id, period=period, base_url=base_url)
        counts[outcome] = counts.get(outcome, 0) + 1
    DigestRun.objects.filter(period_start=period.start).update(finished_at=timezone.now())
    logger.info("Newsletter digest %s: %s", period.start, counts)
    return counts
