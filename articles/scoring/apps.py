from django.apps import AppConfig


class ScoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.scoring"
    label = "scoring"
    verbose_name = "宣传信息考核"
