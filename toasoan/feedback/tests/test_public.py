"""Tracking by code, and the public Q&A list and pages."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Site

from toasoan.core.models import AgencySettings
from toasoan.publishing import pagecache

from .. import services
from ..demo import load_demo
from ..models import PublishedQuestion, Submission, TrackingLookup

pytestmark = pytest.mark.django_db
TRACK = "/phan-anh-kien-nghi/tra-cuu/"


@pytest.fixture
def submission(home):
    data = services.SubmissionData(
        kind="phan_anh",
        name="Trần Thị Bình",
        email="binh.tran@example.vn",
        phone="0987654321",
        subject="Phản ánh chậm trả kết quả",
        content="Nội dung riêng tư của bà Bình",
        consent_text="đồng ý",
    )
    return services.submission_create(data=data, ip="10.0.0.3")


class TestTracking:
    def test_form(self, client, home):
        response = client.get(TRACK)
        assert response.status_code == 200 and 'name="ma"' in response.content.decode()
        assert "no-cache" in response["Cache-Control"]

    def test_found_by_code_as_typed(self, client, submission):
        response = client.get(TRACK, {"ma": submission.code.lower().replace("-", " ")})
        html = response.content.decode()
        assert response.status_code == 200
        assert submission.code in html and "Phản ánh chậm trả kết quả" in html and "Đã tiếp nhận" in html
        assert f"{submission.deadline:%d/%m/%Y}" in html
        for personal in ("Trần Thị Bình", "binh.tran@example.vn", "0987654321", "Nội dung riêng tư"):
            assert personal not in html
        assert response["Referrer-Policy"] == "no-referrer" and response["X-Robots-Tag"] == "noindex"

    def test_unknown_code(self, client, home):
        response = client.get(TRACK, {"ma": "PA-2345-6789"})
        html = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy" in html and 'value="PA-2345-6789"' in html
        assert TrackingLookup.objects.count() == 1

    def test_malformed_code(self, client, home):
        response = client.get(TRACK, {"ma": "xin chào"})
        assert response.status_code == 200 and "không đúng dạng" in response.content.decode()
        response = client.get(TRACK, {"ma": ""})
        assert "Hãy nhập mã tra cứu" in response.content.decode()

    def test_enumeration_is_rate_limited(self, client, submission, settings):
        settings.TOASOAN_FEEDBACK = {"LOOKUP_MISSES_PER_HOUR": 3}
        for i in range(3):
            assert client.get(TRACK, {"ma": f"PA-2345-678{i + 2}"}).status_code == 404
        response = client.get(TRACK, {"ma": submission.code})
        assert response.status_code == 429 and "quá nhiều mã không đúng" in response.content.decode()
        assert submission.code not in response.content.decode().split("</form>")[-1]
        assert client.get(f"/phan-anh-kien-nghi/da-gui/{submission.code}/").status_code == 429
        # Another address still gets through.
        assert client.get(TRACK, {"ma": submission.code}, REMOTE_ADDR="10.9.9.9").status_code == 200

    def test_answer_and_rejection_are_shown(self, client, submission, django_user_model):
        admin = django_user_model.objects.create_superuser("quantri", password="mat-khau-quan-tri-dai")
        services.answer_submit(submission=submission, text="Sở đã trả kết quả ngày 05/6.", publish=False, user=admin)
        html = client.get(TRACK, {"ma": submission.code}).content.decode()
        assert "Đang xử lý" in html and "Sở đã trả kết quả" not in html  # not before approval
        services.answer_approve(submission=submission, user=admin)
        html = client.get(TRACK, {"ma": submission.code}).content.decode()
        assert "Đã trả lời" in html and "Sở đã trả kết quả ngày 05/6." in html

        other = Submission.objects.create(**{**_clone(submission), "code": "PA-2345-6789"})
        services.submission_reject(submission=other, reason="Không thuộc thẩm quyền của Sở.", user=admin)
        html = client.get(TRACK, {"ma": "PA-2345-6789"}).content.decode()
        assert "Từ chối" in html and "Không thuộc thẩm quyền của Sở." in html

    def test_unknown_receipt(self, client, home):
        assert client.get("/phan-anh-kien-nghi/da-gui/PA-2345-6789/").status_code == 404


def _clone(submission) -> dict:
    fields = ("kind", "subject", "content", "name", "email", "deadline", "consent_at", "consent_text", "ip_hash")
    return {field: getattr(submission, field) for field in fields}


class TestQA:
    def test_demo_list_and_detail(self, client, home):
        load_demo()
        response = client.get("/hoi-dap/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Hồ sơ đăng ký hợp đồng chuyển giao công nghệ gồm những gì?" in html
        for secret in ("Nguyễn Văn Hùng", "0912 345 678", "mai.tran@example.vn", "046089001234", "Lê Quang Minh"):
            assert secret not in html
        question = PublishedQuestion.objects.get(submission__code="HD-K7MQ-2A3B")
        detail = client.get(question.get_absolute_url()).content.decode()
        assert "Nghị định 76/2018/NĐ-CP" in detail and "Nguyễn Văn Hùng" not in detail and "[họ tên]" in detail

    def test_search_with_or_without_diacritics(self, client, home):
        load_demo()
        for query in ("doanh nghiệp khoa học", "doanh nghiep khoa hoc"):
            html = client.get("/hoi-dap/", {"q": query}).content.decode()
            assert "Điều kiện công nhận doanh nghiệp khoa học và công nghệ" in html
            assert "Hồ sơ đăng ký hợp đồng chuyển giao" not in html
        html = client.get("/hoi-dap/", {"q": "thiên thạch xyzabc"}).content.decode()
        assert "Không có câu hỏi nào phù hợp" in html
        html = client.get("/hoi-dap/", {"loai": "phan_anh"}).content.decode()
        assert "bức xạ" in html and "chuyển giao" not in html

    def test_hidden_copy_is_gone(self, client, home):
        load_demo()
        question = PublishedQuestion.objects.first()
        question.is_public = False
        question.save()
        assert client.get(question.get_absolute_url()).status_code == 404
        assert question.subject not in client.get("/hoi-dap/").content.decode()

    def test_pagination_never_errors(self, client, home):
        load_demo()
        for page in ("2", "abc", "-1", "999"):
            assert client.get("/hoi-dap/", {"page": page}).status_code == 200

    def test_submissions_leave_the_page_cache_alone_but_publications_refresh_it(
        self, home, form_data, client, django_capture_on_commit_callbacks, django_user_model
    ):
        store = pagecache.get_store()

        def flush() -> None:  # what committing the fixtures' writes would have done
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _, callback, _ in pending:
                callback()

        admin = django_user_model.objects.create_superuser("quantri", password="mat-khau-quan-tri-dai")
        AgencySettings.for_site(Site.objects.get())  # exists on a real site; created on first read here
        flush()
        before = store.generation()
        with django_capture_on_commit_callbacks(execute=True):
            # No email, hence no queued task: this checks the feedback models alone (the task
            # queue's own table is the publishing app's business).
            client.post("/phan-anh-kien-nghi/", form_data(email=""))
        assert Submission.objects.count() == 1 and store.generation() == before
        submission = Submission.objects.get()
        services.answer_submit(submission=submission, text="Trả lời", publish=True, user=admin)
        flush()
        assert store.generation() == before  # handling a submission changes no public page
        with django_capture_on_commit_callbacks(execute=True):
            services.answer_approve(submission=submission, user=admin)
        assert store.generation() != before

    def test_demo_loader_is_idempotent(self, home):
        first = load_demo()
        assert first["hỏi đáp"] == 3 and first["phản ánh"] == 5 and first["mẫu trả lời"] == 3
        assert set(load_demo().values()) == {0}
        overdue = Submission.objects.get(code="PA-W5NC-2J3K")
        assert overdue.is_overdue
        assert not Submission.objects.get(code="KN-T3HV-8G9H").is_overdue

    def test_load_demo_command_includes_feedback(self, home):
        call_command("load_demo", verbosity=0)
        assert PublishedQuestion.objects.count() == 3


def test_home_page_links_feedback(client, home):
    html = client.get("/").content.decode()
    assert 'href="/phan-anh-kien-nghi/tra-cuu/"' in html and 'href="/hoi-dap/"' in html
    assert "csrfmiddlewaretoken" not in html  # the panel sits on a cached page
