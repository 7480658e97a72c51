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
    # A story's topics, unions or tags; `instance` is the story, or with reverse=True the
    # topic, union or tag whose stories changed (the set may hold a public one).
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


def own_kinds() -> dict:
    """The pages that show a kind of row besides the stories: the union pages and index,
    topic and strap pages, the e-paper, the figures."""
    from articles.models import Activity, Column, GiftLine, PageFile, PrintPage, Topic
    from unions.models import Facility, Official, Union

    return {
        Union: [tags.UNIONS],
        Official: [tags.UNIONS],
        Facility: [tags.UNIONS],
        Topic: [tags.TOPICS],
        Column: [tags.COLUMNS],
        PrintPage: [tags.PRINTPAGES],
        PageFile: [tags.PRINTPAGES],  # the page's image and PDF on the e-paper page
        Activity: [tags.FIGURES],
        GiftLine: [tags.FIGURES],
    }


def kinds_bumped_by(model) -> list[str]:
    """What a write to a row many stories print makes fresh: the pages showing its kind
    (story pages show them all: `tags.PAGE_KINDS`), or, if it has no kind of its own (a
    contributor, a tag), every page showing stories."""
    return own_kinds().get(model, [tags.STORIES])


def connect() -> None:
    from articles.models import STORY, Activity, Article

    receivers = {model: _kinds_changed(kinds) for model, kinds in own_kinds().items()}
    links = []
    # What a story prints beyond its own row is declared once (`articles.models.STORY`):
    # a part of one story (a credit, a photo) counts when that story is or was public; a
    # row many stories print, as `kinds_bumped_by` says; a story's links to such rows
    # are heard on their through table.
    for dependency in STORY.dependencies:
        model = dependency.model
        if dependency.is_part:
            receivers[model] = _part_of_article_changed
        else:
            receivers[model] = _kinds_changed(kinds_bumped_by(model))
        if dependency.fields[0].many_to_many:
            links.append(getattr(Article, dependency.hops[0]).through)

    for signal in (post_save, post_delete):
        _connect(signal, _article_changed, Article)
        for model, receiver in receivers.items():
            _connect(signal, receiver, model)
    for through in links:
        _connect(m2m_changed, _story_links_changed, through)
    _connect(m2m_changed, _activity_links_changed, Activity.articles.through)


# What connect() connected, for disconnect() (a test takes a dependency out of STORY).
_connected: list[tuple] = []


def _connect(signal, receiver, sender) -> None:
    uid = f"pagecache-{sender._meta.label_lower}"
    signal.connect(receiver, sender=sender, dispatch_uid=uid, weak=False)
    _connected.append((signal, sender, uid))


def disconnect() -> None:
    while _connected:
        signal, sender, uid = _connected.pop()
        signal.disconnect(sender=sender, dispatch_uid=uid)
