"""Illustrations for the demo's photo report, so the quick start shows the photo desk.

The seed page's 通州多源 visit is a photo report (本报记者 周美玉 摄影报道), but a page dump
carries no pictures. `load_demo --photos` (what `make run` calls) draws four plain
illustrations, clearly captioned as such, and puts them through the upload pipeline as an
editor's files would go: stripped, named at random, with their renditions. The suite's
demo loads skip them (`load_demo` alone), which keeps the tests quick.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from articles.models import Article, Photo
from articles.photos import services
from articles.photos.pipeline import clean_upload

SIZE = (1280, 853)
NOTE = "（演示示意图，非新闻照片）"
# (caption, background, accent): what each illustration stands for in the report.
ILLUSTRATIONS = [
    ("通州多源公司领导班子前往职工家中走访慰问", (178, 34, 34), (255, 215, 0)),
    ("为一线职工送上米、面、油等慰问品", (205, 92, 52), (255, 240, 200)),
    ("与职工深入交流，了解他们的实际需求和困难", (120, 40, 40), (250, 200, 120)),
    ("“娘家人”送来暖心慰问，职工感受到温暖", (160, 60, 30), (255, 230, 160)),
]


def illustration(background, accent, number: int) -> bytes:
    """A warm-coloured plain picture: a lantern-like disc over a ground line."""
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    centre_x = width * (number + 1) // (len(ILLUSTRATIONS) + 1)
    radius = height // 5
    draw.ellipse(
        (centre_x - radius, height // 3 - radius, centre_x + radius, height // 3 + radius),
        fill=accent,
    )
    draw.rectangle((0, height * 3 // 4, width, height), fill=tuple(c // 2 for c in background))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@transaction.atomic
def add_photos(article: Article) -> int:
    """Give the photo report its illustrations unless it has photos already; how many
    were added."""
    if article.photos.exists():
        return 0
    for number, (caption, background, accent) in enumerate(ILLUSTRATIONS):
        upload = SimpleUploadedFile(
            f"demo-{number + 1}.jpg", illustration(background, accent, number), "image/jpeg"
        )
        clean = clean_upload(upload)
        photo = Photo(
            article=article,
            caption=f"{caption}{NOTE}",
            credit="周美玉 摄",
            alt_text=f"示意图：{caption}",
            order=number + 1,
        )
        services.store(photo, clean)
    return len(ILLUSTRATIONS)
