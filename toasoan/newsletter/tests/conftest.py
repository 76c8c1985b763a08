"""Fixtures for newsletter tests: posting the public form the way a browser does, running the
durable task queue like db_worker, reading links out of the mails, and confirmed subscribers."""

import re

import pytest
from django.core import mail

from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD, form_token
from toasoan.newsletter import services, tokens
from toasoan.newsletter.models import Subscriber

CLIENT_IP = "203.0.113.7"
ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def newsletter_settings(settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 0
    settings.TOASOAN_NEWSLETTER = {}
    return settings


@pytest.fixture
def subscribe_post(client):
    """subscribe_post(email=..., sections=[...], consent="on", ip=..., **extra) -> response."""

    def post(ip: str = CLIENT_IP, origin: str | None = ORIGIN, **fields):
        data = {"email": "ban.doc@example.vn", "consent": "on", STARTED_FIELD: form_token(), HONEYPOT_FIELD: ""}
        data.update(fields)
        data = {key: value for key, value in data.items() if value is not None}
        headers = {"HTTP_ORIGIN": origin} if origin else {}
        return client.post("/ban-tin/dang-ky/", data, REMOTE_ADDR=ip, **headers)

    return post


def link_in(message, name: str) -> str:
    """The path of the /ban-tin/<name>/<token>/ link in a mail's plain-text body."""
    match = re.search(rf"https?://[^/\s]+(/ban-tin/{name}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def confirmed(db):
    """confirmed(email, sections) -> a confirmed subscriber, made through the services."""

    def make(email: str, sections) -> Subscriber:
        services.subscribe(email=email, section_ids=[s.pk for s in sections], ip="198.51.100.1", base_url="http://x/")
        subscriber = Subscriber.objects.get(email=email)
        consent = subscriber.consents.latest("created_at")
        services.confirm(token=tokens.make(tokens.CONFIRM, subscriber.key, consent.pk))
        subscriber.refresh_from_db()
        mail.outbox.clear()
        return subscriber

    return make
