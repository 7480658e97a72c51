"""The page PDF import's costs: per page, reading its layout (text, reports, zones) and
rendering its image; and the memory a 40-page edition takes through `import_edition`'s
pipeline.

    .venv/bin/python bench/epaper.py [--repeat 3] [--edition-pages 40]

No database. The pages are the test typesetter's (tests/epaper/typeset.py): the seed page
and the corpus of real union-paper reports, each in the layouts it fits, A3-sized with
1,600–3,000 characters, pictures drawn in. Renditions are written through
`default_storage` into a temporary MEDIA_ROOT, removed afterwards.

1. Per page, median of `--repeat` runs: `read_pdf` + `parse_pdf_page` (characters to
   reports and zones) and `images.render` (the page at 320–1280 px in AVIF, WebP and JPEG
   and its share card). The baseline of the same run is pdfplumber's own
   `extract_text()` of the page, the least any reader of the text layer pays, so the
   ratio holds across machines. Goal: the whole under 2 s a page.
2. An edition of `--edition-pages` pages in one PDF, split and read page by page as
   `import_edition` does (without the database): peak Python allocations (tracemalloc)
   and the process's peak resident memory.
"""

import argparse
import io
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(function, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--edition-pages", type=int, default=40)
    options = parser.parse_args()

    media = Path(tempfile.mkdtemp(prefix="bench-epaper-"))
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    import pdfplumber
    import pypdfium2 as pdfium

    from articles.pageimport.edition import pages_of
    from articles.pageimport.pdf import images
    from articles.pageimport.pdf.document import MAX_PAGES_PER_EDITION, read_pdf
    from articles.pageimport.pdf.pages import parse_pdf_page
    from tests.epaper.typeset import LAYOUTS, LayoutError, corpus_page, seed_page, typeset

    pages = {"seed": seed_page()}
    for name in ("201_grrb_news", "202_grrb_features", "203_regional_datelines", "204_briefs"):
        pages[name] = corpus_page(name)
    typeset_pages = []
    for name, page in pages.items():
        for layout in LAYOUTS:
            try:
                typeset_pages.append((f"{name} {layout}", typeset(page, layout=layout).pdf))
            except LayoutError:
                continue

    try:
        cpus = os.cpu_count()
        print(f"{len(typeset_pages)} typeset pages, {cpus} CPUs, median of {options.repeat}")
        heads = ("page", "chars", "base s", "read s", "image s", "total s", "read/base")
        print(f"{heads[0]:40} " + " ".join(f"{head:>9}" for head in heads[1:]))
        totals = []
        for label, pdf in typeset_pages:

            def baseline(pdf=pdf):
                with pdfplumber.open(io.BytesIO(pdf)) as document:
                    document.pages[0].extract_text()

            def read(pdf=pdf):
                parse_pdf_page(read_pdf(pdf)[0])

            def render(pdf=pdf):
                images.render(pdf, 0)

            chars = len(read_pdf(pdf)[0].chars)
            base, reading, image = (timed(f, options.repeat) for f in (baseline, read, render))
            totals.append(reading + image)
            figures = (chars, base, reading, image, reading + image, reading / base)
            print(f"{label:40} " + " ".join(f"{figure:9.3g}" for figure in figures))
        print(
            f"per page: median {statistics.median(totals):.2f} s, worst {max(totals):.2f} s"
            " (goal < 2 s)"
        )

        count = min(options.edition_pages, MAX_PAGES_PER_EDITION)
        edition = pdfium.PdfDocument.new()
        for index in range(count):
            source = pdfium.PdfDocument(typeset_pages[index % len(typeset_pages)][1])
            edition.import_pages(source, [0])
        buffer = io.BytesIO()
        edition.save(buffer)
        path = media / "edition.pdf"
        path.write_bytes(buffer.getvalue())
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        start = time.perf_counter()
        for _number, data in pages_of(path):
            page = read_pdf(data)[0]
            parse_pdf_page(page)
            images.render(data, 0)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"edition of {count} pages ({path.stat().st_size / 1024 / 1024:.1f} MB):"
            f" {elapsed:.1f} s, {elapsed / count:.2f} s a page;"
            f" peak Python allocations {peak / 1024 / 1024:.0f} MB;"
            f" peak RSS {rss_after / 1024:.0f} MB (before the edition {rss_before / 1024:.0f} MB)"
        )
    finally:
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
