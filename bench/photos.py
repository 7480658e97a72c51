"""The photo desk's costs: the time to take in a 24-megapixel photo and make all its
renditions, and the bytes a phone downloads for a 10-photo report before and after.

    .venv/bin/python bench/photos.py [--repeat 3] [--report-photos 10]

No database. Photos are generated (smooth colour fields, grain, hard edges: they
compress like camera photos, within a factor of about two) and saved as a camera would,
JPEG quality 92 with EXIF and GPS. Everything is written through `default_storage` into a
temporary MEDIA_ROOT that is removed afterwards.

1. A 6000×4000 JPEG: the pipeline (`clean_upload`: checks, full decode, upright, sRGB,
   master re-encoded) and `renditions.render` (4 widths × 3 formats, 2 squares × 3
   formats, the og:image), median of `--repeat` runs; the baseline of the same run is
   Pillow decoding the same file once, so the ratios hold across machines.
2. A report of `--report-photos` 4000×3000 phone photos: "before" is the original
   files (what the site served: the <img> pointed at the upload); "after" is what
   Chromium at 360 px wide, density 1, takes from the srcset (the 640w AVIF, checked in
   tests/e2e/test_photos.py), with WebP-only browsers and density-2 phones beside it.
"""

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def photo_like(width: int, height: int, seed: int):
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(seed)
    small = Image.new("RGB", (12, 8))
    small.putdata([tuple(rng.randrange(40, 230) for _ in range(3)) for _ in range(12 * 8)])
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(80):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(width // 40, width // 6), rng.randrange(height // 40, height // 6)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour)
    grain = Image.effect_noise((width, height), 28).filter(ImageFilter.GaussianBlur(0.8))
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), offset=-128)


def camera_jpeg(width: int, height: int, seed: int) -> bytes:
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "BenchCam"
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (39.0, 54.0, 27.0)})
    buffer = io.BytesIO()
    photo_like(width, height, seed).save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the 24 MP photo")
    parser.add_argument("--report-photos", type=int, default=10)
    args = parser.parse_args()

    media = Path(tempfile.mkdtemp(prefix="unionsite-bench-photos-"))
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from articles.photos import renditions
    from articles.photos.pipeline import clean_upload

    try:
        print(f"Pillow {Image.__version__}, {os.cpu_count()} CPUs, MEDIA_ROOT {media}")
        big = camera_jpeg(6000, 4000, seed=24)
        print(f"\n24 MP photo: 6000×4000 JPEG q92, {len(big) / 1e6:.1f} MB")

        def decode():
            Image.open(io.BytesIO(big)).load()

        cleaned = {}

        def pipeline():
            cleaned["photo"] = clean_upload(SimpleUploadedFile("big.jpg", big))

        def render():
            cleaned["manifest"] = renditions.render(cleaned["photo"].image, (50, 50))

        base = median_seconds(decode, args.repeat)
        took_pipeline = median_seconds(pipeline, args.repeat)
        took_render = median_seconds(render, args.repeat)
        files = len(renditions.all_names(cleaned["manifest"]))
        total = took_pipeline + took_render
        rows = [
            ("Pillow decode only (baseline)", base),
            ("pipeline: checks, decode, upright, strip, master", took_pipeline),
            (f"all {files} renditions", took_render),
            ("upload to renditions, in total", total),
        ]
        for label, seconds in rows:
            print(f"  {label:<50}{seconds:6.2f} s  {seconds / base:5.1f}×")

        print(f"\nA report of {args.report_photos} photos, 4000×3000 JPEG q92 each")
        before = 0
        after = {"avif 640w": 0, "webp 640w": 0, "avif 960w (density 2)": 0, "jpg 640w": 0}
        for seed in range(args.report_photos):
            original = camera_jpeg(4000, 3000, seed=seed)
            before += len(original)
            manifest = renditions.render(
                clean_upload(SimpleUploadedFile("p.jpg", original)).image, (50, 50)
            )
            for label in after:
                ext, width = label.split()[0], int(label.split()[1].rstrip("w"))
                after[label] += default_storage.size(renditions.width_name(manifest, width, ext))
        print(f"  before: the original files      {before / 1e6:8.2f} MB   1.000")
        for label, size in after.items():
            print(f"  after: {label:<25}{size / 1e6:8.2f} MB   {size / before:.3f}")
    finally:
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
