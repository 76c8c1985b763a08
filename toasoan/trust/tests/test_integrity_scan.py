"""Scans with the database: on publish, on save, the scheduled full scan (stored content and
rendered pages), findings' lifecycle, the email to the security contact, the command."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Site

from toasoan.core.models import AgencySettings
from toasoan.trust.integrity import jobs, samples, services
from toasoan.trust.models import IntegrityFinding, IntegrityScan

pytestmark = pytest.mark.django_db
Status = IntegrityFinding.Status


@pytest.fixture
def agency(home) -> AgencySettings:
    agency = AgencySettings.for_site(Site.objects.get(root_page=home))
    agency.security_email = "attt@stttt.gov.vn"
    agency.save()
    return agency


def publish_body(article, html: str):
    """What the importer or a tampered revision does: raw HTML in a rich-text block, published."""
    article.body = [("paragraph", html)]
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def open_findings(**filters):
    return IntegrityFinding.objects.filter(status=Status.OPEN, **filters)


def test_publishing_injected_html_records_findings_and_mails_the_contact(
    section, make_article, agency, run_tasks, django_capture_on_commit_callbacks
):
    article = make_article(section, "Kế hoạch cải cách hành chính năm 2026")
    assert not open_findings().exists()

    publish_body(article, samples.HIDDEN_FOOTER)

    rules = set(open_findings(object_id=str(article.pk)).values_list("rule", flat=True))
    assert {"hidden_link", "gambling_link"} <= rules
    finding = open_findings(rule="hidden_link").get()
    assert finding.severity == "high"
    assert finding.object_label == "Kế hoạch cải cách hành chính năm 2026"
    assert finding.url == article.url
    assert finding.location.startswith("body")

    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["attt@stttt.gov.vn"]
    assert "Liên kết bị ẩn" in message.body and "Kế hoạch cải cách hành chính" in message.body
    assert "/admin/toan-ven-noi-dung/" in message.body
    assert open_findings(rule="hidden_link").get().notified_at is not None


def test_republishing_the_same_content_adds_nothing_and_a_fix_resolves(section, make_article, agency, run_tasks):
    article = make_article(section, "Thông báo tuyển dụng viên chức")
    publish_body(article, samples.XEM_THEM)
    first = open_findings().get()
    run_tasks()
    assert len(mail.outbox) == 1

    publish_body(article, "<p>Chưa tới nơi</p>" + samples.XEM_THEM)  # moved down: the same finding
    assert IntegrityFinding.objects.count() == 1
    assert open_findings().get().pk == first.pk
    run_tasks()
    assert len(mail.outbox) == 1  # no second mail for a known finding

    publish_body(article, "<p>Đã gỡ liên kết lạ.</p>")
    first.refresh_from_db()
    assert first.status == Status.RESOLVED and first.resolved_at is not None


def test_a_false_positive_stays_dismissed(section, make_article, admin_user):
    article = make_article(section, "Quy định về kinh doanh đặt cược")
    publish_body(article, '<p><a href="/van-ban/">Cá cược thể thao: điều kiện kinh doanh</a></p>')
    finding = open_findings().get()
    assert finding.rule == "gambling_term"
    services.finding_review(finding=finding, user=admin_user, status=Status.FALSE_POSITIVE)

    publish_body(article, '<p><a href="/van-ban/">Cá cược thể thao: điều kiện kinh doanh</a></p>')
    finding.refresh_from_db()
    assert finding.status == Status.FALSE_POSITIVE
    assert services.findings_preview(article) == []


def test_medium_findings_do_not_block_and_high_ones_do(section, make_article):
    article = make_article(section, "Video hội nghị")
    article.body = [("paragraph", '<p>Xem video</p><iframe src="https://vimeo.com/1"></iframe>')]
    findings = services.findings_preview(article)
    assert [f.rule for f in findings] == ["embed"] and services.blocking(findings) == []
    article.body = [("paragraph", samples.JAVASCRIPT_LINK)]
    assert services.blocking(services.findings_preview(article))


def test_scheduled_scan_finds_tampering_in_settings_and_rendered_pages(section, make_article, agency):
    make_article(section, "Hội nghị tổng kết")
    # Direct database tampering: no save signal runs
    AgencySettings.objects.filter(pk=agency.pk).update(address="Số 1 Lê Lợi — nha cai uy tin fb88 tặng 100k")

    scan = services.scan_all()

    assert scan.finished_at is not None
    assert scan.pages_rendered >= 3  # home, section, article (+ registered views)
    stored = open_findings(source="content", rule="gambling_term").get()
    assert stored.object_label == "Thông tin cơ quan"
    assert stored.location == "address"
    # The footer of every page: one finding per wording (Vietnamese and English pages), counted
    rendered = open_findings(source="rendered", rule="gambling_term")
    assert 1 <= rendered.count() <= 2
    assert sum(rendered.values_list("occurrences", flat=True)) >= 3
    assert all("nha cai uy tin fb88" in finding.excerpt for finding in rendered)
    assert scan.open_high == 1 + rendered.count()


def test_scheduled_scan_reads_documents_and_resolves_what_is_gone(home, agency):
    document = get_document_model().objects.create(
        title="Báo cáo quý", file=ContentFile(samples.docx("Báo cáo", link="https://fb88.com/"), name="bao-cao.docx")
    )
    services.scan_all(render=False)
    finding = open_findings(source="file").get()
    assert finding.rule == "gambling_link" and finding.object_id == str(document.pk)

    document.file.save("bao-cao-sach.docx", ContentFile(samples.docx("Báo cáo")), save=True)
    services.scan_all(render=False)
    finding.refresh_from_db()
    assert finding.status == Status.RESOLVED


def test_document_upload_is_scanned_on_save(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        get_document_model().objects.create(
            title="Thông báo",
            file=ContentFile(samples.pdf(uri="https://kubet.win/", javascript="app.alert(1)"), name="tb.pdf"),
        )
    assert set(open_findings(source="file").values_list("rule", flat=True)) == {"gambling_link", "pdf_javascript"}


def test_settings_saved_are_scanned(agency, django_capture_on_commit_callbacks):
    agency.address = 'Số 1 <a href="https://w88vn.net">Lê Lợi</a>'
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    assert open_findings(rule="gambling_link").exists()


def test_clean_demo_content_has_no_findings(home, section, make_article, agency):
    """The seed-like content and the site's own templates raise nothing."""
    make_article(section, "Thừa Thiên Huế đẩy mạnh cải cách hành chính", body="Nội dung về dịch vụ công trực tuyến.")
    scan = services.scan_all()
    assert scan.pages_rendered >= 3
    assert list(IntegrityFinding.objects.values_list("rule", "excerpt")) == []


