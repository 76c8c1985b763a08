from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "toasoan.consultation"
    label = "consultation"
    verbose_name = "Lấy ý kiến dự thảo"
