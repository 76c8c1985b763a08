"""The admin side: the report (who may see it, filters, false positives) and the scan on save in
the page editor (publishing refused, submission for approval withdrawn, warnings)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from toasoan.news.models import ArticlePage
from toasoan.trust.integrity import samples, services
from toasoan.trust.models import IntegrityFinding
from toasoan.trust.testing import staff_login

pytestmark = pytest.mark.django_db
REPORT_URL = "/admin/toan-ven-noi-dung/"
PASSWORD = "mat-khau-that-dai-123"
Status = IntegrityFinding.Status


def make_user(username: str, group: str | None = None, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


@pytest.fixture
def findings(section, make_article):
    """Three published articles: one with a hidden betting block, one with an iframe, one clean."""
    spam = make_article(section, "Bài bị chèn liên kết")
    spam.body = [("paragraph", samples.HIDDEN_FOOTER)]
    spam.save_revision().publish()
    video = make_article(section, "Bài có video")
    video.body = [("paragraph", '<p>Video</p><iframe src="https://vimeo.com/1"></iframe>')]
    video.save_revision().publish()
    make_article(section, "Bài sạch")
    return spam, video


def test_report_needs_its_permission(client, findings):
    assert client.get(REPORT_URL).status_code == 302  # to the login page
    staff_login(client, make_user("bientap", "Biên tập viên"))
    assert client.get(REPORT_URL).status_code in (302, 403)
    staff_login(client, make_user("lanhdao", "Lãnh đạo duyệt tin"))
    assert client.get(REPORT_URL).status_code == 200
    staff_login(client, make_user("quantri", is_superuser=True))
    assert client.get(REPORT_URL).status_code == 200


def test_report_menu_and_group_editor(client, findings):
    staff_login(client, make_user("quantri", is_superuser=True))
    assert REPORT_URL in client.get("/admin/").content.decode()
    group_page = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Xem báo cáo toàn vẹn nội dung" in group_page


def test_report_lists_and_filters(client, findings):
    spam, _video = findings
    staff_login(client, make_user("quantri", is_superuser=True))
    page = text_of(client.get(REPORT_URL))
    assert "Liên kết bị ẩn" in page and "Bài bị chèn liên kết" in page
    assert "Bài sạch" not in page
    # 20 betting links, the hidden block, the link texts and the iframe: 50 a page, high first
    assert "Trang 1/2" in page and "Bài có video" in text_of(client.get(REPORT_URL, {"page": "2"}))
    edit_link = reverse("wagtailadmin_pages:edit", args=[spam.pk])
    assert edit_link in client.get(REPORT_URL).content.decode()

    high = text_of(client.get(REPORT_URL, {"muc_do": "high"}))
    assert "Bài bị chèn liên kết" in high and "Bài có video" not in high
    embeds = text_of(client.get(REPORT_URL, {"quy_tac": "embed"}))
    assert "Bài có video" in embeds and "Bài bị chèn liên kết" not in embeds
    searched = text_of(client.get(REPORT_URL, {"q": "vimeo"}))
    assert "Bài có video" in searched and "Bài bị chèn liên kết" not in searched
    # junk filters fall back to the defaults instead of failing
    assert client.get(REPORT_URL, {"muc_do": "x", "quy_tac": "<b>", "trang_thai": "?", "page": "-4"}).status_code == 200


def test_mark_false_positive_and_reopen(client, findings):
    finding = IntegrityFinding.objects.get(rule="embed")
    reviewer = make_user("lanhdao", "Lãnh đạo duyệt tin")
    staff_login(client, reviewer)
    url = reverse("trust_integrity_review", args=[finding.pk])

    response = client.post(url, {"status": "false_positive", "next": REPORT_URL})
    assert response.status_code == 302 and response["Location"] == REPORT_URL
    finding.refresh_from_db()
    assert finding.status == Status.FALSE_POSITIVE and finding.reviewed_by == reviewer
    assert "Bài có video" not in text_of(client.get(REPORT_URL))  # default filter: open
    assert "Bài có video" in text_of(client.get(REPORT_URL, {"trang_thai": "false_positive"}))

    client.post(url, {"status": "open", "next": "https://evil.example/"})
    finding.refresh_from_db()
    assert finding.status == Status.OPEN
    assert client.get(url).status_code == 405


def test_review_needs_permission(client, findings):
    finding = IntegrityFinding.objects.first()
    staff_login(client, make_user("bientap", "Biên tập viên"))
    client.post(reverse("trust_integrity_review", args=[finding.pk]), {"status": "false_positive"})
    finding.refresh_from_db()
    assert finding.status == Status.OPEN


def form_data(article: ArticlePage, body_html: str, action: str | None = None) -> dict:
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "sapo": "",
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "author": "",
            "featured_image": "",
            "featured_image_alt": "",
            "attachments": inline_formset([]),
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "is_featured": "",
            "source_url": "",
            "display_date": "2022-01-10",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


def test_publishing_a_gambling_link_is_refused_and_the_draft_kept(client, section, make_article):
    article = make_article(section, "Thông báo lịch tiếp công dân")
    approver = make_user("lanhdao", "Lãnh đạo duyệt tin")
    staff_login(client, approver)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    # Rich text from the editor keeps links: the betting link survives Wagtail's whitelist
    body = '<p>Lịch tiếp công dân tháng 12. <a href="https://nha-cai-uy-tin.xyz/">Xem thêm</a></p>'

    response = client.post(edit_url, form_data(article, body, "action-publish"))

    assert response.status_code == 302 and response["Location"] == edit_url
    assert "Chưa xuất bản" in messages_of(response) and "Liên kết tới trang cờ bạc" in messages_of(response)
    article.refresh_from_db()
    assert "nha-cai-uy-tin" not in str(article.body)  # the live version is untouched
    assert "nha-cai-uy-tin" in str(article.get_latest_revision_as_object().body)  # nothing lost
    assert client.get(article.url).status_code == 200
    assert "nha-cai-uy-tin" not in client.get(article.url).content.decode()


def test_publishing_clean_content_goes_live(client, section, make_article):
    article = make_article(section, "Thông báo")
    staff_login(client, make_user("lanhdao", "Lãnh đạo duyệt tin"))
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(edit_url, form_data(article, "<p>Nội dung mới đã duyệt.</p>", "action-publish"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert "Nội dung mới đã duyệt" in str(article.body)
    assert "Chưa xuất bản" not in messages_of(response)


def test_submitting_gambling_content_for_approval_is_withdrawn(client, section):
    reporter = make_user("phongvien", "Phóng viên")
    draft = ArticlePage(title="Tin hoạt động", body=[("paragraph", "<p>Nội dung</p>")], owner=reporter, live=False)
    section.add_child(instance=draft)
    draft.save_revision(user=reporter)
    staff_login(client, reporter)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    body = '<p>Tin hoạt động. <a href="https://fb88.com/">fb88</a></p>'

    response = client.post(edit_url, form_data(draft, body, "action-submit"))

    assert response.status_code == 302
    assert "Chưa gửi duyệt được" in messages_of(response)
    state = WorkflowState.objects.filter(object_id=str(draft.pk)).order_by("-pk").first()
    assert state is not None and state.status == WorkflowState.STATUS_CANCELLED
    draft.refresh_from_db()
    assert "fb88" in str(draft.get_latest_revision_as_object().body)  # the draft is kept

    client.get(response["Location"])  # shows (and so clears) the messages
    # once cleaned, it goes to the approvers
    response = client.post(edit_url, form_data(draft, "<p>Tin hoạt động.</p>", "action-submit"))
    state = WorkflowState.objects.filter(object_id=str(draft.pk)).order_by("-pk").first()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Chưa gửi duyệt được" not in messages_of(response)


def test_saving_a_draft_warns(client, section, make_article):
    article = make_article(section, "Tin nháp")
    staff_login(client, make_user("quantri", is_superuser=True))
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(edit_url, form_data(article, '<p><a href="https://go88.vin">Tải game</a></p>'))
    assert response.status_code == 302
    assert "sẽ không xuất bản được" in messages_of(response)
    assert not IntegrityFinding.objects.exists()  # drafts are not public: nothing recorded
    article.refresh_from_db()
    assert services.blocking(services.findings_preview(article.get_latest_revision_as_object()))


def test_approving_from_the_dashboard_is_refused(client, section):
    """Content that reached "Duyệt tin" with an injected link (submitted before the scanner, or a
    revision tampered with in the database) cannot be approved from any screen."""
    from wagtail.models import Workflow

    reporter = make_user("phongvien", "Phóng viên")
    approver = make_user("lanhdao", "Lãnh đạo duyệt tin")
    draft = ArticlePage(title="Tin chờ duyệt", body=[("paragraph", "<p>Nội dung</p>")], owner=reporter, live=False)
    section.add_child(instance=draft)
    draft.body = [("paragraph", samples.XEM_THEM)]
    draft.save_revision(user=reporter)
    Workflow.objects.get(name="Duyệt tin").start(draft, reporter)
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.current_task_state.pk])
    staff_login(client, approver)

    response = client.post(approve_url, {"comment": ""})

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert not draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # still waiting: nothing half-done
    assert state.current_task_state.status == "in_progress"


def test_approving_clean_content_still_publishes(client, section):
    from wagtail.models import Workflow

    reporter = make_user("phongvien", "Phóng viên")
    draft = ArticlePage(title="Tin sạch chờ duyệt", body=[("paragraph", "<p>Nội dung</p>")], owner=reporter, live=False)
    section.add_child(instance=draft)
    draft.save_revision(user=reporter)
    Workflow.objects.get(name="Duyệt tin").start(draft, reporter)
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.current_task_state.pk])
    staff_login(client, make_user("lanhdao", "Lãnh đạo duyệt tin"))
    assert client.post(approve_url, {"comment": ""}).status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_snippet_saved_in_the_admin_is_scanned_and_warned(client, home):
    """A snippet (here an abbreviation) with a betting brand: recorded and the editor warned."""
    from toasoan.search.models import Abbreviation

    staff_login(client, make_user("quantri", is_superuser=True))
    response = client.post(
        reverse("wagtailsnippets_search_abbreviation:add"), {"short": "KM", "full": "khuyến mãi fb88 hôm nay"}
    )
    assert response.status_code == 302
    abbreviation = Abbreviation.objects.get(short="KM")
    assert "hãy gỡ bỏ" in messages_of(response)
    finding = IntegrityFinding.objects.get()
    assert finding.rule == "gambling_term" and finding.object_id == str(abbreviation.pk)
    assert finding.location == "full"
