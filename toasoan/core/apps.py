from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "toasoan.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from . import demo, discovery, panels, periodic
        from .demo_content import load_demo
        from .taskqueue import move_database_tasks_to_redis

        # With REDIS_URL: tasks the database queue holds (Redis was down at their commit) go to Redis.
        periodic.register("tasks.database_to_redis", move_database_tasks_to_redis)

        demo.register("trang nội dung", load_demo, order=5)
        # In sitemap.xml; no title, so the human site map does not list itself.
        discovery.register("core", discovery.named_urls("core:site_map"))
        panels.register(
            "core.discovery",
            panels.Panel(
                slot="footer", template="core/includes/footer_discovery.html", context=discovery.footer_links, order=90
            ),
        )
