from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "toasoan.api"
    label = "api"
    verbose_name = "Dữ liệu mở"

    def ready(self) -> None:
        from toasoan.core import panels

        # Every page's footer links the open data page (/du-lieu-mo/).
        panels.register(
            "api.footer_link",
            panels.Panel(slot="footer", template="api/footer_panel.html", context=lambda request: {}, order=50),
        )
