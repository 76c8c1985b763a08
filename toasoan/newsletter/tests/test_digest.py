"""The weekly digest: what it holds (live, public articles of the chosen sections first published in
the period), how it is sent (durable task, HTML + text, unsubscribe headers), and that no
subscriber ever gets the same period twice: retries, "send now" twice, two schedulers."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from toasoan.newsletter import services, tokens
from toasoan.newsletter.models import Delivery, DigestRun, Subscriber
from toasoan.newsletter.periods import Period

from .conftest import link_in

pytestmark = pytest.mark.django_db
WEEK = Period.week_of(datetime.date(2022, 1, 12))  # Monday 10/01/2022 to Sunday 16/01/2022


@pytest.fixture
def articles(section, other_section, make_article):
    return {
        "in_week": make_article(section, "Bài trong tuần", date=datetime.date(2022, 1, 10), sapo="Tóm tắt bài."),
        "sunday": make_article(section, "Bài chủ nhật", date=datetime.date(2022, 1, 16)),
        "draft": make_article(section, "Bài nháp", date=datetime.date(2022, 1, 11), live=False),
        "other_section": make_article(other_section, "Bài chuyên mục khác", date=datetime.date(2022, 1, 11)),
        "before": make_article(section, "Bài tuần trước", date=datetime.date(2022, 1, 9)),
        "after": make_article(section, "Bài tuần sau", date=datetime.date(2022, 1, 17)),
    }


def test_the_week_runs_from_monday_to_sunday():
    assert (WEEK.start, WEEK.last_day, WEEK.end) == (
        datetime.date(2022, 1, 10),
        datetime.date(2022, 1, 16),
        datetime.date(2022, 1, 17),
    )
    assert WEEK.label == "10/01/2022 – 16/01/2022"


def test_digest_holds_only_live_articles_of_chosen_sections_in_the_period(articles, confirmed, section, run_tasks):
    subscriber = confirmed("doc.gia@example.vn", [section])
    services.digest_request(period=WEEK)
    assert mail.outbox == []  # queued, not sent in the request
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["doc.gia@example.vn"]
    assert message.subject == "Bản tin tuần 10/01/2022 – 16/01/2022"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert "Bài trong tuần" in body and "Bài chủ nhật" in body
        for excluded in ("Bài nháp", "Bài chuyên mục khác", "Bài tuần trước", "Bài tuần sau"):
            assert excluded not in body
        assert articles["in_week"].full_url in body
    assert "Tóm tắt bài." in html
    assert body.index("Bài chủ nhật") < body.index("Bài trong tuần")  # newest first
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert delivery.status == Delivery.Status.SENT and delivery.article_count == 2


def test_every_digest_carries_one_click_unsubscribe(articles, confirmed, section, run_tasks, client):
    subscriber = confirmed("huy.nhanh@example.vn", [section])
    services.digest_request(period=WEEK)
    run_tasks()
    (message,) = mail.outbox
    path = link_in(message, "huy")
    assert (
        message.extra_headers["List-Unsubscribe"].startswith("<http")
        and path in message.extra_headers["List-Unsubscribe"]
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert path in message.alternatives[0][0] and link_in(message, "tuy-chon")
    assert "email" not in path and "huy.nhanh" not in path  # the link names a random key, not the address
    client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_restricted_articles_are_left_out(articles, confirmed, section, run_tasks):
    PageViewRestriction.objects.create(page=articles["sunday"], restriction_type="password", password="x")
    confirmed("han.che@example.vn", [section])
    services.digest_request(period=WEEK)
    run_tasks()
    assert "Bài chủ nhật" not in mail.outbox[0].body and "Bài trong tuần" in mail.outbox[0].body


def test_each_subscriber_gets_their_own_sections_and_nobody_gets_an_empty_digest(
    articles, confirmed, section, other_section, home, run_tasks
):
    confirmed("mot@example.vn", [section])
    confirmed("hai@example.vn", [other_section])
    empty = home.add_child(instance=type(section)(title="Chuyên mục vắng", slug="vang"))
    quiet = confirmed("ba@example.vn", [empty])
    Subscriber.objects.create(email="chua.xac.nhan@example.vn")
    services.digest_request(period=WEEK)
    run_tasks()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"mot@example.vn", "hai@example.vn"}
    assert "Bài chuyên mục khác" in by_address["hai@example.vn"].body
    assert "Bài trong tuần" not in by_address["hai@example.vn"].body
    assert Delivery.objects.get(subscriber=quiet).status == Delivery.Status.EMPTY


def test_send_now_twice_and_a_rerun_never_send_the_same_period_twice(articles, confirmed, section, run_tasks):
    confirmed("mot.lan@example.vn", [section])
    run, created = services.digest_request(period=WEEK)
    again, created_again = services.digest_request(period=WEEK)
    assert created and not created_again and run.pk == again.pk
    run_tasks()
    services.digest_send(period=WEEK)  # the task retried by hand
    assert [m.to for m in mail.outbox] == [["mot.lan@example.vn"]]
    late = confirmed("den.sau@example.vn", [section])  # (clears the outbox)
    services.digest_request(period=WEEK)
    run_tasks()
    assert [m.to for m in mail.outbox] == [["den.sau@example.vn"]]
    assert Delivery.objects.filter(subscriber=late).count() == 1
    assert DigestRun.objects.count() == 1 and DigestRun.objects.get().finished_at


def test_a_claimed_delivery_is_never_sent_again_even_if_the_mail_state_was_lost(articles, confirmed, section):
    subscriber = confirmed("da.nhan@example.vn", [section])
    Delivery.objects.create(subscriber=subscriber, period_start=WEEK.start, status=Delivery.Status.SENDING)
    assert services.digest_send(period=WEEK) == {"skipped": 1}
    assert mail.outbox == []


def test_a_failed_send_is_retried_once(articles, confirmed, section):
    subscriber = confirmed("loi.mang@example.vn", [section])
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("SMTP down")):
        assert services.digest_send(period=WEEK) == {"failed": 1}
    assert mail.outbox == []
    assert Delivery.objects.get(subscriber=subscriber).status == Delivery.Status.FAILED
    assert services.digest_send(period=WEEK) == {"sent": 1}
    assert services.digest_send(period=WEEK) == {"skipped": 1}
    assert len(mail.outbox) == 1


def test_unsubscribed_people_get_nothing(articles, confirmed, section):
    subscriber = confirmed("da.huy@example.vn", [section])
    services.unsubscribe(token=tokens.make(tokens.UNSUBSCRIBE, subscriber.key))
    assert services.digest_send(period=WEEK) == {}
    assert mail.outbox == []


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_the_scheduler_asks_once_after_the_send_time(articles, confirmed, section, run_tasks):
    confirmed("lich@example.vn", [section])
    monday = WEEK.end  # 17/01/2022
    assert services.digest_schedule(_local(monday, 6)) is None  # before 07:00
    # On Sunday night the week is not over yet: what is due is the week before (none of its articles).
    assert services.digest_due(_local(monday - datetime.timedelta(days=1), 23)) == Period.week_of(
        datetime.date(2022, 1, 3)
    )
    run = services.digest_schedule(_local(monday, 7))
    assert run is not None and run.period_start == WEEK.start and run.requested_by is None
    assert services.digest_schedule(_local(monday, 8)) is None  # the next tick: already asked
    assert services.digest_schedule(_local(monday + datetime.timedelta(days=2), 9)) is None  # still the same week
    run_tasks()
    assert len(mail.outbox) == 1 and DigestRun.objects.count() == 1


def test_two_schedulers_racing_queue_one_run(articles, confirmed, section, run_tasks):
    """The second scheduler passed the "not asked yet" check before the first one committed."""
    confirmed("dua@example.vn", [section])
    now = _local(WEEK.end, 9)
    with mock.patch.object(services, "digest_due", return_value=WEEK):
        first = services.digest_schedule(now)
        second = services.digest_schedule(now)
    assert first is not None and second is None
    run_tasks()
    assert len(mail.outbox) == 1


def test_the_weekday_and_hour_are_settings(settings):
    settings.TOASOAN_NEWSLETTER = {"DIGEST_WEEKDAY": 4, "DIGEST_HOUR": 16}  # Friday 16:00
    friday = WEEK.end + datetime.timedelta(days=4)
    assert services.digest_due(_local(friday, 15)) is None
    assert services.digest_due(_local(friday, 16)) == WEEK
