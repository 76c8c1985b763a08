from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "toasoan.documents"
    label = "documents"
    verbose_name = "Văn bản"
