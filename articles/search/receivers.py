"""Renames and deletions of the rows stories name, heard where they happen.

Signal receivers, like the page cache's and for the same reason: a union, topic, tag,
strap or contributor is renamed from its own admin, a service, the page import or a
script, and a search must find the stories naming it by the new name, and not by the old
one, from the next request on. Which rows those are, and which of their fields a story's
document copies, is read from the one declaration (`articles.models.STORY`). The
receivers decide nothing but which stories; `index.reindex_stories` writes them, in the
transaction of the rename.

A story's own parts (credits, photos) are not heard here: they are saved with their
story, and every such save ends in the workflow's `record_revision`, which indexes it.
"""

from collections import defaultdict

from django.db import router
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from articles.models import STORY, Article, Dependency
from articles.search import index

# Kept on the instance between the pre_ and the post_ signal of one save or delete.
_BEFORE = "_search_names_before"
_NAMING = "_search_stories_naming"


def _named_by_model() -> dict[type, list[Dependency]]:
    named = defaultdict(list)
    for dependency in STORY.named():
        named[dependency.model].append(dependency)
    return named


def _fields(model) -> list[str]:
    fields = []
    for dependency in _named_by_model()[model]:
        fields += [name for name in dependency.search_fields if name not in fields]
    return fields


def _stories_naming(model, rows) -> list[int]:
    alias = router.db_for_write(Article)
    ids = set()
    for dependency in _named_by_model()[model]:
        stories = dependency.stories_reaching(rows).using(alias)
        ids.update(stories.values_list("pk", flat=True))
    return sorted(ids)


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    fields = _fields(sender)
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not set(fields).intersection(update_fields):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, _BEFORE, stored)


def _after_save(sender, instance, raw=False, **kwargs):
    stored = instance.__dict__.pop(_BEFORE, None)
    if stored is None:
        return
    if any(stored[name] != getattr(instance, name) for name in stored):
        index.reindex_stories(_stories_naming(sender, [instance]))


def _before_delete(sender, instance, **kwargs):
    setattr(instance, _NAMING, _stories_naming(sender, [instance]))


def _after_delete(sender, instance, **kwargs):
    # By now the stories' links to the row are gone (or their key set to NULL).
    index.reindex_stories(instance.__dict__.pop(_NAMING, []))


_SIGNALS = (
    (pre_save, _before_save),
    (post_save, _after_save),
    (pre_delete, _before_delete),
    (post_delete, _after_delete),
)


def connect() -> None:
    for model in _named_by_model():
        for signal, receiver in _SIGNALS:
            signal.connect(receiver, sender=model, dispatch_uid=f"search-{model._meta.label}")


def disconnect() -> None:
    """Undo `connect()` (a test takes a dependency out of the declaration)."""
    for model in _named_by_model():
        for signal, _receiver in _SIGNALS:
            signal.disconnect(sender=model, dispatch_uid=f"search-{model._meta.label}")
