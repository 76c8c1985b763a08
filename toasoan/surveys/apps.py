from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "toasoan.surveys"
    label = "surveys"
    verbose_name = "Đánh giá và thăm dò ý kiến"
