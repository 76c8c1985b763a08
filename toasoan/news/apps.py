from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "toasoan.news"
    label = "news"
    verbose_name = "Tin tức"

    def ready(self) -> None:
        from . import search_registration  # noqa: F401
