from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "toasoan.api"
    label = "api"
    verbose_name = "Dữ liệu mở"
