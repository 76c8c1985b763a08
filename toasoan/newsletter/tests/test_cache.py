"""Subscriptions are high-churn rows no public page shows: subscribing, confirming, changing
sections, unsubscribing, erasing and sending the digest never empty the page cache."""

import datetime

import pytest

from toasoan.core import selectors as site_selectors
from toasoan.newsletter import services, tokens
from toasoan.newsletter.models import Subscriber
from toasoan.newsletter.periods import Period

pytestmark = pytest.mark.django_db(transaction=True)


def test_subscriber_lifecycle_keeps_the_page_cache(page_store, committed, section, other_section, make_article):
    make_article(section, "Bài trong tuần", date=datetime.date(2022, 1, 11))
    with committed():
        site_selectors.privacy_policy()  # creates the site's settings row once, as any first page view does
    with committed():
        generation = page_store.generation()
    with committed():
        services.subscribe(email="bo.dem@example.vn", section_ids=[section.pk], ip="192.0.2.1", base_url="http://x/")
    subscriber = Subscriber.objects.get()
    with committed():
        services.confirm(token=tokens.make(tokens.CONFIRM, subscriber.key, subscriber.consents.get().pk))
    with committed():
        services.sections_update(token=tokens.make(tokens.PREFERENCES, subscriber.key), section_ids=[other_section.pk])
        services.sections_update(token=tokens.make(tokens.PREFERENCES, subscriber.key), section_ids=[section.pk])
    with committed():
        services.digest_request(period=Period.week_of(datetime.date(2022, 1, 11)))
        services.digest_send(period=Period.week_of(datetime.date(2022, 1, 11)))
    with committed():
        services.unsubscribe(token=tokens.make(tokens.UNSUBSCRIBE, subscriber.key))
    with committed():
        services.forget_stale(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=60))
    assert not Subscriber.objects.exists()
    assert page_store.generation() == generation
