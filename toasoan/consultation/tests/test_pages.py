"""The public pages (index, draft, received) and the page types' rules in the admin."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from toasoan.consultation.models import ConsultationIndexPage, ConsultationPage
from toasoan.consultation.tests.conftest import VN
from toasoan.trust.testing import staff_login

pytestmark = pytest.mark.django_db


def test_page_tree_rules(home, index, section):
    assert ConsultationIndexPage.can_create_at(home)
    assert not ConsultationIndexPage.can_create_at(section)
    assert ConsultationPage.can_create_at(index)
    assert not ConsultationPage.can_create_at(home)


def test_index_lists_open_drafts_first_then_upcoming_then_closed_with_report_status(client, make_consultation):
    now = timezone.now()
    today = timezone.localdate(now, VN)
    later = make_consultation("Dự thảo hạn xa", closes_at=now + datetime.timedelta(days=20))
    sooner = make_consultation("Dự thảo hạn gần", closes_at=now + datetime.timedelta(days=2))
    make_consultation("Dự thảo sắp mở", opens_on=today + datetime.timedelta(days=5))
    make_consultation(
        "Dự thảo đã đóng có báo cáo",
        opens_on=today - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        report_body="<p>Tiếp thu 5 ý kiến.</p>",
    )
    make_consultation(
        "Dự thảo đã đóng chưa báo cáo",
        opens_on=today - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=3),
    )
    draft = make_consultation("Dự thảo chưa duyệt")
    draft.unpublish()

    response = client.get("/lay-y-kien-du-thao/")
    html = response.content.decode()
    assert response.status_code == 200
    order = [
        "Dự thảo hạn gần",
        "Dự thảo hạn xa",
        "Dự thảo sắp mở",
        "Dự thảo đã đóng chưa báo cáo",
        "Dự thảo đã đóng có báo cáo",
    ]
    positions = [html.index(title) for title in order]
    assert positions == sorted(positions)
    assert "Còn 2 ngày" in html and "Còn 20 ngày" in html
    assert f"{sooner.closes_at.astimezone(VN):%H:%M} ngày {sooner.closes_at.astimezone(VN):%d/%m/%Y}" in html
    assert "Đã có báo cáo tổng hợp" in html and "Đang tổng hợp ý kiến" in html
    assert "Dự thảo chưa duyệt" not in html
    assert later.url in html


def test_report_is_public_only_after_the_deadline(client, make_consultation, closed_consultation):
    draft = make_consultation("Dự thảo còn hạn", report_body="<p>Bản nháp báo cáo chưa được công bố.</p>")
    assert "Bản nháp báo cáo" not in client.get(draft.url).content.decode()
    html = client.get(closed_consultation.url).content.decode()
    assert "đang tổng hợp, tiếp thu, giải trình" in html
    closed_consultation.report_body = "<p>Tiếp thu ý kiến về Hội đồng tư vấn.</p>"
    closed_consultation.save_revision().publish()
    html = client.get(closed_consultation.url).content.decode()
    assert "Báo cáo tổng hợp, tiếp thu, giải trình" in html and "Tiếp thu ý kiến về Hội đồng tư vấn." in html
    assert "Đã có báo cáo tổng hợp" in client.get("/lay-y-kien-du-thao/").content.decode()


def test_received_page_is_plain_and_links_back(client, open_consultation):
    response = client.get(open_consultation.url + "da-nhan-gop-y/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "Đã nhận góp ý" in html
    assert f'href="{open_consultation.url}">Quay lại dự thảo</a>' in html
    assert "csrfmiddlewaretoken" not in html


def test_public_comments_are_paginated(client, open_consultation, moderator):
    from toasoan.consultation import rules, services
    from toasoan.core.abuse import FormCheck

    for n in range(rules.PUBLIC_COMMENTS_PER_PAGE + 1):
        comment = services.comment_submit(
            consultation=open_consultation,
            data=services.CommentInput(
                name=f"Người {n}", email=f"n{n}@example.com", body=f"Ý {n} điều {n} khoản {n} mục {n}"
            ),
            guard=FormCheck(()),
            ip=f"198.51.100.{n}",
        )
        services.comment_approve(comment=comment, user=moderator)
    html = client.get(open_consultation.url).content.decode()
    assert f"Góp ý đã công khai ({rules.PUBLIC_COMMENTS_PER_PAGE + 1})" in html
    assert html.count('class="comment"') == rules.PUBLIC_COMMENTS_PER_PAGE
    assert client.get(open_consultation.url + "?page=2").content.decode().count('class="comment"') == 1


def _page_form(index, **overrides):
    data = {
        "title": "Dự thảo Quy chế tiếp nhận hồ sơ trực tuyến",
        "slug": "du-thao-quy-che-tiep-nhan-ho-so",
        "drafting_agency": "Văn phòng Sở",
        "summary": "Quy định việc tiếp nhận hồ sơ trực tuyến.",
        "body": rich_text("<p>Điều 1. Phạm vi điều chỉnh.</p>"),
        "opens_on": "2026-03-01",
        "closes_at": "2026-03-31 17:00",
        "documents": inline_formset([]),
        "report_body": rich_text(""),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_needs_full_text_or_a_document_and_a_deadline_after_opening(client, admin_user, index):
    staff_login(client, admin_user)
    add_url = f"/admin/pages/add/consultation/consultationpage/{index.pk}/"
    response = client.post(add_url, _page_form(index, body=rich_text(""), **{"action-publish": "action-publish"}))
    assert response.status_code == 200
    assert "Cần nhập toàn văn dự thảo hoặc đính kèm ít nhất một tài liệu dự thảo." in response.content.decode()
    response = client.post(add_url, _page_form(index, closes_at="2026-02-28 17:00"))
    assert "Hạn góp ý phải sau ngày bắt đầu lấy ý kiến." in response.content.decode()
    assert not ConsultationPage.objects.exists()
    response = client.post(add_url, _page_form(index))
    assert response.status_code == 302
    page = ConsultationPage.objects.get()
    assert not page.live  # a draft: publishing goes through the workflow
    assert page.closes_at == datetime.datetime(2026, 3, 31, 17, tzinfo=VN)


def test_drafts_are_searchable_once_published(client, open_consultation):
    response = client.get("/tim-kiem/", {"q": "hoi dong tu van 9 thanh vien"})
    assert open_consultation.title in response.content.decode()


def test_a_page_is_no_public_consultation_when_restricted(client, open_consultation):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=open_consultation, restriction_type="password", password="mat-khau")
    assert open_consultation.title not in client.get("/lay-y-kien-du-thao/").content.decode()
    assert Page.objects.filter(pk=open_consultation.pk).exists()
