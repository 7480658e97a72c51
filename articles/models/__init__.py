"""The newsroom's content model, one module per concept:

- `topics`: Topic, Column;
- `stories`: PrintPage, PageImport, Article (with `published()`, the one visibility rule),
  Contributor, Credit, Photo;
- `activities`: Activity, GiftLine and the figures readers see;
- `epaper`: PageFile (a 版's PDF and its image), PageZone (where a story stands on it);
- `dependencies`: `STORY`, what a story prints and is found by beyond its own row (the
  one declaration search, the page cache and the story lists read).
"""

from articles.models.activities import (
    Activity,
    ActivityKind,
    ActivityQuerySet,
    GiftLine,
    GiftLineQuerySet,
    printed_quantity,
)
from articles.models.dependencies import STORY, Dependency
from articles.models.epaper import PageFile, PageZone, TextLayer
from articles.models.stories import (
    CHANGE_ANY_ARTICLE,
    CROSSHEAD,
    CROSSHEAD_MARK,
    PARAGRAPH,
    PUBLISH_ARTICLE,
    Article,
    ArticleKind,
    ArticleQuerySet,
    ArticleStatus,
    Contributor,
    Credit,
    CreditRole,
    PageImport,
    Photo,
    PrintPage,
    PrintPageQuerySet,
    body_blocks,
    count_chars,
    validate_photo_size,
)
from articles.models.topics import Column, ColumnQuerySet, Topic, TopicQuerySet

__all__ = [
    "CHANGE_ANY_ARTICLE",
    "CROSSHEAD",
    "CROSSHEAD_MARK",
    "PARAGRAPH",
    "PUBLISH_ARTICLE",
    "STORY",
    "Activity",
    "ActivityKind",
    "ActivityQuerySet",
    "Article",
    "ArticleKind",
    "ArticleQuerySet",
    "ArticleStatus",
    "Column",
    "ColumnQuerySet",
    "Contributor",
    "Credit",
    "CreditRole",
    "Dependency",
    "GiftLine",
    "GiftLineQuerySet",
    "PageFile",
    "PageImport",
    "PageZone",
    "Photo",
    "PrintPage",
    "PrintPageQuerySet",
    "TextLayer",
    "Topic",
    "TopicQuerySet",
    "body_blocks",
    "count_chars",
    "printed_quantity",
    "validate_photo_size",
]
