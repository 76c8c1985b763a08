"""Polls: the list, the vote form, the vote endpoint's guards, results, the home panel, closing."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from toasoan.surveys import services
from toasoan.surveys.models import Poll, Status, Vote

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def vote(client, poll, option, ip="203.0.113.7", headers=SAME_SITE, **extra):
    data = {"option": str(option.pk if hasattr(option, "pk") else option), "website": "", **extra}
    return client.post(f"/tham-do-y-kien/{poll.slug}/binh-chon/", data, REMOTE_ADDR=ip, **headers)


def option(poll, label):
    return poll.options.get(label=label)


def test_list_shows_open_then_closed_polls_but_not_scheduled_ones(client, make_poll):
    make_poll("Câu hỏi đã kết thúc?", opens=datetime.timedelta(days=-20), closes=datetime.timedelta(days=-5))
    make_poll("Câu hỏi đang mở?")
    make_poll("Câu hỏi chưa mở?", opens=datetime.timedelta(days=3), closes=datetime.timedelta(days=9))
    soup = soup_of(client.get("/tham-do-y-kien/"))
    items = [text_of(li) for li in soup.select(".poll-list__item")]
    assert len(items) == 2
    assert items[0].startswith("Câu hỏi đang mở? Đang mở")
    assert items[1].startswith("Câu hỏi đã kết thúc? Đã kết thúc")
    assert client.get(f"/tham-do-y-kien/{Poll.objects.get(question='Câu hỏi chưa mở?').slug}/").status_code == 404


def test_slug_comes_from_the_question():
    poll = Poll(question="Bạn biết đến Cổng thông tin của Sở qua kênh nào?")
    assert poll.slug == ""
    poll.closes_at = timezone.now() + datetime.timedelta(days=1)
    poll.save()
    assert poll.slug == "ban-biet-den-cong-thong-tin-cua-so-qua-kenh-nao"
    twin = Poll.objects.create(question=poll.question, closes_at=poll.closes_at)
    assert twin.slug == "ban-biet-den-cong-thong-tin-cua-so-qua-kenh-nao-2"


def test_open_poll_shows_the_form_and_no_results(client, make_poll):
    poll = make_poll()
    response = client.get(f"/tham-do-y-kien/{poll.slug}/")
    soup = soup_of(response)
    assert soup.h1.text == poll.question
    assert [text_of(label) for label in soup.select("form.poll-form label.poll-option")] == [
        "Zalo",
        "Facebook",
        "Báo chí",
        "Người quen",
    ]
    assert soup.select_one("form.poll-form")["action"] == f"/tham-do-y-kien/{poll.slug}/binh-chon/"
    assert soup.select_one("figure.chart") is None
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_voting_counts_and_shows_the_results(client, make_poll):
    poll = make_poll()
    for n in range(3):
        vote(client, poll, option(poll, "Zalo"), ip=f"198.51.100.{n}")
    response = vote(client, poll, option(poll, "Facebook"))
    assert response.status_code == 302
    assert response["Location"] == f"/tham-do-y-kien/{poll.slug}/?da-binh-chon=1"
    page = client.get(response["Location"])
    assert "no-store" in page["Cache-Control"]
    soup = soup_of(page)
    assert "Cảm ơn bạn đã bình chọn." in soup.text
    assert soup.select_one("form.poll-form") is None
    figure = soup.select_one("figure.chart")
    svg = ET.fromstring(str(figure.select_one("svg")))
    assert svg.get("role") == "img"
    drawn = [el.text for el in svg.iter(f"{SVG}text")]
    drawn = {drawn[i]: drawn[i + 1] for i in range(0, len(drawn), 2)}
    table = {text_of(tr.th): [text_of(td) for td in tr.select("td")] for tr in figure.select("tbody tr")}
    assert drawn == {"Zalo": "3 (75,0%)", "Facebook": "1 (25,0%)", "Báo chí": "0 (0,0%)", "Người quen": "0 (0,0%)"}
    assert table == {label: value.replace(" (", " ").rstrip(")").split() for label, value in drawn.items()}
    assert table["Zalo"] == ["3", "75,0%"]
    assert Vote.objects.filter(status=Status.COUNTED).count() == 4


def test_the_vote_endpoint_needs_no_csrf_token(make_poll):
    poll = make_poll()
    strict = Client(enforce_csrf_checks=True)
    assert vote(strict, poll, option(poll, "Zalo")).status_code == 302


@pytest.mark.parametrize(
    "headers",
    [
        {},  # neither Origin nor Referer
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/trang-binh-chon/"},
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_REFERER": "http://testserver/"},
    ],
)
def test_cross_site_votes_are_refused(client, make_poll, headers):
    poll = make_poll()
    response = vote(client, poll, option(poll, "Zalo"), headers=headers)
    assert response.status_code == 403
    soup = soup_of(response)
    assert "Không nhận bình chọn gửi từ trang web khác" in text_of(soup.select_one("[role=alert]"))
    assert soup.select_one(f"input[value='{option(poll, 'Zalo').pk}']").has_attr("checked")  # choice kept
    assert not Vote.objects.exists()


def test_same_site_referer_without_origin_is_accepted(client, make_poll, settings):
    poll = make_poll()
    assert vote(client, poll, option(poll, "Zalo"), headers={"HTTP_REFERER": "http://testserver/"}).status_code == 302
    settings.CSRF_TRUSTED_ORIGINS = ["https://skhcn.example.gov.vn"]
    trusted = {"HTTP_ORIGIN": "https://skhcn.example.gov.vn"}
    assert vote(client, poll, option(poll, "Zalo"), ip="198.51.100.1", headers=trusted).status_code == 302


def test_closed_poll_refuses_votes_with_a_message_and_shows_results(client, make_poll):
    poll = make_poll(opens=datetime.timedelta(days=-9), closes=datetime.timedelta(days=-1))
    Vote.objects.create(poll=poll, option=option(poll, "Báo chí"), client_key="earlier")
    response = vote(client, poll, option(poll, "Zalo"))
    assert response.status_code == 409
    soup = soup_of(response)
    assert "Cuộc thăm dò đã kết thúc, không nhận thêm ý kiến." in text_of(soup.select_one("[role=alert]"))
    assert soup.select_one("form.poll-form") is None
    assert Vote.objects.count() == 1
    page = soup_of(client.get(f"/tham-do-y-kien/{poll.slug}/"))
    assert "Đã kết thúc" in page.text and page.select_one("figure.chart") is not None
    assert page.select_one("form.poll-form") is None


def test_a_poll_closes_at_its_time_even_before_the_job_runs(client, make_poll):
    poll = make_poll(closes=datetime.timedelta(hours=1))
    with freeze_time(timezone.now() + datetime.timedelta(hours=2)):
        assert vote(client, poll, option(poll, "Zalo")).status_code == 409
    assert not Vote.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1", "1.5"])
def test_missing_or_invalid_option(client, make_poll, value):
    poll = make_poll()
    response = vote(client, poll, value)
    assert response.status_code == 400
    message = text_of(soup_of(response).select_one("[role=alert]"))
    expected = "Hãy chọn một phương án" if value == "" else "Phương án đã chọn không có trong cuộc thăm dò này"
    assert expected in message
    assert not Vote.objects.exists()


def test_an_option_of_another_poll_is_refused(client, make_poll):
    poll = make_poll()
    other = make_poll("Câu hỏi khác?", options=("Có", "Không"))
    assert vote(client, poll, option(other, "Có")).status_code == 400
    assert not Vote.objects.exists()


def test_one_vote_per_poll_per_client_per_day(client, make_poll):
    poll = make_poll()
    other = make_poll("Câu hỏi khác?", options=("Có", "Không"))
    assert vote(client, poll, option(poll, "Zalo")).status_code == 302
    repeat = vote(client, poll, option(poll, "Facebook"))
    assert repeat.status_code == 429
    soup = soup_of(repeat)
    assert "Hôm nay bạn đã bình chọn cho câu hỏi này." in text_of(soup.select_one("[role=alert]"))
    assert soup.select_one("figure.chart") is not None  # the results, instead of the form
    assert vote(client, poll, option(poll, "Facebook"), ip="198.51.100.20").status_code == 302
    assert vote(client, other, option(other, "Có")).status_code == 302  # another poll
    with freeze_time(timezone.now() + datetime.timedelta(days=1)):
        assert vote(client, poll, option(poll, "Facebook")).status_code == 302
    assert Vote.objects.count() == 4


def test_honeypot_votes_wait_for_a_moderator(client, make_poll):
    poll = make_poll()
    response = vote(client, poll, option(poll, "Zalo"), website="http://spam.example")
    assert response.status_code == 302  # nothing tells a bot it was caught
    stored = Vote.objects.get()
    assert (stored.status, stored.flags) == (Status.PENDING, "honeypot")
    table = soup_of(client.get(response["Location"])).select_one("figure.chart tfoot")
    assert text_of(table) == "Tổng 0 –"


def test_votes_store_no_identity(client, make_poll):
    poll = make_poll()
    vote(client, poll, option(poll, "Zalo"))
    stored = Vote.objects.get()
    values = " ".join(str(getattr(stored, f.attname)) for f in Vote._meta.concrete_fields)
    assert "203.0.113.7" not in values
    assert {f.name for f in Vote._meta.concrete_fields} == {
        "id",
        "poll",
        "option",
        "status",
        "flags",
        "created_at",
        "moderated_at",
        "client_key",
    }


# --- Home page ------------------------------------------------------------------------------


def test_home_page_shows_the_current_poll_as_a_plain_form(client, home, make_poll):
    make_poll("Câu hỏi cũ hơn?", opens=datetime.timedelta(days=-5))
    poll = make_poll()
    make_poll("Không lên trang chủ?", show_on_home=False)
    response = client.get("/")
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html and "form_started" not in html
    assert "public" in response["Cache-Control"]  # the home page stays shareable
    panel = soup_of(response).select_one("aside .poll-panel")
    assert text_of(panel.select_one("legend")) == poll.question
    assert panel.select_one("form")["action"] == f"/tham-do-y-kien/{poll.slug}/binh-chon/"
    labels = [text_of(label) for label in panel.select("label.poll-option")]
    assert labels == ["Zalo", "Facebook", "Báo chí", "Người quen"]
    assert panel.select_one("input[name=website]") is not None


def test_home_page_without_an_open_poll(client, home, make_poll):
    make_poll(opens=datetime.timedelta(days=-9), closes=datetime.timedelta(days=-1))
    assert soup_of(client.get("/")).select_one(".poll-panel") is None


def test_a_vote_from_the_home_panel(client, home, make_poll):
    poll = make_poll()
    panel = soup_of(client.get("/")).select_one(".poll-panel form")
    choice = panel.select("input[name=option]")[2]["value"]
    response = client.post(panel["action"], {"option": choice, "website": ""}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert Vote.objects.get().option.label == "Báo chí"
    assert poll.votes.count() == 1


def test_votes_do_not_flush_the_page_cache(client, make_poll, page_store, committed):
    poll = make_poll()
    with committed():
        pass
    generation = page_store.generation()
    with committed():
        assert vote(client, poll, option(poll, "Zalo")).status_code == 302
    assert page_store.generation() == generation


def test_the_closing_job_renews_the_cached_home_page(client, home, make_poll, page_store, committed):
    poll = make_poll(closes=datetime.timedelta(hours=1))
    with committed():
        pass
    assert soup_of(client.get("/")).select_one(".poll-panel") is not None
    with committed():
        pass
    generation = page_store.generation()
    # Time passes: nothing is saved when the close time comes, so the cache alone would keep the form.
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with committed():
        assert services.polls_sync_state() == 1
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED
    assert page_store.generation() != generation
    assert soup_of(client.get("/")).select_one(".poll-panel") is None
    with committed():
        pass  # what rendering the page saved (site settings created on first use)
    generation = page_store.generation()
    with committed():
        assert services.polls_sync_state() == 0  # nothing changed: the cache is left alone
    assert page_store.generation() == generation


def test_the_job_opens_scheduled_polls(home, make_poll, client, committed):
    poll = make_poll(opens=datetime.timedelta(hours=1))
    assert poll.state == Poll.State.SCHEDULED
    Poll.objects.filter(pk=poll.pk).update(opens_at=timezone.now() - datetime.timedelta(minutes=1))
    assert soup_of(client.get("/")).select_one(".poll-panel") is None
    with committed():
        services.polls_sync_state()
    assert soup_of(client.get("/")).select_one(".poll-panel") is not None


def test_the_job_is_registered_with_the_scheduler():
    from toasoan.core import periodic

    assert "surveys.poll_states" in periodic._jobs


def test_closing_must_come_after_opening(make_poll):
    from django.core.exceptions import ValidationError

    poll = make_poll()
    poll.closes_at = poll.opens_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        poll.full_clean()
    assert error.value.message_dict["closes_at"] == ["Thời điểm kết thúc phải sau thời điểm mở."]


def test_through_the_page_cache_a_closed_poll_leaves_the_home_page(home, make_poll, page_store, committed):
    """The real stack: the cached home page holds the form until the job closes the poll."""
    from django.core.handlers.wsgi import WSGIHandler

    from toasoan.publishing import pagecache
    from toasoan.publishing.pagecache.app import PageCacheApp
    from toasoan.publishing.tests.wsgi_client import call

    app = PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)
    poll = make_poll(closes=datetime.timedelta(hours=1))
    with committed():
        pass
    call(app, "/")
    with committed():
        pass
    call(app, "/")  # stored under the live generation
    cached = call(app, "/")
    assert cached.headers["x-cache"] == "HIT" and poll.question in cached.text
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert call(app, "/").headers["x-cache"] == "HIT"  # time alone changes nothing in the cache...
    with committed():
        services.polls_sync_state()  # ...the job's save does
    fresh = call(app, "/")
    assert fresh.headers["x-cache"] == "MISS"
    assert poll.question not in fresh.text and "/binh-chon/" not in fresh.text
