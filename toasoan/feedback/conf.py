"""Feedback settings, with defaults an operator may override in settings.TOASOAN_FEEDBACK (a dict)."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Working days the agency has to answer (Luật Tiếp công dân / Nghị định 20/2008: 15 working days).
    "DEADLINE_WORKING_DAYS": 15,
    # Attachments: allowed kinds are checked by content (magic bytes), never by the file name.
    "MAX_FILES": 5,
    "MAX_FILE_BYTES": 5 * 1024 * 1024,
    "MAX_TOTAL_BYTES": 15 * 1024 * 1024,
    # Field lengths (characters).
    "MAX_NAME": 100,
    "MAX_SUBJECT": 200,
    "MAX_CONTENT": 5000,
    # Rate limits per hour, counted on stored submissions by keyed hash. Past the soft limit a
    # submission is kept and goes to moderation; past the hard limit it is refused.
    "SOFT_LIMIT_PER_IP": 5,
    "HARD_LIMIT_PER_IP": 20,
    "SOFT_LIMIT_PER_EMAIL": 3,
    "HARD_LIMIT_PER_EMAIL": 20,
    # Near duplicates are looked for among the most recent submissions of the last day.
    "DUPLICATE_WINDOW_HOURS": 24,
    "DUPLICATE_CANDIDATES": 200,
    # Tracking-code lookups: unknown codes allowed per IP per hour (stops enumeration).
    "LOOKUP_MISSES_PER_HOUR": 20,
    # Files written by requests that never committed are removed after this many seconds.
    "ORPHAN_GRACE_SECONDS": 3600,
}


def get(name: str) -> Any:
    return {**DEFAULTS, **getattr(settings, "TOASOAN_FEEDBACK", {})}[name]


def private_media_root() -> str:
    return str(getattr(settings, "TOASOAN_PRIVATE_MEDIA_ROOT", settings.VAR_DIR / "private"))
