from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "toasoan.newsletter"
    label = "newsletter"
    verbose_name = "Bản tin"
