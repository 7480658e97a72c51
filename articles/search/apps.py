from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "articles.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from articles.search import receivers

        receivers.connect()
