"""Staff moderation: approve and reject in the admin, with permissions and the audit log."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry

from toasoan.consultation import services
from toasoan.consultation.models import Comment, CommentStatus, PublishedComment
from toasoan.core.abuse import FormCheck
from toasoan.trust.testing import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(open_consultation) -> Comment:
    return services.comment_submit(
        consultation=open_consultation,
        data=services.CommentInput(
            name="Lê Văn Hùng",
            organisation="Công ty TNHH Công nghệ sinh học Hương Giang",
            email="levanhung@example.com",
            section_ref="Điều 6",
            body="Đề nghị cho phép nộp bổ sung hồ sơ trong 5 ngày làm việc.",
        ),
        guard=FormCheck(()),
        ip="203.0.113.9",
    )


def url(name: str, *args) -> str:
    return reverse(f"consultation_comments:{name}", args=args)


def test_approving_publishes_name_organisation_text_and_date_never_the_email(client, pending, moderator):
    services.comment_approve(comment=pending, user=moderator)
    pending.refresh_from_db()
    assert pending.status == CommentStatus.APPROVED
    assert pending.moderated_by == moderator and pending.moderated_at
    html = client.get(pending.consultation.url).content.decode()
    assert "Góp ý đã công khai (1)" in html
    assert "Lê Văn Hùng" in html and "Công ty TNHH Công nghệ sinh học Hương Giang" in html
    assert "Đề nghị cho phép nộp bổ sung hồ sơ" in html and "Góp ý cho: Điều 6" in html
    assert "levanhung@example.com" not in html
    entry = ModelLogEntry.objects.get(action=services.APPROVE_ACTION)
    assert entry.user_id == moderator.pk and entry.object_id == str(pending.pk)
    with pytest.raises(services.ModerationError, match="đã được duyệt"):
        services.comment_approve(comment=pending, user=moderator)


def test_rejecting_needs_a_reason_and_withdraws_a_public_comment(client, pending, moderator):
    with pytest.raises(services.ModerationError, match="lý do"):
        services.comment_reject(comment=pending, user=moderator, reason="   ")
    services.comment_approve(comment=pending, user=moderator)
    services.comment_reject(comment=pending, user=moderator, reason="Trùng với góp ý đã gửi bằng văn bản.")
    pending.refresh_from_db()
    assert pending.status == CommentStatus.REJECTED
    assert pending.reject_reason == "Trùng với góp ý đã gửi bằng văn bản."
    assert not PublishedComment.objects.exists()
    assert "Đề nghị cho phép nộp bổ sung" not in client.get(pending.consultation.url).content.decode()
    entry = ModelLogEntry.objects.get(action=services.REJECT_ACTION)
    assert entry.data == {
        "consultation": pending.consultation_id,
        "reason": "Trùng với góp ý đã gửi bằng văn bản.",
        "withdrawn": True,
    }
    message = registry.get_formatter(entry).format_message(entry)
    assert message == "Đã từ chối góp ý (gỡ khỏi trang công khai): Trùng với góp ý đã gửi bằng văn bản."


def test_moderator_group_is_created_with_its_permissions(index):
    group = Group.objects.get(name=services.MODERATOR_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_comment", "moderate_comment", "export_comment"} <= codenames
    # Drafting under the index (created by the fixture), never publishing: the workflow does.
    page_perms = set(
        GroupPagePermission.objects.filter(group=group, page=index).values_list("permission__codename", flat=True)
    )
    assert page_perms == {"add_page", "change_page"}


def test_moderator_lists_filters_and_reads_comments(client, moderator, pending, closed_consultation):
    flagged = Comment.objects.create(
        consultation=closed_consultation,
        name="Máy gửi",
        email="bot@example.com",
        body="Quảng cáo",
        consent_at=pending.created_at,
        ip_hash="x",
        email_hash="y",
        flags=["honeypot"],
        suspicious=True,
    )
    staff_login(client, moderator)
    html = client.get(url("index")).content.decode()
    assert "Góp ý dự thảo" in html
    assert "Lê Văn Hùng" in html and "Máy gửi" in html
    html = client.get(url("index"), {"suspicious": "true"}).content.decode()
    assert "Máy gửi" in html and "Lê Văn Hùng" not in html
    html = client.get(url("index"), {"consultation": pending.consultation_id}).content.decode()
    assert "Lê Văn Hùng" in html and "Máy gửi" not in html
    assert f"{url('export')}?consultation={pending.consultation_id}" in html
    html = client.get(url("index"), {"status": "approved"}).content.decode()
    assert "Lê Văn Hùng" not in html

    html = client.get(url("inspect", flagged.pk)).content.decode()
    assert "Trường ẩn (bẫy máy gửi tự động) bị điền" in html
    assert "bot@example.com" in html  # staff see the email, for follow-up
    assert url("approve", flagged.pk) in html and url("reject", flagged.pk) in html


def test_moderator_approves_and_rejects_through_the_admin(client, moderator, pending):
    staff_login(client, moderator)
    response = client.post(url("approve", pending.pk))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CommentStatus.APPROVED

    form = client.get(url("reject", pending.pk))
    assert "Lý do từ chối" in form.content.decode()
    response = client.post(url("reject", pending.pk), {"reason": ""})
    assert "Vui lòng nhập lý do từ chối." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == CommentStatus.APPROVED
    response = client.post(url("reject", pending.pk), {"reason": "Ngôn từ không phù hợp."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.reject_reason) == (CommentStatus.REJECTED, "Ngôn từ không phù hợp.")

    history = client.get(url("history", pending.pk)).content.decode()
    assert "Duyệt góp ý dự thảo" in history
    assert "Đã từ chối góp ý (gỡ khỏi trang công khai): Ngôn từ không phù hợp." in history


def test_moderation_and_export_appear_in_the_site_history(client, admin_user, pending):
    services.comment_approve(comment=pending, user=admin_user)
    services.comment_reject(comment=pending, user=admin_user, reason="Trùng lặp.")
    services.comments_export(consultation=pending.consultation, user=admin_user)
    staff_login(client, admin_user)
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Đã duyệt và công khai góp ý" in html
    assert "Đã từ chối góp ý (gỡ khỏi trang công khai): Trùng lặp." in html
    assert "Đã xuất góp ý ra tệp CSV" in html


def test_approving_with_get_is_not_possible(client, moderator, pending):
    staff_login(client, moderator)
    assert client.get(url("approve", pending.pk)).status_code == 405
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING


def test_staff_without_the_permissions_cannot_see_or_moderate(client, admin_without_rights, pending):
    staff_login(client, admin_without_rights)
    for response in (
        client.get(url("index")),
        client.get(url("inspect", pending.pk)),
        client.post(url("approve", pending.pk)),
        client.post(url("reject", pending.pk), {"reason": "Không phù hợp."}),
        client.get(url("export"), {"consultation": pending.consultation_id}),
    ):
        assert response.status_code in (302, 403)
        assert b"levanhung@example.com" not in response.content
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING
    assert not ModelLogEntry.objects.exists() and not PageLogEntry.objects.filter(action=services.EXPORT_ACTION)


def test_anonymous_visitors_are_sent_to_the_login(client, pending):
    response = client.post(url("approve", pending.pk))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING


def test_reader_only_sees_but_cannot_moderate(client, django_user_model, pending):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user(username="doc", password="mat-khau-thu-nghiem")
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="consultation", codename="view_comment"),
    )
    staff_login(client, reader)
    html = client.get(url("inspect", pending.pk)).content.decode()
    assert "Đề nghị cho phép nộp bổ sung" in html
    assert url("approve", pending.pk) not in html
    assert client.post(url("approve", pending.pk)).status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING
    # No add, edit or delete views at all: a citizen's comment is kept as sent.
    html = client.get(url("index")).content.decode()
    assert "/edit/" not in html and "/delete/" not in html
