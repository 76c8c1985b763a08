from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "toasoan.publishing"
    label = "publishing"
    verbose_name = "Xuất bản"

    def ready(self) -> None:
        from toasoan.core import periodic

        from . import invalidation
        from .jobs import maintain_page_cache, publish_scheduled_pages

        invalidation.connect()
        periodic.register("publish_scheduled", publish_scheduled_pages)
        periodic.register("page_cache", maintain_page_cache)
