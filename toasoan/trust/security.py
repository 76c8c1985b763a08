"""The published security contact point (trust-badge requirement): /.well-known/security.txt
(RFC 9116) and a Vietnamese page saying how to report a vulnerability or an incident."""

import datetime

from django.utils import timezone

# RFC 9116 asks for an Expires less than a year ahead; the file is rendered on request, so it
# always points ~half a year ahead and never goes stale.
EXPIRES_AFTER = datetime.timedelta(days=180)


def security_txt(*, contact_email: str, contact_page_url: str, canonical_url: str, now=None) -> str:
    """The security.txt body: fields in RFC 9116's format, one per line, CRLF-free."""
    now = now or timezone.now()
    expires = (now + EXPIRES_AFTER).astimezone(datetime.UTC).replace(microsecond=0)
    lines = []
    if contact_email:
        lines.append(f"Contact: mailto:{contact_email}")
    lines += [
        f"Contact: {contact_page_url}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: vi, en",
        f"Canonical: {canonical_url}",
        f"Policy: {contact_page_url}",
    ]
    return "\n".join(lines) + "\n"
