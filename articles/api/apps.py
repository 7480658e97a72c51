from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "articles.api"
    label = "api"
    verbose_name = "内容接口"
