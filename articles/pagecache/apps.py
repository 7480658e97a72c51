import logging

from django.apps import AppConfig
from django.conf import settings


class PageCacheConfig(AppConfig):
    name = "articles.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self) -> None:
        from articles.pagecache import invalidation

        invalidation.connect()
        backend = settings.CACHES["default"]["BACKEND"]
        if not settings.DEBUG and backend.endswith("FileBasedCache"):
            # Shared by this machine's processes only: a second app server would keep
            # pages the first one's writes never refresh.
            logging.getLogger("articles.pagecache").warning(
                "page cache: kept in files on this machine (%s); with app servers on "
                "more than one machine set REDIS_URL, or pages go stale on the others",
                settings.CACHES["default"]["LOCATION"],
            )
