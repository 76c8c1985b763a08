from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "toasoan.stats"
    label = "stats"
    verbose_name = "Thống kê truy cập"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from toasoan.core import demo, panels, periodic
        from toasoan.publishing import pagecache

        from . import counting
        from .demo import load_demo
        from .jobs import ingest_nginx_log
        from .panels import footer_counter_context

        pagecache.register_wrapper(counting.wrap)
        pagecache.register_hit_listener(counting.hit_listener)
        panels.register(
            "stats.footer_counter",
            panels.Panel(slot="footer", template="stats/panels/footer_counter.html", context=footer_counter_context),
        )
        periodic.register("stats.nginx_log", ingest_nginx_log)
        demo.register("thống kê truy cập", load_demo, order=80)
        post_migrate.connect(_make_log_directory, sender=self, dispatch_uid="stats-log-directory")


def _make_log_directory(**kwargs) -> None:
    """nginx refuses to start when its log's directory is missing: bin/prepare migrates first."""
    from .counting import nginx_log_path

    try:
        nginx_log_path().parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only or foreign var directory: the operator creates it (docs/stats.md)
