"""RSS feeds: the latest stories, a topic's, a union's (with everything below it).

Items come from `Article.objects.published()` like every other public list, and carry
the summary only: a feed reader opens the story on the site. An item's title is the
story's 主题 alone: a feed reader shows it as one line, where the 引题 and 副题 run into
it would read as one long headline.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.models import Article, Topic
from articles.templatetags.site import SITE_NAME
from unions.models import Union

FEED_ITEMS = 20


class StoryFeed(Feed):
    """What every feed says about a story."""

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline


class LatestStoriesFeed(StoryFeed):
    title = f"{SITE_NAME} · 最新报道"
    description = "工会新闻、送温暖、学习型组织等最新报道。"

    def link(self) -> str:
        return reverse("articles:front-page")

    def items(self):
        return Article.objects.published().with_byline()[:FEED_ITEMS]


class TopicFeed(StoryFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic) -> str:
        return f"{SITE_NAME} · {obj.name}"

    def description(self, obj: Topic) -> str:
        return obj.intro or f"“{obj.name}”专题的最新报道。"

    def link(self, obj: Topic) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Topic):
        return Article.objects.published().in_topic(obj).with_byline()[:FEED_ITEMS]


class UnionFeed(StoryFeed):
    def get_object(self, request, slug: str) -> Union:
        return get_object_or_404(Union, slug=slug)

    def title(self, obj: Union) -> str:
        return f"{SITE_NAME} · {obj.name}"

    def description(self, obj: Union) -> str:
        return f"关于{obj.name}及其下属工会的最新报道。"

    def link(self, obj: Union) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Union):
        return Article.objects.published().about_union(obj).with_byline()[:FEED_ITEMS]
