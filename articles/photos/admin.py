"""The photos of a story in its admin page: thumbnails with the caption beside them, a
drop zone for several files at once, reordering, and the focal point set by a click.

Without JavaScript it is an ordinary inline: one file field per row, order and focal
point as numbers. static/photos/admin.js adds the drop zone (each file sent alone to the
staging endpoint, so a set of large photos never makes one oversized request), the
up/down buttons and the click on the picture.
"""

from django.contrib import admin

from articles.models import Photo
from articles.photos.forms import PhotoInlineForm
from articles.safety.admin import BoundedInlineMixin


class PhotoInline(BoundedInlineMixin, admin.TabularInline):
    model = Photo
    form = PhotoInlineForm
    max_num = 60
    extra = 1
    fields = ["image", "staged", "caption", "credit", "alt_text", "order", "focal_x", "focal_y"]
    template = "photos/admin/photo_inline.html"

    class Media:
        css = {"all": ["photos/admin.css"]}
        js = ["photos/admin.js"]