def test_nightly_job_runs_once_in_its_hour(home, settings, monkeypatch, run_tasks):
    settings.TOASOAN_INTEGRITY = {"HOUR": 2}
    two_am = timezone.make_aware(datetime.datetime(2026, 11, 27, 2, 5))
    assert jobs.scan_due(two_am)
    assert not jobs.scan_due(two_am + datetime.timedelta(hours=3))
    monkeypatch.setattr(jobs, "_last_check", 0.0)
    monkeypatch.setattr(jobs, "scan_due", lambda: True)
    jobs.scheduled_scan()
    assert IntegrityScan.objects.count() == 1
    jobs.scheduled_scan()  # checked again within the minute: nothing
    assert IntegrityScan.objects.count() == 1
    assert IntegrityScan.objects.get().finished_at is None  # queued for the durable worker
    run_tasks()
    scan = IntegrityScan.objects.get()
    assert scan.finished_at is not None and scan.pages_rendered >= 1


def test_scan_due_after_twenty_hours(home, settings):
    settings.TOASOAN_INTEGRITY = {"HOUR": 2}
    two_am = timezone.make_aware(datetime.datetime(2026, 11, 27, 2, 5))
    IntegrityScan.objects.create()
    IntegrityScan.objects.update(started_at=two_am - datetime.timedelta(hours=2))
    assert not jobs.scan_due(two_am)
    IntegrityScan.objects.update(started_at=two_am - datetime.timedelta(hours=24))
    assert jobs.scan_due(two_am)


