from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "toasoan.surveys"
    label = "surveys"
    verbose_name = "Đánh giá và thăm dò ý kiến"

    def ready(self) -> None:
        from toasoan.core import demo, panels, periodic

        from .demo import load_demo
        from .jobs import sync_poll_states
        from .panels import home_poll_context

        panels.register(
            "surveys.home_poll",
            panels.Panel(slot="home_sidebar", template="surveys/panels/home_poll.html", context=home_poll_context),
        )
        periodic.register("surveys.poll_states", sync_poll_states)
        demo.register("khảo sát", load_demo, order=30)
        demo.register("menu: Đánh giá hài lòng", demo.menu_loader("Đánh giá hài lòng", "/danh-gia-hai-long/"), order=90)
