from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "toasoan.publishing"
    label = "publishing"
    verbose_name = "Xuất bản"

    def ready(self) -> None:
        from toasoan.core import periodic

        from .jobs import publish_scheduled_pages

        periodic.register("publish_scheduled", publish_scheduled_pages)
