"""A whole edition at once (`manage.py import_edition`): for backfilling years of archive.

The layout system exports one PDF per 版 (`03.pdf`, `A03.pdf`, `20240123-03.pdf`,
`第3版.pdf`: the page number is the last number in the name), or one PDF of the whole
edition, which is split page by page (page N is 第N版). Each page is imported on its own,
in its own transaction, so one bad page does not stop the others; a page already imported
from the same PDF is passed over, so running the command again changes nothing. A page
without a usable text layer (a scan, as old archives are) keeps its PDF and image, for
zones drawn by hand.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from articles.models import PageFile, PrintPage
from articles.pageimport.copy_checks import CopyCounts, copy_counts
from articles.pageimport.pdf.document import (
    MAX_EDITION_BYTES,
    MAX_PAGES_PER_EDITION,
    PdfError,
    check_bytes,
)
from articles.pageimport.services import (
    PageImportError,
    PageParseError,
    parse_pdf,
    pdf_text,
    read_page_pdf,
    save_page,
    save_page_image,
)

_NUMBER = re.compile(r"(\d+)(?!.*\d)")
# The page's header names it: "第3版 工会新闻", "03版：工会新闻", or a label "3 工会新闻".
_PAGE_NAME = re.compile(
    r"第?\s*0*(\d+)\s*版\s*[:：·]?\s*([\u4e00-\u9fff]{2,8})|^0*(\d+)\s+([\u4e00-\u9fff]{2,8})$"
)


def page_name_in(furniture: list[str], number: int) -> str:
    """The page's name as its header prints it, or ""."""
    for line in furniture:
        for found in _PAGE_NAME.finditer(line.strip()):
            digits, name = found.group(1) or found.group(3), found.group(2) or found.group(4)
            if int(digits) == number:
                return name
    return ""


@dataclass
class Outcome:
    number: int
    status: str  # imported | image | skipped | failed
    message: str
    drafts: int = 0
    copy: CopyCounts | None = None  # the drafts' copy checks, when imported


def pages_of(path: Path) -> Iterator[tuple[int, bytes]]:
    """(page number, that page's PDF) for a folder of page PDFs or one edition PDF."""
    if path.is_file():
        yield from split(path.read_bytes())
        return
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
    if not files:
        raise PdfError(f"{path} 里没有 PDF 文件。")
    if len(files) == 1 and _page_count(files[0].read_bytes()) > 1:
        yield from split(files[0].read_bytes())
        return
    numbered = []
    for file in files:
        found = _NUMBER.search(file.stem)
        if found is None or int(found.group(1)) < 1:
            raise PdfError(f"无法从文件名 {file.name} 看出版次：请把文件命名为 03.pdf 这样的版次。")
        numbered.append((int(found.group(1)), file))
    numbers = [number for number, _ in numbered]
    if len(set(numbers)) != len(numbers):
        raise PdfError("有两个文件的版次相同：" + "、".join(f.name for _, f in numbered))
    if len(numbered) > MAX_PAGES_PER_EDITION:
        raise PdfError(
            f"一期最多导入 {MAX_PAGES_PER_EDITION} 个版面，文件夹里有 {len(numbered)} 个。"
        )
    for number, file in sorted(numbered):
        yield number, file.read_bytes()


def split(data: bytes) -> Iterator[tuple[int, bytes]]:
    """One PDF per page of an edition PDF, page N as 第N版."""
    check_bytes(data, max_bytes=MAX_EDITION_BYTES)
    count = _page_count(data)
    if count > MAX_PAGES_PER_EDITION:
        raise PdfError(f"PDF 有 {count} 页，一期最多 {MAX_PAGES_PER_EDITION} 个版面。")
    source = pdfium.PdfDocument(data)
    try:
        for index in range(count):
            single = pdfium.PdfDocument.new()
            single.import_pages(source, [index])
            buffer = io.BytesIO()
            single.save(buffer)
            single.close()
            yield index + 1, buffer.getvalue()
    finally:
        source.close()


def _page_count(data: bytes) -> int:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfError("PDF 文件已损坏、已加密或无法读取。") from exc
    try:
        return len(document)
    finally:
        document.close()


def import_page_pdf(data: bytes, *, edition_date: datetime.date, number: int, user=None) -> Outcome:
    """Import one page of the edition; never raises for a bad page (its outcome says)."""
    sha = hashlib.sha256(data).hexdigest()
    here = {"edition_date": edition_date, "number": number}
    if PageFile.objects.filter(pdf_sha256=sha, **{f"print_page__{k}": v for k, v in here.items()}):
        return Outcome(number, "skipped", "已从同一 PDF 导入过")
    stored = PrintPage.objects.filter(**here).first()
    if stored is not None and stored.articles.exists():
        return Outcome(
            number, "skipped", f"这一版已有 {stored.articles.count()} 篇稿件，未重复导入"
        )
    try:
        page = read_page_pdf(data)
        if page.text_layer != "usable":
            save_page_image(page=page, pdf=data, edition_date=edition_date, page_number=number)
            return Outcome(number, "image", f"只保存了版面图：{page.text_layer_message}")
        parsed = parse_pdf(page)
        result = save_page(
            parsed=parsed,
            raw_text=pdf_text(parsed),
            edition_date=edition_date,
            page_number=number,
            page_name=page_name_in(parsed.dropped, number),
            user=user,
            pdf=data,
        )
    except (PageParseError, PageImportError) as exc:
        return Outcome(number, "failed", str(exc))
    drafts = len(result.articles)
    counts = copy_counts(result.articles)
    return Outcome(
        number,
        "imported",
        f"识别并导入 {drafts} 篇草稿，{counts.sentence()}",
        drafts=drafts,
        copy=counts,
    )
