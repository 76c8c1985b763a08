from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "toasoan.publishing"
    label = "publishing"
    verbose_name = "Xuất bản"
