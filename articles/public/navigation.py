"""The featured topics (送温暖, 学习型组织): the header of every page links to them, the
front page gives each a block. Kept between requests until a topic changes."""

from articles.models import Topic
from articles.pagecache import rollups, tags


def nav_topics() -> list[Topic]:
    """The featured topics, for the header's links."""
    return rollups.cached("nav-topics", (tags.TOPICS,), lambda: list(Topic.objects.featured()))


def featured_topics() -> list[Topic]:
    """The featured topics with their sub-topics prefetched, for the front page's blocks."""
    return rollups.cached(
        "featured-topics",
        (tags.TOPICS,),
        lambda: list(Topic.objects.featured().prefetch_related("children")),
    )
