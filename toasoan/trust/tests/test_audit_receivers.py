"""The receivers log only changes made by a user in the admin (Wagtail's log context)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.log_actions import LogContext
from wagtail.models import Collection, GroupPagePermission, ModelLogEntry

from toasoan.trust.audit import actions

User = get_user_model()


@pytest.fixture
def root(db):
    return User.objects.create_superuser("quantri", "quantri@example.gov.vn", "x")


def test_page_permissions_of_a_group_name_the_page(root, home):
    group = Group.objects.create(name="Nhóm trang chủ")
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    with LogContext(user=root):
        grant = GroupPagePermission.objects.create(group=group, page=home, permission=change)
        grant.delete()
    found = ModelLogEntry.objects.filter(object_id=str(group.pk), action=actions.GROUP_PERMISSIONS).order_by("pk")
    assert [e.data for e in found] == [
        {"added": ["change_page @ Trang chủ"], "removed": []},
        {"added": [], "removed": ["change_page @ Trang chủ"]},
    ]
    assert found[0].message == "Cấp quyền: change_page @ Trang chủ"


def test_clearing_a_users_groups_names_them(root):
    person = User.objects.create_user("canbo", "canbo@example.gov.vn", "x")
    person.groups.add(Group.objects.get(name="Biên tập viên"))
    with LogContext(user=root):
        person.groups.clear()
    (entry,) = ModelLogEntry.objects.filter(object_id=str(person.pk), action=actions.USER_GROUPS)
    assert entry.data == {"added": [], "removed": ["Biên tập viên"]} and entry.user == root
    assert entry.message == "Bỏ khỏi nhóm: Biên tập viên"


def test_nothing_is_logged_outside_the_admin(root, home):
    """Migrations, fixtures and scripts: no log context, no entries."""
    before = ModelLogEntry.objects.count()
    group = Group.objects.create(name="Nhóm tạo bằng mã")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root.groups.add(group)
    Collection.get_first_root_node().add_child(name="Bộ sưu tập tạo bằng mã")
    assert ModelLogEntry.objects.count() == before


def test_integrity_finding_review_is_logged_but_scans_are_not(client, root):
    """Marking a finding as a false positive (it then no longer blocks publishing) or reopening
    it, through the report's buttons; a scan changing the status logs nothing."""
    from django.urls import reverse
    from django.utils import timezone

    from toasoan.trust.models import IntegrityFinding
    from toasoan.trust.testing import staff_login

    finding = IntegrityFinding.objects.create(
        key="k1",
        rule=IntegrityFinding._meta.get_field("rule").choices[0][0],
        severity="high",
        excerpt="nha cai",
        last_seen=timezone.now(),
        object_label="Bài viết",
    )
    with LogContext(user=root):
        finding.status = IntegrityFinding.Status.RESOLVED
        finding.save()
    staff_login(client, root)
    url = reverse("trust_integrity_review", args=[finding.pk])
    for status in (IntegrityFinding.Status.FALSE_POSITIVE, IntegrityFinding.Status.OPEN):
        assert client.post(url, {"status": status}).status_code == 302
    found = ModelLogEntry.objects.filter(object_id=str(finding.pk)).order_by("pk")
    assert [(e.action, e.user, e.data["status"]) for e in found] == [
        (actions.FINDING_REVIEW, root, "false_positive"),
        (actions.FINDING_REVIEW, root, "open"),
    ]
    assert found[0].message == "Đánh dấu là báo nhầm"
