from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "articles.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self) -> None:
        from articles.pagecache import invalidation

        invalidation.connect()
