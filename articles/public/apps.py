from django.apps import AppConfig


class PublicSiteConfig(AppConfig):
    name = "articles.public"
    label = "public"
    verbose_name = "读者网站"
