from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "toasoan.consultation"
    label = "consultation"
    verbose_name = "Lấy ý kiến dự thảo"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from toasoan.core import demo, periodic

        from . import search_registration  # noqa: F401
        from .demo import load_demo
        from .models import ConsultationIndexPage
        from .services import consultation_statuses_refresh
        from .signals import index_created

        demo.register("lấy ý kiến dự thảo", load_demo, order=20)

        demo.register(
            "menu: Lấy ý kiến dự thảo", demo.menu_loader("Lấy ý kiến dự thảo", "/lay-y-kien-du-thao/"), order=90
        )
        periodic.register("consultation_status", consultation_statuses_refresh)
        post_save.connect(index_created, sender=ConsultationIndexPage, dispatch_uid="consultation-index-created")
