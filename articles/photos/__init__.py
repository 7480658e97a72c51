"""The photo desk: one upload pipeline for every entry point, renditions made once and
kept in storage, the focal point that decides the crops, the readers' <picture> tags and
the admin's photo list (drop several files, reorder, caption, focal point).

- `pipeline`: accept JPEG, PNG, WebP and AVIF by content; refuse too many bytes or pixels
  before decoding; turn the photo upright, drop EXIF/XMP/GPS, name the master by chance.
- `renditions`: the widths and crops, written through `default_storage` (local disk in
  the quick start, the object store in production), listed in `Photo.renditions`.
- `forms`, `views`: the form of the admin's photo inline (`PhotoInline` in
  articles/admin.py) and the staging endpoint its drop zone sends each file to alone,
  so a set of large photos never makes one oversized request. Without JavaScript the
  inline is an ordinary one: a file field per row, order and focal point as numbers.
- `templatetags.photos`: `<picture>` with srcset/sizes, square thumbnails, the og:image.
- `cleanup`: a deleted photo's renditions leave storage with it.
"""
