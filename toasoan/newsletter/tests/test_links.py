"""Signed links: confirm (expiring), unsubscribe (one click, RFC 8058) and preferences. GETs never
change anything (mail scanners prefetch links); forged, tampered and expired links are refused."""

import datetime
import time
from unittest import mock

import pytest
from django.core import mail, signing

from toasoan.newsletter import services, tokens
from toasoan.newsletter.models import ConsentRecord, Subscriber

from .conftest import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(subscribe_post, section, other_section, run_tasks):
    """A request to subscribe to both sections, and the path of its confirmation link."""
    subscribe_post(email="cho.xac.nhan@example.vn", sections=[section.pk, other_section.pk])
    run_tasks()
    (message,) = mail.outbox
    mail.outbox.clear()
    return Subscriber.objects.get(email="cho.xac.nhan@example.vn"), link_in(message, "xac-nhan")


def test_get_shows_a_button_and_changes_nothing(client, pending):
    subscriber, path = pending
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200 and "Xác nhận đăng ký" in html and 'method="post"' in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    assert 'name="referrer" content="no-referrer"' in html and "cho.xac.nhan" not in html
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_post_confirms_with_the_chosen_sections(client, pending, section, other_section):
    subscriber, path = pending
    response = client.post(path)
    assert response.status_code == 200 and "Đã xác nhận đăng ký" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.confirmed_at
    assert set(subscriber.sections.values_list("pk", flat=True)) == {section.pk, other_section.pk}
    assert ConsentRecord.objects.get().confirmed_at is not None


def test_double_confirm_says_so_and_changes_nothing(client, pending):
    subscriber, path = pending
    client.post(path)
    subscriber.refresh_from_db()
    first = subscriber.confirmed_at
    again = client.post(path)
    assert again.status_code == 200 and "đã được xác nhận trước đó" in again.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == first


def test_resubscribing_changes_sections_only_once_confirmed(client, subscribe_post, section, other_section, run_tasks):
    subscribe_post(email="doi@example.vn", sections=[section.pk])
    run_tasks()
    client.post(link_in(mail.outbox.pop(), "xac-nhan"))
    subscribe_post(email="doi@example.vn", sections=[other_section.pk], ip="192.0.2.8")
    run_tasks()
    subscriber = Subscriber.objects.get(email="doi@example.vn")
    assert list(subscriber.sections.values_list("pk", flat=True)) == [section.pk]
    client.post(link_in(mail.outbox.pop(), "xac-nhan"))
    assert list(subscriber.sections.values_list("pk", flat=True)) == [other_section.pk]


def _tampered(token: str) -> str:
    payload, rest = token.split(":", 1)
    return ("A" if payload[0] != "A" else "B") + payload[1:] + ":" + rest


@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_tampered_and_wrong_purpose_links_are_refused(client, pending, method):
    subscriber, path = pending
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"k": subscriber.key.hex, "c": 1}, salt="khac", key="khoa-gia-mao")
    wrong_purpose = tokens.make(tokens.UNSUBSCRIBE, subscriber.key)
    for bad in (forged, _tampered(token), wrong_purpose, "abc", token[:-3]):
        response = getattr(client, method)(f"/ban-tin/xac-nhan/{bad}/")
        assert response.status_code == 400, bad
        assert "Liên kết không hợp lệ" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_confirmation_link_for_another_subscribers_request_is_refused(client, pending, confirmed, section):
    subscriber, _ = pending
    other = confirmed("khac@example.vn", [section])
    mixed = tokens.make(tokens.CONFIRM, other.key, ConsentRecord.objects.get(subscriber=subscriber).pk)
    assert client.post(f"/ban-tin/xac-nhan/{mixed}/").status_code == 400


@pytest.mark.parametrize(("days", "status"), [(2.9, 200), (3.1, 410)])
def test_confirmation_links_expire_after_three_days(client, pending, days, status):
    subscriber, path = pending
    later = time.time() + days * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(path)
    assert response.status_code == status
    subscriber.refresh_from_db()
    if status == 410:
        assert "đã hết hạn" in response.content.decode()
        assert subscriber.status == Subscriber.Status.PENDING
    else:
        assert subscriber.status == Subscriber.Status.CONFIRMED


