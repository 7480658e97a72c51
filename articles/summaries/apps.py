from django.apps import AppConfig


class SummariesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.summaries"
    label = "summaries"
    verbose_name = "月度统计"
