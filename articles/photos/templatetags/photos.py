"""Photos in pages: `<picture>` with AVIF and WebP sources and a JPEG fallback, square
thumbnails, the og:image crop. Everything comes from `Photo.renditions`, read from the
photos the view prefetched: no query, no file touched, nothing generated.

A photo without renditions (restored from an old revision, or stored before the photo
desk) is shown from its master, which the pipeline already stripped and capped;
`manage.py make_renditions` makes what it lacks.
"""

from django import template
from django.core import signing
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.photos import renditions
from articles.photos.forms import unsign_staged

register = template.Library()

# The <source>s, best first; the <img> carries the JPEG every browser reads.
SOURCES = [(key, renditions.FORMATS[key][1]) for key in ("avif", "webp")]
# The JPEG in `src` for a browser that reads no srcset at all.
FALLBACK_WIDTH = 640


def _alt(photo, alt) -> str:
    return alt if alt is not None else (photo.alt_text or photo.caption)


def _class_attr(css_class) -> str:
    return format_html(' class="{}"', css_class) if css_class else ""


def _master_img(photo, alt, loading, css_class=""):
    if not photo.image:
        return ""
    return format_html(
        '<img src="{}"{} alt="{}"{} loading="{}" decoding="async">',
        photo.image.url,
        format_html(' width="{}" height="{}"', photo.width, photo.height)
        if photo.width and photo.height
        else "",
        _alt(photo, alt),
        _class_attr(css_class),
        loading,
    )


@register.simple_tag
def picture(photo, sizes="100vw", eager=False, alt=None, css_class=""):
    """The photo at every width, for the browser to pick by `sizes` and screen density.
    `eager` for the first photo a reader sees; the rest load lazily."""
    loading = "eager" if eager else "lazy"
    manifest = photo.renditions
    if not manifest:
        return _master_img(photo, alt, loading, css_class)
    widths = manifest["widths"]
    fallback = [w for w, _ in widths if w <= FALLBACK_WIDTH][-1]
    width, height = widths[-1]
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}'
        ' loading="{}"{} decoding="async"></picture>',
        format_html_join(
            "",
            '<source type="{}" srcset="{}" sizes="{}">',
            ((mime, renditions.srcset(manifest, ext), sizes) for ext, mime in SOURCES),
        ),
        renditions.url(renditions.width_name(manifest, fallback, "jpg")),
        renditions.srcset(manifest, "jpg"),
        sizes,
        width,
        height,
        _alt(photo, alt),
        _class_attr(css_class),
        loading,
        mark_safe(' fetchpriority="high"') if eager else "",
    )


@register.simple_tag
def square(photo, alt=None, css_class=""):
    """The square thumbnail around the focal point, 160 CSS pixels (320 on dense screens)."""
    manifest = photo.renditions
    if not manifest:
        return _master_img(photo, alt, "lazy", css_class)
    sides = manifest["squares"]
    side = sides[0]

    def srcset(ext):
        return ", ".join(
            f"{renditions.url(renditions.square_name(manifest, s, ext))} {s / side:g}x"
            for s in sides
        )

    return format_html(
        '<picture>{}<img src="{}" srcset="{}" width="{}" height="{}" alt="{}"{}'
        ' loading="lazy" decoding="async"></picture>',
        format_html_join(
            "", '<source type="{}" srcset="{}">', ((mime, srcset(ext)) for ext, mime in SOURCES)
        ),
        renditions.url(renditions.square_name(manifest, side, "jpg")),
        srcset("jpg"),
        side,
        side,
        _alt(photo, alt),
        _class_attr(css_class),
    )


@register.filter
def og_image(photo) -> str:
    """The 1200×630 share picture around the focal point (a path or URL), or ""."""
    if not photo:
        return ""
    if photo.renditions:
        return renditions.url(renditions.og_name(photo.renditions))
    return photo.image.url if photo.image else ""


@register.simple_tag
def desk_thumb(form) -> str:
    """The admin's picture of a photo row: its smallest rendition, or that of the photo
    the drop zone staged for it (a form posted back with an error elsewhere)."""
    manifest = form.instance.renditions if form.instance.pk else None
    token = form["staged"].value()
    if not manifest and token:
        try:
            manifest = unsign_staged(token)["r"]
        except (signing.BadSignature, KeyError, TypeError):
            manifest = None
    if manifest:
        return renditions.thumb_url(manifest)
    if form.instance.pk and form.instance.image:
        return form.instance.image.url
    return ""
