"""A deleted photo takes its renditions out of storage, whichever room deleted it.

A signal receiver on purpose, like the page cache's (articles/pagecache/invalidation.py):
photos are deleted by the admin's inline, by a cascade from their story and by a revision
being restored (articles/workflow/snapshots.py), and the files must go in every case.
It acts on commit, so a rolled-back delete leaves the files its row still lists.

The master stays: a revision restored later points at it again (and `make_renditions`
makes that photo's renditions anew).
"""

from django.db.models.signals import post_delete

from articles.photos import renditions, services


def _photo_deleted(sender, instance, **kwargs) -> None:
    services.discard_on_commit(renditions.all_names(instance.renditions))


def connect() -> None:
    from articles.models import Photo

    post_delete.connect(_photo_deleted, sender=Photo, dispatch_uid="photos-renditions")
