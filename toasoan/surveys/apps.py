from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "toasoan.surveys"
    label = "surveys"
    verbose_name = "Đánh giá và thăm dò ý kiến"

    def ready(self) -> None:
        from toasoan.core import demo, discovery, panels, periodic

        from .demo import load_demo
        from .jobs import sync_poll_states
        from .panels import home_poll_context

        panels.register(
            "surveys.home_poll",
            panels.Panel(slot="home_sidebar", template="surveys/panels/home_poll.html", context=home_poll_context),
        )
        periodic.register("surveys.poll_states", sync_poll_states)
        demo.register("khảo sát", load_demo, order=30)
        discovery.register(
            "surveys",
            discovery.named_urls(
                "surveys:rating_form",
                "surveys:rating_results",
                "surveys:poll_list",
                titles={
                    "surveys:rating_form": "Đánh giá sự hài lòng",
                    "surveys:rating_results": "Kết quả đánh giá sự hài lòng",
                    "surveys:poll_list": "Thăm dò ý kiến",
                },
            ),
        )
        demo.register("menu: Đánh giá hài lòng", demo.menu_loader("Đánh giá hài lòng", "/danh-gia-hai-long/"), order=90)
