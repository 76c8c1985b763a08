"""Signal receivers: thin wrappers around services."""

from .models import ConsultationIndexPage


def index_created(sender, instance: ConsultationIndexPage, created: bool = False, raw: bool = False, **kwargs) -> None:
    """However an index page is created (admin, demo, import), the moderators may draft under it."""
    if created and not raw:
        from .services import index_grant_moderator_permissions

        index_grant_moderator_permissions(index=instance)
