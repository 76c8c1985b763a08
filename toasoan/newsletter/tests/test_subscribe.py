"""Subscribing: the public form (no CSRF token, same-site, honeypot, fill time, rate limits),
validation messages, consent records, and replies that never reveal whether an address exists."""

import logging
import re

import pytest
from django.core import mail

from toasoan.core import abuse
from toasoan.newsletter.models import ConsentRecord, Subscriber
from toasoan.newsletter.services import CONSENT_TEXT, CONSENT_VERSION

from .conftest import CLIENT_IP, link_in

pytestmark = pytest.mark.django_db


def test_the_form_lists_live_sections_links_the_privacy_page_and_has_no_csrf_token(
    client, section, other_section, home
):
    draft = home.add_child(instance=type(section)(title="Chuyên mục nháp", slug="nhap", live=False))
    response = client.get("/ban-tin/dang-ky/")
    html = response.content.decode()
    assert response.status_code == 200
    assert section.title in html and other_section.title in html and draft.title not in html
    assert "chính sách bảo vệ dữ liệu cá nhân" in html and "/chinh-sach-bao-ve-du-lieu-ca-nhan/" in html
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in response.cookies
    assert html.count("<h1") == 1
    assert abuse.HONEYPOT_FIELD in html and abuse.STARTED_FIELD in html


def test_the_consent_recorded_is_the_label_people_read(client, section):
    html = client.get("/ban-tin/dang-ky/").content.decode()
    label = re.search(r'<label for="id_consent">(.*?)<span class="nl-required"', html, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", "", label).split()) == CONSENT_TEXT


def test_a_valid_request_records_consent_and_queues_the_confirmation_mail(
    subscribe_post, section, other_section, run_tasks
):
    response = subscribe_post(email="  Ban.Doc@Example.VN ", sections=[section.pk, other_section.pk])
    assert response.status_code == 302 and response["Location"] == "/ban-tin/dang-ky/da-gui/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ban.doc@example.vn"
    assert subscriber.status == Subscriber.Status.PENDING
    assert not subscriber.sections.exists()  # nothing changes before the mailbox owner confirms
    consent = ConsentRecord.objects.get()
    assert consent.consent_text == CONSENT_TEXT and consent.consent_version == CONSENT_VERSION
    assert consent.ip_hash == abuse.keyed_hash("ip", CLIENT_IP) and CLIENT_IP not in consent.ip_hash
    assert sorted(consent.section_ids) == sorted([section.pk, other_section.pk])
    assert consent.policy_url and consent.confirmed_at is None
    assert mail.outbox == []  # durable: sent by the worker
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["ban.doc@example.vn"]
    assert message.subject == "Xác nhận đăng ký nhận bản tin"
    assert link_in(message, "xac-nhan").startswith("/ban-tin/xac-nhan/")
    assert section.title in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Xác nhận đăng ký" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử chưa đúng"),
        ({"email": ""}, "Hãy nhập địa chỉ thư điện tử."),
        ({"consent": None}, "Cần bạn đồng ý để cơ quan lưu địa chỉ thư điện tử"),
        ({"sections": None}, "Hãy chọn ít nhất một chuyên mục."),
        ({"sections": ["999999"]}, "Chuyên mục đã chọn không còn trên cổng"),
        ({"sections": ["abc"]}, "Chuyên mục đã chọn không hợp lệ"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(subscribe_post, section, fields, message, run_tasks):
    fields = {"sections": [section.pk], **fields}
    response = subscribe_post(**fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists() and not ConsentRecord.objects.exists()
    run_tasks()
    assert mail.outbox == []


def test_a_typed_address_is_kept_after_an_error(subscribe_post, section):
    html = subscribe_post(email="giu.lai@example.vn", sections=None).content.decode()
    assert 'value="giu.lai@example.vn"' in html


def test_a_section_that_is_not_a_news_section_is_refused(subscribe_post, home):
    response = subscribe_post(sections=[home.pk])
    assert response.status_code == 400 and not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"origin": "https://trang-khac.example"}, 403, "Không nhận đăng ký gửi từ trang web khác"),
        ({"website": "http://spam.example"}, 400, "Chưa gửi được biểu mẫu"),
        ({"form_started": "gia-mao"}, 400, "Biểu mẫu đã hết hạn"),
    ],
)
def test_guards_refuse_without_storing(subscribe_post, section, kwargs, status, message):
    response = subscribe_post(sections=[section.pk], **kwargs)
    assert response.status_code == status and message in response.content.decode()
    assert not Subscriber.objects.exists()


