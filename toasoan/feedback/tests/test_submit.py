"""The public submission form: durable, validated, guarded against abuse, nothing silently dropped."""

from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from toasoan.core import abuse

from .. import services
from ..models import Attachment, Status, Submission
from .conftest import EXE, PDF, PNG, office_file, upload

URL = "/phan-anh-kien-nghi/"
pytestmark = pytest.mark.django_db


def post(client, data, **extra):
    return client.post(URL, data, **extra)


def private_files(settings) -> list[Path]:
    root = Path(settings.TOASOAN_PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


class TestForm:
    def test_form_page(self, client, home):
        response = client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>Gửi phản ánh, kiến nghị, câu hỏi</h1>" in html
        assert 'enctype="multipart/form-data"' in html
        assert f'name="{abuse.HONEYPOT_FIELD}"' in html and f'name="{abuse.STARTED_FIELD}"' in html
        assert "chính sách bảo vệ dữ liệu cá nhân</a>" in html  # the consent links the policy
        assert "no-cache" in response["Cache-Control"]
        assert 'href="/phan-anh-kien-nghi/tra-cuu/"' in html

    def test_valid_submission_commits_then_shows_code(self, client, home, form_data, settings):
        response = post(client, {**form_data(), "attachments": [upload("ho-so.pdf", PDF), upload("anh.png", PNG)]})
        submission = Submission.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/phan-anh-kien-nghi/da-gui/{submission.code}/"
        assert submission.status == Status.RECEIVED
        assert submission.phone == "0912345678"
        assert submission.kind == "hoi_dap" and submission.code.startswith("HD-")
        assert submission.consent_at and "dữ liệu cá nhân" in submission.consent_text
        assert submission.consent_policy_url
        assert submission.ip_hash == abuse.keyed_hash("ip", "127.0.0.1")
        assert "127.0.0.1" not in str(Submission.objects.values().get())
        # Attachments: in private storage, named at random, outside MEDIA_ROOT.
        files = private_files(settings)
        assert len(files) == 2 and all(not str(f).startswith(str(settings.MEDIA_ROOT)) for f in files)
        names = {a.original_name: a for a in submission.attachments.all()}
        assert set(names) == {"ho-so.pdf", "anh.png"}
        assert names["ho-so.pdf"].content_type == "application/pdf" and names["ho-so.pdf"].size == len(PDF)
        assert "ho-so" not in names["ho-so.pdf"].file.name
        # The receipt email is queued with it.
        task = DBTaskResult.objects.get()
        assert task.task_path == "toasoan.feedback.tasks.send_citizen_email"
        assert task.args_kwargs["args"][0] == submission.pk
        assert submission.code in task.args_kwargs["args"][1]

    def test_receipt_page_shows_code_but_no_personal_data(self, client, home, form_data):
        response = post(client, form_data(), follow=True)
        html = response.content.decode()
        code = Submission.objects.get().code
        assert response.status_code == 200
        assert code in html and "Đã tiếp nhận" in html
        for personal in ("Nguyễn Văn An", "an.nguyen@example.vn", "0912345678", "0912 345 678", "nộp ở đâu"):
            assert personal not in html
        assert response["Referrer-Policy"] == "no-referrer"

    def test_forged_status_is_ignored(self, client, home, form_data):
        post(client, form_data(status="da_tra_loi", answer="Đã xong", answer_state="da_duyet", code="PA-2222-2222"))
        submission = Submission.objects.get()
        assert submission.status == Status.RECEIVED
        assert submission.answer == "" and submission.answer_state == ""
        assert submission.code != "PA-2222-2222"

    def test_phone_only_is_enough(self, client, home, form_data):
        response = post(client, form_data(email=""))
        assert response.status_code == 302
        assert Submission.objects.get().email == ""
        assert not DBTaskResult.objects.exists()  # nobody to email

    def test_about_page_from_link(self, client, home, section, make_article, form_data):
        article = make_article(section, "Hướng dẫn chuyển giao công nghệ")
        response = client.get(URL + f"?ve={article.pk}")
        assert "Hướng dẫn chuyển giao công nghệ" in response.content.decode()
        post(client, form_data(about=str(article.pk)))
        assert Submission.objects.get().about_id == article.pk


class TestBadInput:
    @pytest.mark.parametrize("field", ["name", "subject", "content", "kind", "consent"])
    def test_missing_required_field(self, client, home, form_data, field):
        response = post(client, form_data(**{field: None}))
        assert response.status_code == 200
        assert not Submission.objects.exists()
        assert response.context["form"].errors[field]
        assert "Chưa gửi được" in response.content.decode()

    def test_no_contact_at_all(self, client, home, form_data):
        response = post(client, form_data(email="", phone=""))
        assert "ít nhất một" in response.context["form"].errors["email"][0]
        assert not Submission.objects.exists()

    def test_everything_typed_is_kept(self, client, home, form_data):
        response = post(client, form_data(phone="12345"))
        html = response.content.decode()
        assert "Số điện thoại không hợp lệ" in html
        for typed in ("Nguyễn Văn An", "an.nguyen@example.vn", "12345", "Hỏi về thủ tục đăng ký", "nộp ở đâu?"):
            assert typed in html
        assert 'aria-invalid="true"' in html

    def test_bad_email(self, client, home, form_data):
        response = post(client, form_data(email="khong-phai-email"))
        assert "không hợp lệ" in response.context["form"].errors["email"][0]

    @pytest.mark.parametrize(("field", "limit"), [("name", 100), ("subject", 200), ("content", 5000)])
    def test_oversized_fields(self, client, home, form_data, field, limit):
        response = post(client, form_data(**{field: "a" * (limit + 1)}))
        assert f"dài quá {limit} ký tự" in response.context["form"].errors[field][0]
        assert not Submission.objects.exists()

    def test_bad_kind(self, client, home, form_data):
        response = post(client, form_data(kind="khieu_nai"))
        assert response.context["form"].errors["kind"]

    def test_exe_renamed_pdf(self, client, home, form_data, settings):
        response = post(client, {**form_data(), "attachments": [upload("ho-so.pdf", EXE, "application/pdf")]})
        assert "không phải PDF" in response.context["form"].errors["attachments"][0]
        assert not Submission.objects.exists() and not private_files(settings)

    def test_macro_document_refused(self, client, home, form_data):
        docm = office_file("word/document.xml", {"word/vbaProject.bin": b"x"})
        response = post(client, {**form_data(), "attachments": [upload("don.docx", docm)]})
        assert response.context["form"].errors["attachments"]

    def test_office_documents_accepted(self, client, home, form_data):
        files = [
            upload("don.docx", office_file("word/document.xml")),
            upload("bang.xlsx", office_file("xl/workbook.xml")),
        ]
        assert post(client, {**form_data(), "attachments": files}).status_code == 302
        assert sorted(a.file.name.rsplit(".", 1)[1] for a in Attachment.objects.all()) == ["docx", "xlsx"]

    def test_oversized_file(self, client, home, form_data, settings):
        settings.TOASOAN_FEEDBACK = {"MAX_FILE_BYTES": 1000}
        response = post(client, {**form_data(), "attachments": [upload("lon.pdf", PDF + b"0" * 1000)]})
        assert "lớn hơn" in response.context["form"].errors["attachments"][0]
        assert not Submission.objects.exists()

    def test_total_size_and_count(self, client, home, form_data, settings):
        settings.TOASOAN_FEEDBACK = {"MAX_TOTAL_BYTES": 150, "MAX_FILES": 2}
        response = post(client, {**form_data(), "attachments": [upload(f"{i}.pdf", PDF) for i in range(2)]})
        assert "Tổng dung lượng" in str(response.context["form"].errors["attachments"])
        response = post(client, {**form_data(), "attachments": [upload(f"{i}.png", PNG) for i in range(3)]})
        assert "tối đa 2 tệp" in str(response.context["form"].errors["attachments"])

    def test_files_must_be_chosen_again_after_an_error(self, client, home, form_data):
        response = post(client, {**form_data(name=""), "attachments": [upload("a.pdf", PDF)]})
        assert "chọn lại tệp" in str(response.context["form"].errors["attachments"])

    @pytest.mark.parametrize("value", ["abc", "999999", "-1", "1.5"])
    def test_bad_about_link(self, client, home, form_data, value):
        response = client.get(URL + f"?ve={value}")
        assert response.status_code == 200
        assert "Liên kết tới thủ tục hoặc bài viết không hợp lệ" in response.content.decode()
        response = post(client, form_data(about=value))
        assert "không tồn tại" in response.content.decode()
        assert not Submission.objects.exists()

    def test_unpublished_page_cannot_be_linked(self, client, home, section, make_article):
        draft = make_article(section, "Bản nháp", live=False)
        assert "không hợp lệ" in client.get(URL + f"?ve={draft.pk}").content.decode()


class TestAbuse:
    def test_honeypot_goes_to_moderation(self, client, home, form_data):
        response = post(client, form_data(**{abuse.HONEYPOT_FIELD: "http://spam.example"}))
        submission = Submission.objects.get()
        assert response.status_code == 302  # stored, not dropped
        assert submission.status == Status.MODERATION and submission.moderation_reasons == ["honeypot"]
        assert not DBTaskResult.objects.exists()  # no email to an address a bot typed
        assert "chờ kiểm duyệt" in client.get(response["Location"]).content.decode()

    def test_too_fast_and_missing_token(self, client, home, form_data, settings):
        settings.TOASOAN_FORM_MIN_SECONDS = 60
        post(client, form_data())
        post(client, form_data(**{abuse.STARTED_FIELD: "forged", "content": "Một nội dung khác hẳn về lệ phí."}))
        reasons = [s.moderation_reasons for s in Submission.objects.order_by("pk")]
        assert reasons == [["too_fast"], ["token_invalid"]]

    def test_near_duplicate(self, client, home, form_data):
        post(client, form_data())
        post(client, form_data(email="khac@example.vn", content=form_data()["content"] + " Xin cảm ơn."))
        first, second = Submission.objects.order_by("pk")
        assert first.status == Status.RECEIVED
        assert second.status == Status.MODERATION and "near_duplicate" in second.moderation_reasons

    def test_soft_and_hard_limits_per_ip(self, client, home, form_data, settings):
        settings.TOASOAN_FEEDBACK = {"SOFT_LIMIT_PER_IP": 2, "HARD_LIMIT_PER_IP": 3, "DUPLICATE_CANDIDATES": 0}
        for i in range(3):
            assert post(client, form_data(email=f"a{i}@example.vn", content=f"Nội dung số {i}")).status_code == 302
        statuses = [s.status for s in Submission.objects.order_by("pk")]
        assert statuses == [Status.RECEIVED, Status.RECEIVED, Status.MODERATION]
        response = post(client, form_data(email="a9@example.vn", content="Nội dung thứ tư, vẫn phải giữ lại"))
        assert response.status_code == 429
        html = response.content.decode()
        assert "quá nhiều phản ánh" in html and "Nội dung thứ tư, vẫn phải giữ lại" in html
        assert Submission.objects.count() == 3
        # Another address is not affected.
        assert post(client, form_data(content="Khác"), REMOTE_ADDR="10.0.0.9").status_code == 302

    def test_limit_per_email(self, client, home, form_data, settings):
        settings.TOASOAN_FEEDBACK = {"SOFT_LIMIT_PER_EMAIL": 1, "DUPLICATE_CANDIDATES": 0}
        post(client, form_data(content="Một"), REMOTE_ADDR="10.0.0.1")
        post(client, form_data(content="Hai", email="AN.NGUYEN@example.vn"), REMOTE_ADDR="10.0.0.2")
        assert Submission.objects.order_by("pk").last().moderation_reasons == ["email_rate"]


class TestDurability:
    def test_email_task_is_in_the_same_transaction(self, home, form_data):
        """If anything fails after the row is written, neither the row nor its email exist."""
        data = services.SubmissionData(
            kind="phan_anh", name="A", subject="S", content="C", consent_text="x", email="a@example.vn"
        )
        with pytest.raises(RuntimeError), transaction.atomic():
            services.submission_create(data=data, ip="10.1.1.1")
            assert Submission.objects.count() == 1 and DBTaskResult.objects.count() == 1
            raise RuntimeError
        assert not Submission.objects.exists() and not DBTaskResult.objects.exists()

    def test_failed_commit_leaves_no_file(self, home, settings, monkeypatch):
        from ..validators import PDF as PDF_KIND

        def boom(*args, **kwargs):
            raise RuntimeError("database gone")

        monkeypatch.setattr(services.StatusEvent.objects, "create", boom)
        data = services.SubmissionData(
            kind="phan_anh",
            name="A",
            subject="S",
            content="C",
            consent_text="x",
            attachments=[services.AttachmentData(upload("a.pdf", PDF), PDF_KIND)],
        )
        with pytest.raises(RuntimeError):
            services.submission_create(data=data, ip="10.1.1.1")
        assert not Submission.objects.exists() and not private_files(settings)

    def test_orphans_are_cleaned_but_referenced_files_kept(self, client, home, form_data, settings):
        post(client, {**form_data(), "attachments": [upload("a.pdf", PDF)]})
        kept = private_files(settings)[0]
        orphan = kept.parent / "mo-coi.pdf"
        orphan.write_bytes(PDF)
        assert services.orphans_delete(older_than=-1) == 1
        assert kept.exists() and not orphan.exists()

    def test_receipt_url_is_the_only_place_the_code_appears_before_commit(self, client, home, form_data):
        response = post(client, form_data())
        assert reverse("feedback:receipt", args=[Submission.objects.get().code]) == response["Location"]
