from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "toasoan.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from toasoan.core import periodic

        from . import signals  # noqa: F401
        from .backends import follows_database
        from .follow import purge_changes
        from .sync import catch_up

        # Catch up anything a commit could not apply at once (another process held the writer);
        # a local index that follows the database does so on every server.
        periodic.register("search_sync", catch_up, per_server=follows_database)
        periodic.register("search_changes_purge", purge_changes)
