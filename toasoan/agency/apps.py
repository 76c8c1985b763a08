from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "toasoan.agency"
    label = "agency"
    verbose_name = "Giới thiệu cơ quan"
