from django.apps import AppConfig


class PageImportConfig(AppConfig):
    name = "articles.pageimport"
    label = "pageimport"
    verbose_name = "版面导入"
