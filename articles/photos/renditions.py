"""Renditions: made once, when a photo is saved, and kept in storage; never on a
reader's request.

A photo's renditions live under `photos/r/<key>/`, where the key is random per master:

- widths 320, 640, 960 and 1280 (no wider than the master) in AVIF, WebP and JPEG, for
  `<picture>` with srcset/sizes: `640w.webp`;
- crops around the focal point: the 1200×630 og:image for WeChat and other share cards
  (`og-<x>-<y>.jpg`), and the square thumbnails of lists (`sq160-<x>-<y>.webp`).
  A new focal point gives new names, so no cache in front can keep a stale crop.

Everything goes through `default_storage` (names, `save`, `delete`, `url`, `open`), never
a file path: the production profile puts media on an S3-compatible object store.
What was made is recorded in `Photo.renditions` (a small dict, `manifest` below), which
reader pages read from the photos they already prefetch: no query of its own.
"""

import io
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

WIDTHS = (320, 640, 960, 1280)
SQUARES = (160, 320)  # list thumbnails are 160 CSS px; 320 for screens of density 2
OG_SIZE = (1200, 630)
# Format key → Pillow format, MIME type, encoder options. AVIF at speed 8: the default
# speed 6 takes ~5× longer for files within a few percent of the same size.
FORMATS = {
    "avif": ("AVIF", "image/avif", {"quality": 52, "speed": 8}),
    "webp": ("WEBP", "image/webp", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 80, "optimize": True, "progressive": True}),
}
FOLDER = "photos/r"
VERSION = 1


def widths_for(width: int) -> list[int]:
    """The rendition widths of a master `width` pixels wide (never enlarged)."""
    chosen = [w for w in WIDTHS if w < width]
    chosen.append(min(width, WIDTHS[-1]))
    return sorted(set(chosen))


def crop_box(size, aspect: float, focus) -> tuple[int, int, int, int]:
    """The largest box of `aspect` (width/height) inside `size`, centred on the focal
    point (percentages) as far as the frame allows."""
    width, height = size
    if width / height > aspect:
        box_w, box_h = max(1, round(height * aspect)), height
    else:
        box_w, box_h = width, max(1, round(width / aspect))
    centre_x, centre_y = focus[0] / 100 * width, focus[1] / 100 * height
    left = round(min(max(centre_x - box_w / 2, 0), width - box_w))
    top = round(min(max(centre_y - box_h / 2, 0), height - box_h))
    return left, top, left + box_w, top + box_h


# --- Names --------------------------------------------------------------------------


def width_name(manifest: dict, width: int, ext: str) -> str:
    return f"{FOLDER}/{manifest['key']}/{width}w.{ext}"


def square_name(manifest: dict, side: int, ext: str) -> str:
    x, y = manifest["focus"]
    return f"{FOLDER}/{manifest['key']}/sq{side}-{x}-{y}.{ext}"


def og_name(manifest: dict) -> str:
    x, y = manifest["focus"]
    return f"{FOLDER}/{manifest['key']}/og-{x}-{y}.jpg"


def width_names(manifest: dict) -> list[str]:
    return [width_name(manifest, w, ext) for w, _ in manifest["widths"] for ext in FORMATS]


def crop_names(manifest: dict) -> list[str]:
    squares = [square_name(manifest, s, ext) for s in manifest["squares"] for ext in FORMATS]
    return [*squares, og_name(manifest)]


def is_current(manifest: dict | None) -> bool:
    """Whether `manifest` lists renditions made by this version of `render`."""
    return bool(manifest) and manifest.get("v") == VERSION


def all_names(manifest: dict | None) -> list[str]:
    if not manifest:
        return []
    return width_names(manifest) + crop_names(manifest)


# --- Making them ----------------------------------------------------------------------


