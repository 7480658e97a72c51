"""Keeping a photo's renditions in step with its master and focal point.

`prepare` runs before the photo row is saved (the admin form, the staging endpoint): it
writes the new files and sets `photo.renditions`; the files it replaces are deleted once
the transaction commits (a rolled-back save keeps the renditions its row still lists).
"""

from django.db import transaction

from articles.models import Photo
from articles.photos import renditions
from articles.photos.pipeline import CleanPhoto


def prepare(photo: Photo, clean: CleanPhoto | None = None) -> None:
    """Make what `photo` is missing: everything for a new master (`clean`, in memory) or
    a photo without renditions, only the crops for a moved focal point."""
    old = photo.renditions or {}
    focus = (photo.focal_x, photo.focal_y)
    if clean is not None:
        photo.renditions = renditions.render(clean.image, focus)
        discard_on_commit(renditions.all_names(old))
    elif not renditions.is_current(old):
        if photo.image:
            photo.renditions = renditions.render(renditions.open_master(photo.image.name), focus)
            discard_on_commit(renditions.all_names(old))
    elif old.get("focus") != list(focus):
        working = renditions.open_master(photo.image.name)
        photo.renditions = renditions.render_crops(working, old, focus)
        discard_on_commit(renditions.crop_names(old))


def store(photo: Photo, clean: CleanPhoto) -> Photo:
    """Save `photo` with `clean` as its master and the renditions made from it."""
    photo.image = clean.master
    prepare(photo, clean)
    photo.save()
    return photo


def discard_on_commit(names: list[str]) -> None:
    if names:
        transaction.on_commit(lambda: renditions.delete(names))


def refresh(photo: Photo) -> bool:
    """Make the renditions a saved photo lacks (`make_renditions`); True if it had none."""
    missing = not renditions.is_current(photo.renditions)
    if missing and photo.image:
        with transaction.atomic():
            prepare(photo)
            photo.save(update_fields=["renditions"])
    return missing
