"""Admin: the "Quản lý bản tin" group, the subscribers list (no adding or editing), the digest
preview for a chosen week and "send now" (queued, idempotent, audit-logged), permissions."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from wagtail.models import ModelLogEntry

from toasoan.newsletter.models import DigestRun
from toasoan.trust.testing import staff_login

pytestmark = pytest.mark.django_db
GROUP = "Quản lý bản tin"
PREVIEW = "/admin/dot-gui-ban-tin/xem-truoc/"
SUBSCRIBERS = "/admin/nguoi-dang-ky-ban-tin/"


@pytest.fixture
def manager(client):
    user = User.objects.create_user("bantin", password="mat-khau-dai-123")
    user.groups.add(Group.objects.get(name=GROUP))
    staff_login(client, user)
    return user


@pytest.fixture
def reporter(client):
    user = User.objects.create_user("phongvien", password="mat-khau-dai-123")
    user.groups.add(Group.objects.get(name="Phóng viên"))
    staff_login(client, user)
    return user


@pytest.fixture
def week_articles(section, other_section, make_article):
    make_article(section, "Tin tuần mười", date=datetime.date(2022, 1, 11))
    make_article(other_section, "Tin khoa học", date=datetime.date(2022, 1, 12))
    make_article(section, "Tin tuần khác", date=datetime.date(2022, 1, 20))


def test_the_group_has_what_it_needs():
    codenames = set(Group.objects.get(name=GROUP).permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_subscriber", "delete_subscriber", "view_digestrun", "add_digestrun"}


def test_manager_lists_subscribers_but_cannot_add_or_edit(client, manager, confirmed, section):
    subscriber = confirmed("quan.ly@example.vn", [section])
    listing = client.get(SUBSCRIBERS)
    html = listing.content.decode()
    assert listing.status_code == 200 and "quan.ly@example.vn" in html and "Đã xác nhận" in html
    assert section.title in html
    assert client.get(f"{SUBSCRIBERS}inspect/{subscriber.pk}/").status_code == 200
    assert client.get(f"{SUBSCRIBERS}new/").status_code == 404
    assert client.get(f"{SUBSCRIBERS}edit/{subscriber.pk}/").status_code == 404


def test_manager_deletes_a_subscriber_on_request(client, manager, confirmed, section):
    subscriber = confirmed("xoa@example.vn", [section])
    response = client.post(f"{SUBSCRIBERS}delete/{subscriber.pk}/")
    assert response.status_code == 302
    assert not type(subscriber).objects.filter(pk=subscriber.pk).exists()


def test_people_without_the_permissions_see_neither_list_nor_preview(client, reporter, confirmed, section):
    confirmed("an@example.vn", [section])
    for url in (SUBSCRIBERS, PREVIEW):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "an@example.vn" not in response.content.decode()
    response = client.post(PREVIEW, {"tuan": "2022-01-10"})
    assert response.status_code in (302, 403)
    assert not DigestRun.objects.exists()


def test_preview_shows_the_chosen_week_and_no_addresses(client, manager, week_articles, confirmed, section):
    confirmed("khong.hien@example.vn", [section])
    response = client.get(PREVIEW, {"tuan": "2022-01-12"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bản tin tuần 10/01/2022 – 16/01/2022" in html
    assert "Tin tuần mười" in html and "Tin khoa học" in html and "Tin tuần khác" not in html
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in html  # the mail shown in a sandboxed frame, escaped
    assert "khong.hien@example.vn" not in html
    assert "1 người đăng ký đã xác nhận" in html
    assert "Gửi ngay bản tin tuần 10/01/2022 – 16/01/2022" in html


def test_preview_defaults_to_last_week_and_survives_a_bad_date(client, manager):
    assert client.get(PREVIEW).status_code == 200
    bad = client.get(PREVIEW, {"tuan": "32/13/2022"})
    assert bad.status_code == 200 and "Ngày chưa đúng" in bad.content.decode()


def test_send_now_queues_once_and_is_logged(client, manager, week_articles, confirmed, section, run_tasks):
    confirmed("gui.ngay@example.vn", [section])
    response = client.post(PREVIEW, {"tuan": "2022-01-12"})
    assert response.status_code == 302
    run = DigestRun.objects.get()
    assert run.period_start == datetime.date(2022, 1, 10) and run.requested_by == manager
    assert mail.outbox == []
    run_tasks()
    client.post(PREVIEW, {"tuan": "2022-01-10"})
    run_tasks()
    assert [m.to for m in mail.outbox] == [["gui.ngay@example.vn"]]
    assert ModelLogEntry.objects.filter(action="newsletter.digest.send", user=manager).count() == 2
    listing = client.get("/admin/dot-gui-ban-tin/").content.decode()
    assert "Bản tin 10/01/2022 – 16/01/2022" in listing and "Xem trước và gửi" in listing


def test_a_week_that_is_not_over_cannot_be_sent(client, manager):
    response = client.post(PREVIEW, {"tuan": datetime.date.today().isoformat()}, follow=True)
    assert "Tuần này chưa kết thúc" in response.content.decode()
    assert not DigestRun.objects.exists()


def test_preview_only_users_cannot_send(client, week_articles):
    user = User.objects.create_user("xem", password="mat-khau-dai-123")
    group = Group.objects.create(name="Chỉ xem bản tin")
    group.permissions.set(
        Group.objects.get(name=GROUP).permissions.exclude(codename__in=["add_digestrun", "delete_subscriber"])
    )
    user.groups.add(group)
    staff_login(client, user)
    html = client.get(PREVIEW, {"tuan": "2022-01-12"}).content.decode()
    assert "Tin tuần mười" in html and "Gửi ngay" not in html
    assert client.post(PREVIEW, {"tuan": "2022-01-12"}).status_code in (302, 403)
    assert not DigestRun.objects.exists()
