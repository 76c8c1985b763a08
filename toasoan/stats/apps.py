from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "toasoan.stats"
    label = "stats"
    verbose_name = "Thống kê truy cập"
