"""Staff handling: transitions, permissions, audit log, emails at each status change, admin pages."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from toasoan.trust.testing import staff_login

from .. import services
from ..models import AnswerState, AnswerTemplate, PublishedQuestion, Status, StatusEvent, Submission
from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(home):
    data = services.SubmissionData(
        kind="hoi_dap",
        name="Nguyễn Văn An",
        email="an.nguyen@example.vn",
        phone="0912345678",
        subject="Hỏi về lệ phí cấp giấy phép bức xạ của Nguyễn Văn An",
        content="Tôi là Nguyễn Văn An, điện thoại 0912 345 678, CCCD 001080012345. Lệ phí cấp phép là bao nhiêu?",
        consent_text="đồng ý",
    )
    return services.submission_create(data=data, ip="10.0.0.1")


def actions(submission) -> list[str]:
    return list(ModelLogEntry.objects.for_instance(submission).order_by("pk").values_list("action", flat=True))


class TestTransitions:
    def test_full_flow_with_emails_and_audit(self, submission, handler, approver, run_tasks):
        run_tasks()
        assert [m.subject for m in mail.outbox] == [f"Đã tiếp nhận Hỏi đáp — mã tra cứu {submission.code}"]
        assert submission.code in mail.outbox[0].body and "/phan-anh-kien-nghi/tra-cuu/?ma=" in mail.outbox[0].body

        services.submission_assign(submission=submission, assignee=handler, user=handler)
        services.note_add(submission=submission, text="Đã gọi điện xác minh.", user=handler)
        services.submission_start(submission=submission, user=handler)
        services.answer_submit(submission=submission, text="Lệ phí là 1.000.000 đồng.", publish=True, user=handler)
        submission.refresh_from_db()
        assert submission.status == Status.PROCESSING and submission.answer_state == AnswerState.PENDING
        assert not PublishedQuestion.objects.exists()  # nothing public before approval

        services.answer_approve(submission=submission, user=approver)
        submission.refresh_from_db()
        assert submission.status == Status.ANSWERED and submission.approved_by == approver
        run_tasks()
        subjects = [m.subject for m in mail.outbox]
        assert subjects[1:] == [f"Hỏi đáp {submission.code} đang được xử lý", f"Trả lời Hỏi đáp {submission.code}"]
        assert "Lệ phí là 1.000.000 đồng." in mail.outbox[2].body
        assert all(m.to == ["an.nguyen@example.vn"] for m in mail.outbox)

        assert actions(submission) == [
            "feedback.assign",
            "feedback.note",
            "feedback.start",
            "feedback.answer_submit",
            "feedback.answer_approve",
        ]
        entry = ModelLogEntry.objects.get(action="feedback.answer_approve")
        assert entry.user == approver and entry.data == {"from": "dang_xu_ly", "to": "da_tra_loi"}
        assert [e.status for e in StatusEvent.objects.filter(submission=submission)] == [
            Status.RECEIVED,
            Status.PROCESSING,
            Status.ANSWERED,
        ]

        published = PublishedQuestion.objects.get()
        for secret in ("Nguyễn Văn An", "0912 345 678", "001080012345"):
            assert secret not in published.question and secret not in published.subject
        assert published.answer == "Lệ phí là 1.000.000 đồng."
        assert ModelLogEntry.objects.for_instance(published).get().action == "feedback.publish"

    def test_each_status_change_enqueues_an_email_in_its_transaction(self, submission, handler):
        before = DBTaskResult.objects.count()
        services.submission_start(submission=submission, user=handler)
        assert DBTaskResult.objects.count() == before + 1
        services.submission_reject(submission=submission, reason="Nội dung không thuộc thẩm quyền.", user=handler)
        assert DBTaskResult.objects.count() == before + 2
        # Assignments and notes are not status changes: no email.
        services.note_add(submission=submission, text="x", user=handler)
        assert DBTaskResult.objects.count() == before + 2

    def test_reject_with_reason_emails_it(self, submission, handler, run_tasks):
        services.submission_reject(submission=submission, reason="Trùng với phản ánh đã trả lời.", user=handler)
        run_tasks()
        assert "Trùng với phản ánh đã trả lời." in mail.outbox[-1].body
        assert actions(submission)[-1] == "feedback.reject"

    def test_reject_needs_a_reason(self, submission, handler):
        with pytest.raises(services.ValidationError):
            services.submission_reject(submission=submission, reason="  ", user=handler)

    @pytest.mark.parametrize(
        ("status", "action"),
        [
            (Status.ANSWERED, "start"),
            (Status.REJECTED, "start"),
            (Status.PROCESSING, "start"),
            (Status.ANSWERED, "reject"),
            (Status.REJECTED, "release"),
            (Status.RECEIVED, "release"),
        ],
    )
    def test_forbidden_transitions(self, submission, handler, status, action):
        Submission.objects.filter(pk=submission.pk).update(status=status)
        submission.refresh_from_db()
        call = {
            "start": lambda: services.submission_start(submission=submission, user=handler),
            "reject": lambda: services.submission_reject(submission=submission, reason="x", user=handler),
            "release": lambda: services.submission_release(submission=submission, user=handler),
        }[action]
        with pytest.raises(services.TransitionError):
            call()
        submission.refresh_from_db()
        assert submission.status == status

    def test_answered_only_through_approval(self, submission, approver):
        with pytest.raises(services.TransitionError):
            services.answer_approve(submission=submission, user=approver)  # nothing pending

    def test_moderation_release_sends_the_receipt(self, home, handler, run_tasks):
        data = services.SubmissionData(
            kind="phan_anh", name="B", subject="S", content="C", consent_text="x", email="b@example.vn"
        )
        submission = services.submission_create(data=data, ip="10.0.0.2", guard_reasons=["honeypot"])
        run_tasks()
        assert not mail.outbox
        services.submission_release(submission=submission, user=handler)
        run_tasks()
        assert mail.outbox[0].subject.startswith("Đã tiếp nhận")

    def test_returned_answer(self, submission, handler, approver):
        services.answer_submit(submission=submission, text="Bản nháp", publish=False, user=handler)
        services.answer_return(submission=submission, comment="Bổ sung căn cứ pháp lý.", user=approver)
        submission.refresh_from_db()
        assert submission.answer_state == AnswerState.RETURNED
        assert submission.notes.get().text.endswith("Bổ sung căn cứ pháp lý.")
        services.answer_submit(submission=submission, text="Bản đã sửa", publish=False, user=handler)
        services.answer_approve(submission=submission, user=approver)
        assert not PublishedQuestion.objects.exists()  # publish unchecked: answer only to the citizen

    def test_approver_edits_are_masked_again(self, submission, handler, approver):
        services.answer_submit(submission=submission, text="Trả lời", publish=True, user=handler)
        services.answer_approve(
            submission=submission, user=approver, public_subject="Lệ phí", public_question="Gọi 0912345678 giúp tôi."
        )
        assert PublishedQuestion.objects.get().question == "Gọi [số điện thoại] giúp tôi."


class TestPermissions:
    def test_handler_cannot_approve(self, submission, handler):
        services.answer_submit(submission=submission, text="Trả lời", publish=True, user=handler)
        with pytest.raises(PermissionDenied):
            services.answer_approve(submission=submission, user=handler)
        with pytest.raises(PermissionDenied):
            services.answer_return(submission=submission, comment="", user=handler)
        submission.refresh_from_db()
        assert submission.status == Status.PROCESSING and not PublishedQuestion.objects.exists()

    def test_outsider_cannot_handle(self, submission, outsider):
        with pytest.raises(PermissionDenied):
            services.submission_start(submission=submission, user=outsider)
        with pytest.raises(PermissionDenied):
            services.note_add(submission=submission, text="x", user=outsider)

    def test_assign_only_to_staff(self, submission, handler, outsider):
        with pytest.raises(services.ValidationError):
            services.submission_assign(submission=submission, assignee=outsider, user=handler)


class TestDeadlines:
    def test_deadline_across_tet_2026(self, home):
        from ..selectors import deadline_for

        # Friday 13/02/2026: a weekend, Tết 16–20/02 (seeded by the migration), a weekend, then
        # 23/02–27/02, 02/03–06/03, 09/03–13/03: the 15th working day is Friday 13/03 (06/03 without Tết).
        assert deadline_for(datetime.date(2026, 2, 13)) == datetime.date(2026, 3, 13)
        # The Saturday 10/01/2026 swapped for Friday 02/01 is a working day; 01/01 and 02/01 are not.
        assert deadline_for(datetime.date(2025, 12, 31)) == datetime.date(2026, 1, 22)

    def test_holiday_calendar_edit_moves_open_deadlines(self, submission):
        from ..models import Holiday

        before = submission.deadline
        Holiday.objects.create(
            date=before - datetime.timedelta(days=1) if before.weekday() else before, name="Nghỉ thử"
        )
        submission.refresh_from_db()
        assert submission.deadline > before

    def test_overdue(self, submission):
        assert not submission.is_overdue
        Submission.objects.filter(pk=submission.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
        submission.refresh_from_db()
        assert submission.is_overdue
        Submission.objects.filter(pk=submission.pk).update(status=Status.ANSWERED)
        submission.refresh_from_db()
        assert not submission.is_overdue


class TestAdminPages:
    def test_list_filters_and_overdue_highlight(self, client, submission, handler):
        Submission.objects.filter(pk=submission.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=3))
        staff_login(client, handler)
        response = client.get("/admin/phan-anh/")
        html = response.content.decode()
        assert response.status_code == 200
        assert submission.code in html and 'class="fb-overdue"' in html and "QUÁ HẠN" in html
        assert "/admin/phan-anh/new/" not in html
        assert submission.code in client.get("/admin/phan-anh/?overdue=true").content.decode()
        assert submission.code not in client.get("/admin/phan-anh/?overdue=false").content.decode()
        assert submission.code not in client.get("/admin/phan-anh/?status=da_tra_loi").content.decode()
        assert submission.code in client.get("/admin/phan-anh/?status=da_tiep_nhan&kind=hoi_dap").content.decode()

    def test_process_page_actions(self, client, submission, handler, approver):
        template = AnswerTemplate.objects.create(title="Mẫu", body="Kính gửi {ho_ten}, về {ma}: ...")
        staff_login(client, handler)
        url = f"/admin/phan-anh/xu-ly/{submission.pk}/"
        html = client.get(url + f"?mau={template.pk}").content.decode()
        assert f"Kính gửi Nguyễn Văn An, về {submission.code}: ..." in html
        assert "Duyệt và gửi trả lời" not in html
        client.post(url, {"action": "note", "text": "Ghi chú nội bộ bí mật"})
        client.post(url, {"action": "answer", "answer": "Lệ phí theo Thông tư 287/2016/TT-BTC.", "publish": "on"})
        # A handler posting the approval is refused.
        response = client.post(url, {"action": "approve"}, follow=True)
        assert "không có quyền" in response.content.decode()
        # A forged status in the POST changes nothing.
        client.post(url, {"action": "status", "status": "da_tra_loi"})
        submission.refresh_from_db()
        assert submission.status == Status.PROCESSING and submission.answer_state == AnswerState.PENDING

        staff_login(client, approver)
        html = client.get(url).content.decode()
        assert "Duyệt và gửi trả lời" in html and "[họ tên]" in html
        client.post(url, {"action": "approve", "public_subject": "", "public_question": ""})
        submission.refresh_from_db()
        assert submission.status == Status.ANSWERED
        # An illegal transition through the admin gets a message, not a 500.
        response = client.post(url, {"action": "start"}, follow=True)
        assert response.status_code == 200 and "Không thể chuyển" in response.content.decode()

    def test_outsider_gets_no_admin_page(self, client, submission, outsider):
        staff_login(client, outsider)
        assert client.get(f"/admin/phan-anh/xu-ly/{submission.pk}/").status_code in (302, 403)
        assert client.get("/admin/phan-anh/").status_code in (302, 403)

    def test_attachment_download_headers(self, client, home, handler, outsider, form_data):
        client.post("/phan-anh-kien-nghi/", {**form_data(), "attachments": [upload('hồ sơ "x".pdf', PDF)]})
        attachment = Submission.objects.get().attachments.get()
        staff_login(client, outsider)
        assert client.get(f"/admin/phan-anh/tep/{attachment.pk}/").status_code in (302, 403)
        staff_login(client, handler)
        response = client.get(f"/admin/phan-anh/tep/{attachment.pk}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/octet-stream"
        assert actions(attachment.submission)[-1] == "feedback.attachment_download"

    def test_attachments_are_not_public(self, client, home, form_data):
        client.post("/phan-anh-kien-nghi/", {**form_data(), "attachments": [upload("a.pdf", PDF)]})
        name = Submission.objects.get().attachments.get().file.name
        assert client.get(f"/media/{name}").status_code == 404
