"""The newsletter's mails: plain text and HTML, in Vietnamese, each with a signed unsubscribe link
and the List-Unsubscribe / List-Unsubscribe-Post headers of RFC 8058 (one-click unsubscribe)."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse

from toasoan.core import selectors as site_selectors

from . import conf, selectors, tokens
from .models import ConsentRecord, Subscriber
from .selectors import DigestContent


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def links(subscriber: Subscriber, base_url: str) -> dict[str, str]:
    base = base_url.rstrip("/")
    return {
        "unsubscribe": base + reverse("newsletter:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber.key)]),
        "preferences": base + reverse("newsletter:preferences", args=[tokens.make(tokens.PREFERENCES, subscriber.key)]),
        "archive": base + _archive_path(),
    }


def _archive_path() -> str:
    page = selectors.archive_page()
    return (page.url if page else None) or reverse("newsletter:subscribe")


def unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _render(name: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"newsletter/emails/{name}.txt", context).strip() + "\n"
    html = render_to_string(f"newsletter/emails/{name}.html", context)
    return text, html


def confirmation(subscriber: Subscriber, consent: ConsentRecord, base_url: str) -> Mail:
    urls = links(subscriber, base_url)
    confirm_url = base_url.rstrip("/") + reverse(
        "newsletter:confirm", args=[tokens.make(tokens.CONFIRM, subscriber.key, consent.pk)]
    )
    context = {
        "confirm_url": confirm_url,
        "links": urls,
        "sections": list(selectors.sections_by_id(consent.section_ids)),
        "agency_name": site_selectors.agency_name(),
        "max_age_days": conf.get("CONFIRM_MAX_AGE_DAYS"),
    }
    text, html = _render("confirm", context)
    return Mail("Xác nhận đăng ký nhận bản tin", text, html, unsubscribe_headers(urls["unsubscribe"]))


def digest(subscriber: Subscriber | None, content: DigestContent, base_url: str) -> Mail:
    """The digest for one subscriber (None: the admin preview, with placeholder links)."""
    urls = links(subscriber, base_url) if subscriber else {"unsubscribe": "#", "preferences": "#", "archive": "#"}
    context = {
        "content": content,
        "period": content.period,
        "links": urls,
        "base_url": base_url.rstrip("/"),
        "agency_name": site_selectors.agency_name(),
    }
    text, html = _render("digest", context)
    subject = f"Bản tin tuần {content.period.label}"
    return Mail(subject, text, html, unsubscribe_headers(urls["unsubscribe"]) if subscriber else {})
