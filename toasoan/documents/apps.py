from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "toasoan.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from toasoan.core import demo as core_demo
        from toasoan.core import richtext

        from . import api, search_registration  # noqa: F401
        from .autolinks import link_references
        from .demo import load_demo

        richtext.register("documents.autolinks", link_references)
        core_demo.register("văn bản", load_demo, order=30)
        core_demo.register("menu: Văn bản", core_demo.menu_loader("Văn bản", "/van-ban/"), order=90)
