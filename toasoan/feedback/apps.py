from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "toasoan.feedback"
    label = "feedback"
    verbose_name = "Phản ánh, kiến nghị và hỏi đáp"

    def ready(self) -> None:
        from toasoan.core import demo as core_demo
        from toasoan.core import discovery, panels, periodic

        from . import selectors, signals  # noqa: F401
        from .demo import load_demo
        from .services import periodic_cleanup

        core_demo.register("phản ánh, kiến nghị", load_demo, order=30)

        core_demo.register(
            "menu: Phản ánh, kiến nghị", core_demo.menu_loader("Phản ánh, kiến nghị", "/phan-anh-kien-nghi/"), order=90
        )

        core_demo.register("menu: Hỏi đáp", core_demo.menu_loader("Hỏi đáp", "/hoi-dap/"), order=90)
        periodic.register("feedback.cleanup", periodic_cleanup)
        discovery.register(
            "feedback",
            discovery.named_urls(
                "feedback:submit",
                "feedback:qa_list",
                titles={"feedback:submit": "Gửi phản ánh, kiến nghị", "feedback:qa_list": "Hỏi đáp"},
            ),
        )
        discovery.register("feedback.qa", selectors.sitemap_entries)
        panels.register(
            "feedback",
            panels.Panel(slot="home_sidebar", template="feedback/panel.html", context=lambda request: {}, order=40),
        )