def test_too_fast_is_refused(subscribe_post, section, settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 60
    response = subscribe_post(sections=[section.pk])
    assert response.status_code == 400 and "quá nhanh" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_get_only_and_post_methods(client):
    assert client.put("/ban-tin/dang-ky/").status_code == 405


def test_resubscribing_gives_the_same_reply_and_no_duplicate(subscribe_post, section, other_section, confirmed):
    confirmed("da.co@example.vn", [section])
    new = subscribe_post(email="moi@example.vn", sections=[section.pk])
    existing = subscribe_post(email="Da.Co@example.vn", sections=[other_section.pk], ip="198.51.100.9")
    again = subscribe_post(email="moi@example.vn", sections=[section.pk], ip="198.51.100.10")
    assert new.status_code == existing.status_code == again.status_code == 302
    assert new["Location"] == existing["Location"] == again["Location"]
    assert Subscriber.objects.filter(email="da.co@example.vn").count() == 1
    assert Subscriber.objects.filter(email="moi@example.vn").count() == 1
    kept = Subscriber.objects.get(email="da.co@example.vn")
    assert kept.status == Subscriber.Status.CONFIRMED
    assert list(kept.sections.all()) == [section.page_ptr]  # unchanged until the owner confirms


def test_rate_limit_per_address(subscribe_post, section, settings, run_tasks):
    settings.TOASOAN_NEWSLETTER = {"LIMIT_PER_EMAIL_PER_HOUR": 2}
    for n in range(2):
        assert subscribe_post(sections=[section.pk], ip=f"198.51.100.{n}").status_code == 302
    refused = subscribe_post(sections=[section.pk], ip="198.51.100.50")
    assert refused.status_code == 429
    assert "vừa được gửi nhiều thư xác nhận" in refused.content.decode()
    assert ConsentRecord.objects.count() == 2
    run_tasks()
    assert len(mail.outbox) == 2
    assert subscribe_post(email="khac@example.vn", sections=[section.pk], ip="198.51.100.50").status_code == 302


def test_rate_limit_per_ip(subscribe_post, section, settings):
    settings.TOASOAN_NEWSLETTER = {"LIMIT_PER_IP_PER_HOUR": 3}
    for n in range(3):
        assert subscribe_post(email=f"nguoi{n}@example.vn", sections=[section.pk]).status_code == 302
    refused = subscribe_post(email="nguoi9@example.vn", sections=[section.pk])
    assert refused.status_code == 429 and "từ mạng của bạn" in refused.content.decode()
    assert not Subscriber.objects.filter(email="nguoi9@example.vn").exists()
    assert subscribe_post(email="nguoi9@example.vn", sections=[section.pk], ip="192.0.2.44").status_code == 302


def test_addresses_are_never_logged(subscribe_post, section, run_tasks, caplog):
    with caplog.at_level(logging.DEBUG):
        subscribe_post(email="bi.mat@example.vn", sections=[section.pk])
        run_tasks()
    assert "bi.mat" not in caplog.text


def test_the_sent_page_is_public_and_generic(client):
    response = client.get("/ban-tin/dang-ky/da-gui/")
    assert response.status_code == 200
    assert "Kiểm tra hộp thư để xác nhận" in response.content.decode()
