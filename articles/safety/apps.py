from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "articles.safety"
    label = "safety"
    verbose_name = "安全与故障处理"