def render(
    image: Image.Image, focus: tuple[int, int], *, squares: bool = True, speed: int | None = None
) -> dict:
    """Every rendition of an upright RGB/RGBA picture; returns the new manifest.

    A printed page's image (articles/pageimport/pdf/images.py) has no use for square
    thumbnails, and its AVIFs are made at `speed` 9: a page of type encodes four times
    faster for files some 8% larger (bench/epaper.py)."""
    manifest = {
        "v": VERSION,
        "key": secrets.token_hex(12),
        "size": list(image.size),
        "alpha": image.mode == "RGBA",
        "widths": [],
    }
    # From the widest down, each from the one before: far cheaper than resizing the full
    # master four times, and as sharp (each step at most halves the width). The crops
    # come from the widest too: none of them is wider than it.
    widest = source = working_copy(image)
    for width in reversed(widths_for(image.width)):
        height = max(1, round(image.height * width / image.width))
        if source.size != (width, height):
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for ext in FORMATS:
            _write(width_name(manifest, width, ext), source, ext, speed=speed)
        manifest["widths"].insert(0, [width, height])
    return render_crops(widest, manifest, focus, squares=squares)


def working_copy(image: Image.Image) -> Image.Image:
    """The picture at the widest rendition's size (the master itself if narrower)."""
    if image.width <= WIDTHS[-1]:
        return image
    height = max(1, round(image.height * WIDTHS[-1] / image.width))
    return image.resize((WIDTHS[-1], height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def render_crops(
    image: Image.Image, manifest: dict, focus: tuple[int, int], *, squares: bool = True
) -> dict:
    """The crops for `focus` (the og:image, the squares); returns the updated manifest."""
    manifest = {**manifest, "focus": [int(focus[0]), int(focus[1])]}
    square = crop_box(image.size, 1.0, focus)
    side = square[2] - square[0]
    manifest["squares"] = sorted({min(s, side) for s in SQUARES}) if squares else []
    for size in manifest["squares"]:
        thumb = image.resize((size, size), Image.Resampling.LANCZOS, box=square, reducing_gap=3.0)
        for ext in FORMATS:
            _write(square_name(manifest, size, ext), thumb, ext)
    box = crop_box(image.size, OG_SIZE[0] / OG_SIZE[1], focus)
    og_w = min(OG_SIZE[0], box[2] - box[0])
    og_h = max(1, round(og_w * OG_SIZE[1] / OG_SIZE[0]))
    og = image.resize((og_w, og_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    _write(og_name(manifest), og, "jpg")
    manifest["og"] = [og_w, og_h]
    return manifest


def open_master(name: str) -> Image.Image:
    """A stored master (already upright, without metadata) read back at the working
    size, for new crops or renditions made again."""
    with default_storage.open(name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        # JPEG decodes at 1/2, 1/4 or 1/8 scale if asked: a 24 MP master in a fraction
        # of the time, still wider than the widest rendition.
        image.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))
        image.load()
    return working_copy(image.convert("RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"))


def delete(names) -> None:
    for name in names:
        default_storage.delete(name)


def _write(name: str, image: Image.Image, ext: str, *, speed: int | None = None) -> None:
    pil_format, _, options = FORMATS[ext]
    if speed is not None and "speed" in options:
        options = {**options, "speed": speed}
    if pil_format == "JPEG" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    buffer = io.BytesIO()
    image.save(buffer, pil_format, **options)
    saved = default_storage.save(name, ContentFile(buffer.getvalue()))
    if saved != name:  # the key is random: a clash means storage is not what we think
        default_storage.delete(saved)
        raise RuntimeError(f"rendition {name} already exists in storage")


# --- Reading them (templates) ----------------------------------------------------------


def srcset(manifest: dict, ext: str) -> str:
    return ", ".join(
        f"{default_storage.url(width_name(manifest, w, ext))} {w}w" for w, _ in manifest["widths"]
    )


def url(name: str) -> str:
    return default_storage.url(name)


def thumb_url(manifest: dict) -> str:
    """The smallest WebP width: the admin's picture of a photo."""
    return url(width_name(manifest, manifest["widths"][0][0], "webp"))
