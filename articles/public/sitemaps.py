"""sitemap.xml: an index of sections, each paginated so a 100k-story archive never has
to be written into one response."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from articles.models import Article, Column, PrintPage, Topic
from unions.models import Union

# Well under the protocol's 50,000: one section page stays quick to build.
URLS_PER_SITEMAP = 5000


class ArticleSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def items(self):
        return Article.objects.published().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, item: Article):
        return item.updated_at

    def get_latest_lastmod(self):
        # The default loads every story to take the max of their lastmod in Python:
        # 100,000 rows for one date in sitemap.xml (bench/public_pages.py).
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.public().order_by("pk")


class ColumnSitemap(Sitemap):
    def items(self):
        return Column.objects.public().order_by("pk")


class UnionSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def items(self):
        return Union.objects.order_by("pk").only("pk", "slug")


class PrintPageSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def items(self):
        return PrintPage.objects.public().order_by("pk")


class SectionSitemap(Sitemap):
    """The fixed landing pages."""

    def items(self) -> list[str]:
        return [
            "articles:front-page",
            "articles:epaper-latest",
            "articles:epaper-back-issues",
            "articles:archive-index",
            "unions:union-index",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "columns": ColumnSitemap,
    "unions": UnionSitemap,
    "epaper": PrintPageSitemap,
}
