"""The page cache and consultations, fetched through the real WSGI stack (page cache in front
of Django): a pending comment must not empty the cache, an approval must show at once, an open
form is never cached, and the closing job refreshes pages when a deadline passes."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from toasoan.consultation import services
from toasoan.consultation.tests.conftest import VN, post_comment, vn
from toasoan.core.abuse import FormCheck
from toasoan.publishing.tests.wsgi_client import call

pytestmark = pytest.mark.django_db


def hit(app, url):
    call(app, url)
    response = call(app, url)
    assert response.headers.get("x-cache") == "HIT", url
    return response


def settle(app, urls, committed):
    """Warm the pages, commit what the fixtures and first renders wrote (site settings are
    created on first use), and warm them again: the cache is then steady."""
    for url in urls:
        call(app, url)
    with committed():
        pass
    for url in urls:
        hit(app, url)


def _pending(consultation, **fields):
    data = {"name": "Lê Văn Hùng", "email": "hung@example.com", "body": "Đề nghị rút ngắn thời gian xét duyệt hồ sơ."}
    data.update(fields)
    return services.comment_submit(
        consultation=consultation, data=services.CommentInput(**data), guard=FormCheck(()), ip="203.0.113.1"
    )


def test_an_open_draft_with_its_form_is_cached_like_any_page(app, open_consultation):
    # Its form carries no CSRF token and no render-time token, so the page has an outage copy too.
    response = hit(app, open_consultation.url)
    assert 'class="consultation-form"' in response.text
    assert "csrfmiddlewaretoken" not in response.text
    assert "set-cookie" not in response.headers


def test_closed_draft_and_index_are_cached(app, closed_consultation):
    response = hit(app, closed_consultation.url)
    assert "csrfmiddlewaretoken" not in response.text
    assert "Đã hết hạn nhận góp ý" in response.text
    hit(app, "/lay-y-kien-du-thao/")


def test_a_new_pending_comment_does_not_empty_the_cache(
    app, page_store, open_consultation, closed_consultation, comment_data, committed
):
    urls = ["/", "/lay-y-kien-du-thao/", closed_consultation.url]
    settle(app, urls, committed)
    with committed():
        generation = page_store.generation()
        response = post_comment(Client(), open_consultation, comment_data())
        assert response.status_code == 302
    assert page_store.generation() == generation
    for url in urls:
        assert call(app, url).headers.get("x-cache") == "HIT", url


def test_rejecting_a_pending_comment_does_not_empty_the_cache(
    app, page_store, closed_consultation, moderator, committed
):
    with freeze_time(closed_consultation.closes_at - datetime.timedelta(days=1)):
        comment = _pending(closed_consultation)
    settle(app, [closed_consultation.url], committed)
    with committed():
        generation = page_store.generation()
        services.comment_reject(comment=comment, user=moderator, reason="Không liên quan đến dự thảo.")
    assert page_store.generation() == generation


def test_approving_shows_the_comment_on_cached_pages_at_once(app, closed_consultation, moderator, committed):
    # Sent before the deadline, moderated after it: the closed page is cached meanwhile.
    with freeze_time(closed_consultation.closes_at - datetime.timedelta(days=1)):
        comment = _pending(closed_consultation, body="Nên công khai kết quả nghiệm thu trên cổng thông tin.")
    settle(app, [closed_consultation.url, "/lay-y-kien-du-thao/"], committed)
    page = hit(app, closed_consultation.url)
    assert "Nên công khai kết quả nghiệm thu" not in page.text
    assert "Chưa có góp ý được công khai" in hit(app, "/lay-y-kien-du-thao/").text

    with committed():
        services.comment_approve(comment=comment, user=moderator)

    page = call(app, closed_consultation.url)
    assert "Nên công khai kết quả nghiệm thu" in page.text
    assert "hung@example.com" not in page.text
    assert "1 góp ý đã công khai" in call(app, "/lay-y-kien-du-thao/").text

    with committed():
        services.comment_reject(comment=comment, user=moderator, reason="Rút lại theo đề nghị của người gửi.")
    assert "Nên công khai kết quả nghiệm thu" not in call(app, closed_consultation.url).text


def test_closing_job_refreshes_cached_pages_when_the_deadline_passes(app, make_consultation, committed):
    with freeze_time(vn(2026, 3, 10, 9)):
        draft = make_consultation(opens_on=datetime.date(2026, 3, 1), closes_at=vn(2026, 3, 31, 17))
        assert services.consultation_statuses_refresh() == 1
        settle(app, ["/", "/lay-y-kien-du-thao/"], committed)
        index = hit(app, "/lay-y-kien-du-thao/")
        assert "Còn 21 ngày" in index.text and "Đang lấy ý kiến" in index.text
        assert services.consultation_statuses_refresh() == 0  # nothing changed: nothing saved

    with freeze_time(vn(2026, 3, 31, 17, 0, 3)):
        # Deadline passed; until the job runs, the cached index still lists the draft as open.
        assert "Còn 21 ngày" in hit(app, "/lay-y-kien-du-thao/").text
        with committed():
            assert services.consultation_statuses_refresh() == 1
        index = call(app, "/lay-y-kien-du-thao/").text
        assert "Còn 21 ngày" not in index
        assert "Đã hết hạn" in index and "Đang tổng hợp ý kiến" in index
        assert "Hiện không có dự thảo nào đang lấy ý kiến." in index
        page = hit(app, draft.url)  # closed: no form, so cached from now on
        assert 'class="consultation-form"' not in page.text
        draft.refresh_from_db()
        assert draft.status.phase == "closed"


def test_days_left_move_on_at_midnight_and_a_draft_opens_on_its_day(app, make_consultation, committed):
    with freeze_time(vn(2026, 3, 10, 23, 59)):
        make_consultation(opens_on=datetime.date(2026, 3, 1), closes_at=vn(2026, 3, 31, 17))
        upcoming = make_consultation(
            "Dự thảo sắp mở", opens_on=datetime.date(2026, 3, 11), closes_at=vn(2026, 4, 30, 17)
        )
        services.consultation_statuses_refresh()
        settle(app, ["/lay-y-kien-du-thao/", upcoming.url], committed)
        assert "Còn 21 ngày" in hit(app, "/lay-y-kien-du-thao/").text
        assert "Dự thảo bắt đầu nhận góp ý từ ngày 11/03/2026" in hit(app, upcoming.url).text

    with freeze_time(vn(2026, 3, 11, 0, 0, 5)):
        assert "Còn 21 ngày" in hit(app, "/lay-y-kien-du-thao/").text  # stale until the job runs
        with committed():
            assert services.consultation_statuses_refresh() == 2
        assert "Còn 20 ngày" in call(app, "/lay-y-kien-du-thao/").text
        response = call(app, upcoming.url)
        assert 'class="consultation-form"' in response.text  # open now: the form


def test_the_job_is_registered_with_the_scheduler(make_consultation):
    from toasoan.consultation.models import ConsultationStatus
    from toasoan.core import periodic

    draft = make_consultation()
    periodic.run_due_jobs()
    status = ConsultationStatus.objects.get(page=draft)
    assert status.phase == "open"
    assert status.days_left == (timezone.localdate(draft.closes_at, VN) - timezone.localdate(timezone.now(), VN)).days
