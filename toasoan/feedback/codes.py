"""Tracking codes: short, unguessable, easy to read on a phone and to spell over the phone.

"PA-7K3M-Q9TX": a prefix for the kind, then 8 characters from an alphabet without 0/O and 1/I
(40 bits of randomness; lookups are rate limited, so guessing one is hopeless)."""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIXES = ("PA", "KN", "HD")
_CODE = re.compile(rf"^({'|'.join(PREFIXES)})-([{ALPHABET}]{{4}})-([{ALPHABET}]{{4}})$")


def new_code(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def normalise(raw: str) -> str | None:
    """The canonical code for what a citizen typed ("pa 7k3m q9tx", "PA7K3MQ9TX"), or None."""
    compact = re.sub(r"[\s\-_.]", "", raw or "").upper()
    if len(compact) != 10:
        return None
    candidate = f"{compact[:2]}-{compact[2:6]}-{compact[6:]}"
    return candidate if _CODE.match(candidate) else None
