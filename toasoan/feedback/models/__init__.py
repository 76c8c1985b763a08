from .published import PublishedQuestion
from .reference import AnswerTemplate, Holiday
from .submission import (
    CODE_PREFIX,
    OPEN_STATUSES,
    AnswerState,
    Attachment,
    Kind,
    Note,
    Status,
    StatusEvent,
    Submission,
    TrackingLookup,
)

__all__ = [
    "CODE_PREFIX",
    "OPEN_STATUSES",
    "AnswerState",
    "AnswerTemplate",
    "Attachment",
    "Holiday",
    "Kind",
    "Note",
    "PublishedQuestion",
    "Status",
    "StatusEvent",
    "Submission",
    "TrackingLookup",
]
