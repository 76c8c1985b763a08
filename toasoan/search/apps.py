from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "toasoan.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from toasoan.core import periodic

        from . import signals  # noqa: F401
        from .sync import sync_engine

        # Catch up anything a commit could not apply at once (another process held the writer).
        periodic.register("search_sync", sync_engine)
