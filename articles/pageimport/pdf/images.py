"""The page image: each page of the PDF rendered once, at import, into the photo desk's
renditions (AVIF, WebP and JPEG at 320–1280 px, an og:image for share cards), stored
where photos are (`default_storage`: the object store in production).

pypdfium2 renders (Apache-2.0/BSD, Google's PDFium, wheels for every platform): in
process, from bytes, 0.2 s a broadsheet page here. Poppler's `pdftoppm` would be a GPL
subprocess and a temporary file per page; pdfplumber's own rendering goes through
pypdfium2 anyway.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

from articles.photos import renditions

# The widest rendition; rendered once at this width and scaled down for the others.
RENDER_WIDTH = renditions.WIDTHS[-1]
# No page image taller than this (a page four times as tall as it is wide is no page).
MAX_HEIGHT_PX = 4 * RENDER_WIDTH
# Share cards crop the top of the page: its nameplate and lead.
FOCUS = (50, 15)
# A page of type at speed 9 encodes about four times faster than at the photo desk's 8,
# for files about 8% larger (measured in bench/epaper.py).
AVIF_SPEED = 9


def page_image(data: bytes, index: int) -> Image.Image:
    """Page `index` (0-based) of the PDF as an RGB image `RENDER_WIDTH` pixels wide."""
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        width, height = page.get_size()
        scale = min(RENDER_WIDTH / width, MAX_HEIGHT_PX / height)
        bitmap = page.render(scale=scale, draw_annots=False)
        image = bitmap.to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    return image


def page_size(data: bytes, index: int = 0) -> tuple[float, float]:
    """The page's width and height in points."""
    document = pdfium.PdfDocument(data)
    try:
        return tuple(round(side, 2) for side in document.get_page_size(index))
    finally:
        document.close()


def render(data: bytes, index: int) -> dict:
    """Store the renditions of one page; returns their manifest (`PageFile.renditions`).
    No square thumbnails (no list shows a page as one), and AVIF at speed 9."""
    return renditions.render(page_image(data, index), FOCUS, squares=False, speed=AVIF_SPEED)


def names(manifest: dict | None) -> list[str]:
    """Every stored file of a page image, to delete with it."""
    return renditions.all_names(manifest)
