"""Which writes make which pages fresh, after the write is committed.

Signal receivers on purpose, and only here: every room writes content (the admin, the
workflow, the page import, the union tree, which must not import the readers' site), and
the cache has to hear of all of them, including writes from a console. The receivers
decide nothing but which kinds changed; they act on commit, so a rolled-back write never
empties the cache and a reader never caches a page from before the commit.

Drafts do not touch the cache: a story's save counts only when it is or was public.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.pagecache import tags


def on_commit_bump(kinds) -> None:
    transaction.on_commit(lambda: tags.bump(kinds))


def _story_seen(article) -> bool:
    """A story readers can see, will see at its time, or could until this write: a
    scheduled story's save counts too, so no page outlives its time (`schedule`)."""
    return article.is_signed_off


def _reports_activities(article) -> bool:
    return article.activities.through.objects.filter(article_id=article.pk).exists()


def _article_changed(sender, instance, **kwargs):
    # Figures count the activities told in public stories: publishing, withdrawing or
    # deleting a story that tells one changes them (`rollups`). Other stories leave the
    # figures cached. A deleted story's links are gone by post_delete: figures then too.
    if _story_seen(instance):
        deleted = kwargs.get("signal") is post_delete
        if deleted or _reports_activities(instance):
            on_commit_bump([tags.STORIES, tags.FIGURES])
        else:
            on_commit_bump([tags.STORIES])


def _part_of_article_changed(sender, instance, **kwargs):
    # Credits and photos: the byline and the pictures of a story.
    article = getattr(instance, "article", None)
    if article is not None and _story_seen(article):
        on_commit_bump([tags.STORIES])


LINK_ACTIONS = ("post_add", "post_remove", "post_clear")


def _story_links_changed(sender, instance, action, **kwargs):
    # A story's topics or unions; `instance` is the story, or with reverse=True the
    # topic or union whose stories changed (the set may hold a public one).
    # A topic's figures count the activities its stories tell: figures too.
    if action in LINK_ACTIONS and (kwargs.get("reverse") or _story_seen(instance)):
        on_commit_bump([tags.STORIES, tags.FIGURES])


def _activity_links_changed(sender, action, **kwargs):
    # Which stories report an activity decides whether its figures count.
    if action in LINK_ACTIONS:
        on_commit_bump([tags.FIGURES])


def _kinds_changed(kinds):
    def receiver(sender, **kwargs):
        on_commit_bump(kinds)

    return receiver


def connect() -> None:
    from articles.models import (
        Activity,
        Article,
        Column,
        Credit,
        GiftLine,
        Photo,
        PrintPage,
        Topic,
    )
    from unions.models import Facility, Official, Union

    for signal in (post_save, post_delete):
        signal.connect(_article_changed, sender=Article, dispatch_uid="pagecache-article")
        for model in (Credit, Photo):
            signal.connect(
                _part_of_article_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}"
            )
        for model, kinds in (
            (Union, [tags.UNIONS]),
            (Official, [tags.UNIONS]),
            (Facility, [tags.UNIONS]),
            (Topic, [tags.TOPICS]),
            (Column, [tags.COLUMNS]),
            (PrintPage, [tags.PRINTPAGES]),
            (Activity, [tags.FIGURES]),
            (GiftLine, [tags.FIGURES]),
        ):
            signal.connect(
                _kinds_changed(kinds),
                sender=model,
                dispatch_uid=f"pagecache-{model.__name__}",
                weak=False,
            )
    for through in (Article.topics.through, Article.unions.through):
        m2m_changed.connect(
            _story_links_changed, sender=through, dispatch_uid=f"pagecache-{through}"
        )
    m2m_changed.connect(
        _activity_links_changed,
        sender=Activity.articles.through,
        dispatch_uid="pagecache-activity-articles",
    )
