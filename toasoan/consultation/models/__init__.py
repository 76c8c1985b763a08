from .comments import Comment, CommentStatus, PublishedComment
from .pages import ConsultationDocument, ConsultationIndexPage, ConsultationPage, ConsultationStatus

__all__ = [
    "Comment",
    "CommentStatus",
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "PublishedComment",
]
