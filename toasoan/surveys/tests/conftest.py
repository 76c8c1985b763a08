"""Fixtures for the surveys tests: units, procedure pages (found by content type, as the app does),
polls, and helpers that post forms the way a browser does."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from toasoan.core.abuse import form_token
from toasoan.surveys.models import Poll, PollOption, RatingUnit
from toasoan.surveys.selectors import PROCEDURE_CONTENT_TYPE

CLIENT_IP = "203.0.113.7"


@pytest.fixture(autouse=True)
def no_minimum_fill_time(settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 0


@pytest.fixture
def units(db) -> dict[str, RatingUnit]:
    return {
        "one_stop": RatingUnit.objects.create(
            name="Bộ phận Tiếp nhận và Trả kết quả", service_name="Tiếp nhận hồ sơ", sort_order=1
        ),
        "specialist": RatingUnit.objects.create(name="Phòng Quản lý chuyên ngành", sort_order=2),
        "closed": RatingUnit.objects.create(name="Phòng đã giải thể", is_active=False, sort_order=3),
    }


@pytest.fixture
def make_procedure(home):
    """A live page of the procedures app's content type, without importing that app."""
    content_type, _ = ContentType.objects.get_or_create(
        app_label=PROCEDURE_CONTENT_TYPE[0], model=PROCEDURE_CONTENT_TYPE[1]
    )

    def make(title: str, live: bool = True) -> Page:
        from toasoan.core.vietnamese import slugify

        page = Page(title=title, slug=slugify(title), content_type=content_type, live=live)
        home.add_child(instance=page)
        return page

    return make


@pytest.fixture
def rating_post(client):
    """rating_post(target=..., level=..., comment=..., **extra) -> response (as a browser posts it)."""

    def post(ip: str = CLIENT_IP, **fields):
        data = {"comment": "", "form_started": form_token(), "website": "", **fields}
        return client.post("/danh-gia-hai-long/", {k: v for k, v in data.items() if v is not None}, REMOTE_ADDR=ip)

    return post


@pytest.fixture
def make_poll(db):
    def make(
        question: str = "Bạn biết đến Cổng thông tin của Sở qua kênh nào?",
        options=("Zalo", "Facebook", "Báo chí", "Người quen"),
        opens: datetime.timedelta = datetime.timedelta(days=-1),
        closes: datetime.timedelta = datetime.timedelta(days=30),
        **fields,
    ) -> Poll:
        now = timezone.now()
        poll = Poll.objects.create(question=question, opens_at=now + opens, closes_at=now + closes, **fields)
        for order, label in enumerate(options):
            PollOption.objects.create(poll=poll, label=label, sort_order=order)
        return poll

    return make
