"""Admin: the group's permissions, moderation (audit-logged), no forging, snippets, export, demo."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from wagtail.models import ModelLogEntry

from toasoan.surveys import selectors
from toasoan.surveys.demo import load_demo
from toasoan.surveys.models import Level, Poll, Rating, RatingUnit, Status, Vote
from toasoan.trust.testing import staff_login

pytestmark = pytest.mark.django_db
GROUP = "Quản lý khảo sát"


@pytest.fixture
def manager(client):
    user = User.objects.create_user("khaosat", password="mat-khau-dai-123")
    user.groups.add(Group.objects.get(name=GROUP))
    staff_login(client, user)
    return user


@pytest.fixture
def pending(units) -> Rating:
    return Rating.objects.create(
        subject=Rating.Subject.UNIT,
        unit=units["specialist"],
        level=Level.DISSATISFIED,
        comment="Chờ lâu",
        status=Status.PENDING,
        flags="too_fast",
        client_key="x",
        created_at=timezone.now(),
    )


def test_the_group_has_what_it_needs():
    group = Group.objects.get(name=GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "add_ratingunit",
        "change_ratingunit",
        "delete_ratingunit",
        "add_poll",
        "change_poll",
        "delete_poll",
        "view_rating",
        "delete_rating",
        "moderate_rating",
        "view_vote",
        "delete_vote",
        "moderate_vote",
    } == codenames
    assert not Permission.objects.filter(codename__in=["add_rating", "change_rating", "add_vote", "change_vote"])


def test_moderator_accepts_a_pending_rating_and_it_is_logged(client, manager, pending):
    listing = client.get("/admin/luot-danh-gia/?status=pending")
    assert listing.status_code == 200
    assert "Nội dung đánh giá" in listing.content.decode() and ">method<" not in listing.content.decode()
    detail = client.get(f"/admin/luot-danh-gia/inspect/{pending.pk}/")
    html = detail.content.decode()
    assert "Chờ lâu" in html and "Gửi quá nhanh sau khi mở biểu mẫu" in html
    assert "Chấp nhận, tính vào kết quả" in html
    assert timezone.localtime(pending.created_at).strftime("%H:%M %d/%m/%Y") in html  # local time, not UTC
    response = client.post(f"/admin/luot-danh-gia/inspect/{pending.pk}/", {"decision": "accept"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.COUNTED and pending.moderated_at is not None
    entry = ModelLogEntry.objects.get(action="surveys.moderation.accept")
    assert (entry.user, entry.object_id) == (manager, str(pending.pk))
    assert selectors.rating_results().overall.total == 1


def test_moderator_rejects_and_it_is_logged(client, manager, pending):
    client.post(f"/admin/luot-danh-gia/inspect/{pending.pk}/", {"decision": "reject"})
    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert ModelLogEntry.objects.filter(action="surveys.moderation.reject", user=manager).count() == 1
    history = client.get(f"/admin/luot-danh-gia/history/{pending.pk}/")
    assert "Đã loại khỏi kết quả" in history.content.decode()


def test_a_forged_decision_changes_nothing(client, manager, pending):
    client.post(f"/admin/luot-danh-gia/inspect/{pending.pk}/", {"decision": "publish"})
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert not ModelLogEntry.objects.filter(action__startswith="surveys.").exists()


def test_staff_without_the_moderate_permission_cannot_moderate(client, pending):
    user = User.objects.create_user("xem", password="mat-khau-dai-123")
    group = Group.objects.create(name="Chỉ xem")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_rating"]))
    user.groups.add(group)
    staff_login(client, user)
    assert client.get(f"/admin/luot-danh-gia/inspect/{pending.pk}/").status_code == 200
    refused = client.post(f"/admin/luot-danh-gia/inspect/{pending.pk}/", {"decision": "accept"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_nobody_can_add_or_edit_a_rating_in_the_admin(client, admin_user, pending):
    staff_login(client, admin_user)
    listing = client.get("/admin/luot-danh-gia/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "/admin/luot-danh-gia/new/" not in html and f"/admin/luot-danh-gia/edit/{pending.pk}/" not in html
    assert client.get("/admin/luot-danh-gia/new/").status_code == 404
    assert client.get(f"/admin/luot-danh-gia/edit/{pending.pk}/").status_code == 404
    assert client.get("/admin/luot-binh-chon/").status_code == 200


def test_rating_export_has_no_identity(client, manager, pending):
    response = client.get("/admin/luot-danh-gia/?export=csv")
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    lines = content.splitlines()
    heading = "Thời điểm gửi,Đối tượng,Nội dung đánh giá,Mức độ hài lòng,Ý kiến thêm,Trạng thái"
    assert lines[0].lstrip("\ufeff") == heading
    assert "Phòng Quản lý chuyên ngành" in lines[1] and "Không hài lòng" in lines[1]
    assert pending.client_key not in content


def test_units_are_managed_as_snippets_and_logged(client, manager):
    response = client.post(
        "/admin/snippets/surveys/ratingunit/add/",
        {"name": "Văn phòng Sở", "service_name": "", "description": "", "is_active": "on", "sort_order": "4"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = RatingUnit.objects.get(name="Văn phòng Sở")
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(unit.pk), user=manager).exists()


def test_a_unit_with_ratings_cannot_be_deleted(client, manager, pending):
    unit = pending.unit
    response = client.post(f"/admin/snippets/surveys/ratingunit/delete/{unit.pk}/")
    assert RatingUnit.objects.filter(pk=unit.pk).exists()
    assert response.status_code in (200, 302)


def test_polls_are_managed_with_inline_options(client, manager):
    now = timezone.localtime()
    data = {
        "question": "Bạn thường đọc tin trên thiết bị nào?",
        "slug": "",
        "description": "",
        "opens_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        "show_on_home": "on",
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "2",
        "options-MAX_NUM_FORMS": "10",
        "options-0-label": "Điện thoại",
        "options-0-ORDER": "1",
        "options-0-id": "",
        "options-0-DELETE": "",
        "options-1-label": "Máy tính",
        "options-1-ORDER": "2",
        "options-1-id": "",
        "options-1-DELETE": "",
    }
    response = client.post("/admin/snippets/surveys/poll/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    poll = Poll.objects.get()
    assert [o.label for o in poll.options.all()] == ["Điện thoại", "Máy tính"]
    assert poll.state == Poll.State.OPEN and poll.slug == "ban-thuong-doc-tin-tren-thiet-bi-nao"
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(poll.pk)).exists()
    data["closes_at"] = (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    data["question"] = "Câu hỏi khác"
    bad = client.post("/admin/snippets/surveys/poll/add/", data)
    assert bad.status_code == 200
    assert "Thời điểm kết thúc phải sau thời điểm mở." in bad.content.decode()


def test_demo_content_is_loaded_once(home):
    first = load_demo()
    assert first == {"đơn vị được đánh giá": 3, "lượt đánh giá": 60, "cuộc thăm dò": 2, "lượt bình chọn": 80}
    assert set(load_demo().values()) == {0}
    results = selectors.rating_results()
    assert results.overall.total == 58  # two wait for a moderator
    assert {row.label for row in results.overall.rows if row.count} == {level.label for level in Level}
    months = {r.created_at.strftime("%Y-%m") for r in Rating.objects.all()}
    assert len(months) >= 5
    home_poll = selectors.home_poll()
    assert home_poll.question == "Bạn biết đến Cổng thông tin của Sở qua kênh nào?"
    assert [o.label for o in home_poll.options.all()] == ["Zalo", "Facebook", "Báo chí", "Người quen"]
    assert Vote.objects.filter(poll=home_poll).count() == 37


def test_an_option_with_votes_cannot_be_deleted(client, manager, make_poll):
    poll = make_poll(options=("Có", "Không", "Chưa rõ"))
    yes, no, unsure = poll.options.all()
    Vote.objects.create(poll=poll, option=yes, client_key="v")
    now = timezone.localtime()
    data = {
        "question": poll.question,
        "slug": poll.slug,
        "description": "",
        "opens_at": timezone.localtime(poll.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        "show_on_home": "on",
        "options-TOTAL_FORMS": "3",
        "options-INITIAL_FORMS": "3",
        "options-MIN_NUM_FORMS": "2",
        "options-MAX_NUM_FORMS": "10",
    }
    for n, option in enumerate((yes, no, unsure)):
        data |= {f"options-{n}-id": str(option.pk), f"options-{n}-label": option.label, f"options-{n}-ORDER": str(n)}
    data["options-0-DELETE"] = "on"
    response = client.post(f"/admin/snippets/surveys/poll/edit/{poll.pk}/", data, follow=True)
    assert "Không thể xóa phương án “Có” vì đã có 1 lượt bình chọn." in response.content.decode()
    assert poll.options.count() == 3 and Vote.objects.count() == 1
    del data["options-0-DELETE"]
    data["options-2-DELETE"] = "on"  # no votes: it may go
    data["options-0-label"] = "Có, thường xuyên"  # wording can be corrected
    assert client.post(f"/admin/snippets/surveys/poll/edit/{poll.pk}/", data).status_code == 302
    assert [o.label for o in poll.options.all()] == ["Có, thường xuyên", "Không"]
    assert Vote.objects.get().option.label == "Có, thường xuyên"
