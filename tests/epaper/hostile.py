"""Files an importer of page PDFs must refuse or report, not crash on (bytes each).

scanned_pdf()       a page with no text layer: a typeset page rendered to a JPEG
garbage_font_pdf()  a typeset page whose fonts have lost their Unicode maps
encrypted_pdf()     a typeset page that opens only with the user password PASSWORD
many_pages_pdf(n)   a whole issue in one file: n pages
not_a_pdf(kind)     a PNG or a Word file (a zip), as someone uploads them by mistake
"""

import io
import re
import zipfile

import pypdfium2
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from tests.epaper.pages import corpus_page, seed_page
from tests.epaper.press import Sheet, paragraph_lines, runs, set_line
from tests.epaper.typeset import LAYOUTS, Edition, page_chrome, typeset

PASSWORD = "gonghui"


def scanned_pdf(*, dpi: int = 100) -> bytes:
    """The seed page as a scanner returns it: one JPEG per page and no text."""
    document = pypdfium2.PdfDocument(typeset(seed_page(), layout="side_by_side").pdf)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.convert("L").save(out, "PDF", resolution=dpi)
    return out.getvalue()


def garbage_font_pdf() -> bytes:
    """Page 202 with every font's /ToUnicode entry blanked out (same length, so the
    cross-reference offsets hold): the embedded subsets number their glyphs 0-255, so a
    reader left with the codes gets control characters (pdfminer: "(cid:5)"), ASCII and
    cp1252 letters ("€‚ƒ„…†"), not Chinese."""
    pdf = typeset(corpus_page("202"), layout="side_by_side").pdf
    blanked, count = re.subn(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), pdf)
    assert count, "reportlab wrote no /ToUnicode entry to blank"
    return blanked


def encrypted_pdf() -> bytes:
    """Page 202 behind reportlab's standard encryption, user password PASSWORD."""
    return typeset(corpus_page("202"), layout="side_by_side", encrypt=PASSWORD).pdf


def many_pages_pdf(n: int = 100) -> bytes:
    """An issue of n pages, each its page header, one line of text and the folio (light
    pages: what matters is the count)."""
    layout = LAYOUTS["side_by_side"]
    width, height = layout.page_size
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=layout.page_size)
    for number in range(1, n + 1):
        sheet = Sheet()
        top = page_chrome(sheet, layout, Edition(number=number, page_name="综合新闻"))
        text = f"第{number}版的稿件由各版编辑另行编排。"
        for line in paragraph_lines(runs(text), width - 2 * layout.margin, 10.5):
            set_line(sheet, line, layout.margin, top, width - 2 * layout.margin, 16)
        sheet.draw(canvas, height)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def not_a_pdf(kind: str = "png") -> bytes:
    """A picture ("png") or a Word document ("docx", a zip of XML): bytes an upload
    named .pdf may hold."""
    if kind == "png":
        out = io.BytesIO()
        Image.new("RGB", (120, 160), (235, 232, 225)).save(out, "PNG")
        return out.getvalue()
    paragraph = seed_page()["articles"][0]["paragraphs"][0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        docx.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{paragraph}</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()
