from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "toasoan.news"
    label = "news"
    verbose_name = "Tin tức"

    def ready(self) -> None:
        from toasoan.core import demo as core_demo

        from . import api, search_registration  # noqa: F401
        from .demo import load_demo

        core_demo.register("tin tức", load_demo, order=0)
