from django.apps import AppConfig


class CopydeskConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.copydesk"
    label = "copydesk"
    verbose_name = "校对"
