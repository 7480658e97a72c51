"""The one upload pipeline: every way a photo comes in (the article's photo inline, the
drop zone's staging endpoint, later an API) goes through `clean_upload`.

In this order, each step cheaper than the next and nothing written anywhere:

1. the byte count against MAX_PHOTO_BYTES;
2. the first bytes: JPEG, PNG, WebP or AVIF by content, whatever the file is called
   (an HTML page named .jpg, an SVG, a PDF are refused here);
3. the header only (`Image.open` reads no pixels): the format again, and the pixel
   count against MAX_PHOTO_PIXELS, so a small file declaring 12000×12000 is never
   decoded;
4. the full decode; then the EXIF orientation is applied, colours are converted to sRGB
   and every piece of metadata (EXIF with GPS and camera, XMP, IPTC, ICC, comments) is
   left behind: the master is re-encoded from pixels alone;
5. the master's name: 128 random bits, nothing of the uploaded name.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps

# Pillow format name → the master's file extension.
ACCEPTED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
# A 24-megapixel camera photo passes with room to spare; a 12000×12000 "photo" does not.
DEFAULT_MAX_PIXELS = 50_000_000
# How the master is written again (from pixels only): close to the upload's quality.
MASTER_OPTIONS = {
    "JPEG": {"quality": 92},
    "PNG": {"compress_level": 6},
    "WEBP": {"quality": 90},
    "AVIF": {"quality": 80, "speed": 8},
}

TYPE_MESSAGE = "只能上传 JPEG、PNG、WebP 或 AVIF 格式的照片（按文件内容判断，与扩展名无关）。"
BROKEN_MESSAGE = "图片文件已损坏或不完整，无法读取，请重新导出后上传。"


def max_pixels() -> int:
    return getattr(settings, "MAX_PHOTO_PIXELS", DEFAULT_MAX_PIXELS)


@dataclass
class CleanPhoto:
    """An upload that passed: the upright picture in memory (for the renditions) and the
    master to store, re-encoded without metadata under a random name."""

    image: Image.Image
    master: ContentFile

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def sniff(head: bytes) -> str | None:
    """The format the first bytes announce, or None for anything but the four."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        # ISO base media: the major brand and the compatible brands of the ftyp box.
        box = head[8 : int.from_bytes(head[:4], "big")]
        brands = {box[i : i + 4] for i in range(0, len(box) - 3, 4)}
        if brands & {b"avif", b"avis"}:
            return "AVIF"
    return None


def check_upload(upload) -> str:
    """Steps 1 to 3: the format, or a ValidationError in Chinese. Decodes no pixels."""
    limit = settings.MAX_PHOTO_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"图片文件过大（{upload.size / 1024 / 1024:.1f} MB），"
            f"每张照片不能超过 {limit // (1024 * 1024)} MB。",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError("上传的文件是空的。", code="empty")
    upload.seek(0)
    fmt = sniff(upload.read(64))
    upload.seek(0)
    if fmt is None:
        raise ValidationError(TYPE_MESSAGE, code="type")
    try:
        with warnings.catch_warnings():
            # Pillow warns above ~89 MP and refuses above ~179 MP at open; we refuse
            # above our own cap below, with the figures in the message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            header = Image.open(upload, formats=[fmt])
    except Image.DecompressionBombError:
        raise ValidationError(pixels_message(None), code="pixels") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(BROKEN_MESSAGE, code="broken") from None
    width, height = header.size
    if header.format != fmt:
        raise ValidationError(TYPE_MESSAGE, code="type")
    if width * height > max_pixels():
        raise ValidationError(pixels_message((width, height)), code="pixels")
    return fmt


def pixels_message(size: tuple[int, int] | None) -> str:
    cap = f"{max_pixels() / 10_000:g} 万像素"
    if size is None:
        return f"图片像素过多，最多允许 {cap}。"
    return f"图片像素过多（{size[0]}×{size[1]}），最多允许 {cap}，请缩小后再上传。"


def clean_upload(upload) -> CleanPhoto:
    """The whole pipeline for one uploaded file; raises ValidationError in Chinese."""
    fmt = check_upload(upload)
    try:
        image = Image.open(upload, formats=[fmt])
        image.load()
        image = upright_srgb(image)
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise ValidationError(BROKEN_MESSAGE, code="broken") from None
    buffer = io.BytesIO()
    image.save(buffer, fmt, **MASTER_OPTIONS[fmt])
    name = f"{secrets.token_hex(16)}.{ACCEPTED[fmt]}"
    return CleanPhoto(image=image, master=ContentFile(buffer.getvalue(), name=name))


def upright_srgb(image: Image.Image) -> Image.Image:
    """The decoded picture turned as its EXIF orientation says, in sRGB, RGB or RGBA,
    carrying no metadata at all (a new image from the pixels)."""
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(
                image, source, target, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    image = image.convert(mode)
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean
