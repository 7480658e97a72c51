from django.apps import AppConfig


class ContributeConfig(AppConfig):
    name = "articles.contribute"
    label = "contribute"
    verbose_name = "通讯员投稿"
