from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "toasoan.agency"
    label = "agency"
    verbose_name = "Giới thiệu cơ quan"

    def ready(self) -> None:
        from toasoan.core import demo

        from .demo import load_demo

        demo.register("giới thiệu cơ quan", load_demo, order=40)
        demo.register("menu: Giới thiệu", demo.menu_loader("Giới thiệu", "/gioi-thieu/"), order=90)
        demo.register("menu: Lịch công tác", demo.menu_loader("Lịch công tác", "/lich-cong-tac/"), order=90)
