from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "toasoan.procedures"
    label = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        from toasoan.core import demo as core_demo

        from . import api, search_registration  # noqa: F401
        from .demo import load_demo

        core_demo.register("thủ tục hành chính", load_demo, order=20)

        core_demo.register(
            "menu: Thủ tục hành chính", core_demo.menu_loader("Thủ tục hành chính", "/thu-tuc-hanh-chinh/"), order=90
        )
