"""The photo desk: one upload pipeline for every entry point, renditions made once and
kept in storage, the focal point that decides the crops, the readers' <picture> tags and
the admin's photo list (drop several files, reorder, caption, focal point).

- `pipeline`: accept JPEG, PNG, WebP and AVIF by content; refuse too many bytes or pixels
  before decoding; turn the photo upright, drop EXIF/XMP/GPS, name the master by chance.
- `renditions`: the widths and crops, written through `default_storage` (local disk in
  the quick start, the object store in production), listed in `Photo.renditions`.
- `forms`, `admin`, `views`: the admin's photo inline and the one-file-per-request
  staging endpoint its drop zone uses.
- `templatetags.photos`: `<picture>` with srcset/sizes, square thumbnails, the og:image.
- `cleanup`: a deleted photo's renditions leave storage with it.
"""
