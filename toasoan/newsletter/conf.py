"""Newsletter settings: defaults here, overridable with settings.TOASOAN_NEWSLETTER (a dict)."""

from django.conf import settings

DEFAULTS = {
    "CONFIRM_MAX_AGE_DAYS": 3,  # a confirmation link works this long
    "LIMIT_PER_IP_PER_HOUR": 10,  # subscribe requests (each sends a mail) from one address
    "LIMIT_PER_EMAIL_PER_HOUR": 3,  # confirmation mails to one mailbox: no mail-bombing through us
    "DIGEST_WEEKDAY": 0,  # Monday: last week's digest (Monday to Sunday) is sent on this day...
    "DIGEST_HOUR": 7,  # ...from this hour, local time
    "FORGET_AFTER_DAYS": 30,  # unconfirmed and unsubscribed addresses are erased after this
    "MAX_ARTICLES_PER_SECTION": 20,
}


def get(name: str):
    return getattr(settings, "TOASOAN_NEWSLETTER", {}).get(name, DEFAULTS[name])