def test_command_exit_code(section, make_article, agency):
    make_article(section, "Tin hoạt động")
    out = io.StringIO()
    call_command("scan_integrity", "--no-render", stdout=out)  # clean: returns normally
    assert "0 cao" in out.getvalue()

    AgencySettings.objects.filter(pk=agency.pk).update(address="Đăng ký soi kèo nhà cái")
    with pytest.raises(SystemExit) as exit_info:
        call_command("scan_integrity", "--no-render", stdout=out)
    assert exit_info.value.code == 1
    assert "Từ khóa cờ bạc" in out.getvalue()


def test_a_scanner_failure_never_breaks_publishing(section, make_article, monkeypatch):
    def broken(obj, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "scan_object", broken)
    article = make_article(section, "Bài vẫn được đăng")
    assert article.live
    assert connection.is_usable()


def test_a_page_publish_is_scanned_once(section, make_article, monkeypatch):
    """Wagtail sends `published` for pages as well as page_published: one scan, not two."""
    scanned = []
    real = services.scan_object

    def counting(obj, **kwargs):
        scanned.append(obj.pk)
        return real(obj, **kwargs)

    monkeypatch.setattr(services, "scan_object", counting)
    article = make_article(section, "Bài đăng một lần")
    assert scanned == [article.pk]


def test_registered_models_are_scanned_with_their_public_url(home, django_capture_on_commit_callbacks):
    """feedback/integrity_registration.py: the public Q&A, a citizen's words and the answer."""
    from toasoan.feedback.models import PublishedQuestion

    with django_capture_on_commit_callbacks(execute=True):
        question = PublishedQuestion.objects.create(
            kind="hoi_dap",
            subject="Hỏi về cấp phép xây dựng",
            question="Xin hỏi thủ tục. Tham khảo thêm tại nhacaiuytin.com",
            answer="Trả lời: xem Cổng dịch vụ công.",
            asked_on=datetime.date(2026, 11, 1),
            answered_on=datetime.date(2026, 11, 5),
        )
    finding = open_findings().get()
    assert finding.rule == "gambling_term" and finding.location == "question"
    assert finding.url == question.get_absolute_url()

    PublishedQuestion.objects.filter(pk=question.pk).update(question="Xin hỏi thủ tục.")
    services.scan_all(render=False)
    finding.refresh_from_db()
    assert finding.status == Status.RESOLVED


def test_unpublishing_resolves_the_findings(section, make_article):
    article = publish_body(make_article(section, "Bài sẽ gỡ"), samples.XEM_THEM)
    finding = open_findings().get()
    article.unpublish()
    finding.refresh_from_db()
    assert finding.status == Status.RESOLVED


def test_importing_an_injected_article_records_findings(home, section, tmp_path, agency, run_tasks):
    """The importer (JSON Lines from an old, hacked portal) publishes; the scan follows."""
    import json

    source = tmp_path / "tin-cu.jsonl"
    row = {
        "title": "Hội nghị tổng kết năm 2025",
        "date": "2025-12-30",
        "author": "Văn phòng",
        "section": "Cải cách hành chính",
        "body_html": "<p>Sáng 30/12, Sở tổ chức hội nghị tổng kết.</p>" + samples.HIDDEN_FOOTER,
    }
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")

    call_command("import_articles", str(source), stdout=io.StringIO(), stderr=io.StringIO())

    rules = set(open_findings().values_list("rule", flat=True))
    assert "gambling_link" in rules
    assert open_findings().first().object_label == "Hội nghị tổng kết năm 2025"
    run_tasks()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["attt@stttt.gov.vn"]
