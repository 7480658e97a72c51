"""A deleted photo takes its renditions out of storage, whichever room deleted it.

A signal receiver on purpose, like the page cache's (articles/pagecache/invalidation.py):
photos are deleted by the admin's inline, by a cascade from their story and by a revision
being restored (articles/workflow/snapshots.py), and the files must go in every case.
It acts on commit, so a rolled-back delete leaves the files its row still lists.

The master stays: a revision restored later points at it again (and `make_renditions`
makes that photo's renditions anew).
"""

from django.db import transaction
from django.db.models.signals import post_delete

from articles.photos import renditions


def _photo_deleted(sender, instance, **kwargs) -> None:
    names = renditions.all_names(instance.renditions or {})
    if names:
        transaction.on_commit(lambda: renditions.delete(names))


def connect() -> None:
    from articles.models import Photo

    post_delete.connect(_photo_deleted, sender=Photo, dispatch_uid="photos-renditions")