def test_unsubscribe_get_shows_a_button_post_unsubscribes_twice_is_fine(client, confirmed, section):
    subscriber = confirmed("huy@example.vn", [section])
    path = f"/ban-tin/huy/{tokens.make(tokens.UNSUBSCRIBE, subscriber.key)}/"
    page = client.get(path)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    done = client.post(path)
    assert done.status_code == 200 and "Bạn đã hủy đăng ký" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and not subscriber.sections.exists()
    again = client.post(path)
    assert again.status_code == 200 and "đã hủy đăng ký trước đó" in again.content.decode()


def test_one_click_unsubscribe_as_mail_providers_post_it(client, confirmed, section):
    """RFC 8058: a POST with body List-Unsubscribe=One-Click, no cookies, no Origin of ours."""
    subscriber = confirmed("mot.cham@example.vn", [section])
    path = f"/ban-tin/huy/{tokens.make(tokens.UNSUBSCRIBE, subscriber.key)}/"
    response = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_ORIGIN="https://mail.example.com",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribing_withdraws_pending_confirmation_links(client, pending):
    subscriber, path = pending
    client.post(f"/ban-tin/huy/{tokens.make(tokens.UNSUBSCRIBE, subscriber.key)}/")
    assert client.post(path).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_tampered_unsubscribe_link_is_refused(client, confirmed, section):
    subscriber = confirmed("sua@example.vn", [section])
    token = tokens.make(tokens.UNSUBSCRIBE, subscriber.key)
    assert client.post(f"/ban-tin/huy/{_tampered(token)}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_preferences_change_sections(client, confirmed, section, other_section):
    subscriber = confirmed("tuy.chon@example.vn", [section])
    path = f"/ban-tin/tuy-chon/{tokens.make(tokens.PREFERENCES, subscriber.key)}/"
    page = client.get(path).content.decode()
    assert f'value="{section.pk}"' in page and "checked" in page and "tuy.chon" not in page
    refused = client.post(path, {"sections": []})
    assert refused.status_code == 400 and "Chưa lưu được" in refused.content.decode()
    assert list(subscriber.sections.values_list("pk", flat=True)) == [section.pk]
    saved = client.post(path, {"sections": [other_section.pk]})
    assert saved.status_code == 200 and "Đã lưu" in saved.content.decode()
    assert list(subscriber.sections.values_list("pk", flat=True)) == [other_section.pk]


def test_preferences_need_a_confirmed_subscription(client, pending):
    subscriber, _ = pending
    path = f"/ban-tin/tuy-chon/{tokens.make(tokens.PREFERENCES, subscriber.key)}/"
    assert client.get(path).status_code == 409
    assert client.get(f"/ban-tin/tuy-chon/{_tampered(path.split('/')[3])}/").status_code == 400


def test_stale_addresses_are_forgotten(confirmed, section, pending):
    subscriber, _ = pending
    kept = confirmed("giu@example.vn", [section])
    later = subscriber.created_at + datetime.timedelta(days=31)
    assert services.forget_stale(later) == 1
    assert list(Subscriber.objects.all()) == [kept]


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(
    client, subscribe_post, confirmed, section, run_tasks
):
    subscriber = confirmed("quay.lai@example.vn", [section])
    client.post(f"/ban-tin/huy/{tokens.make(tokens.UNSUBSCRIBE, subscriber.key)}/")
    assert subscribe_post(email="quay.lai@example.vn", sections=[section.pk]).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED  # until the new link is confirmed
    run_tasks()
    client.post(link_in(mail.outbox[-1], "xac-nhan"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.unsubscribed_at is None
    assert Subscriber.objects.filter(email="quay.lai@example.vn").count() == 1


def test_the_periodic_jobs_are_registered_and_forgetting_runs_hourly(monkeypatch):
    from toasoan.core import periodic
    from toasoan.newsletter import jobs

    assert {"newsletter.weekly_digest", "newsletter.forget_stale"} <= set(periodic._jobs)
    calls = []
    monkeypatch.setattr(services, "forget_stale", lambda: calls.append(1))
    monkeypatch.setattr(jobs, "_last_forget", 0.0)
    jobs.forget_stale_addresses()
    jobs.forget_stale_addresses()
    assert calls == [1]
