from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "toasoan.trust"
    label = "trust"
    verbose_name = "An toàn thông tin"
