"""Opening a 版's PDF: every check before anything is read or written, and what each
page's text layer holds.

pdfplumber (MIT, on pdfminer.six) reads the text layer: every character with its font
size and position, and the page's rules, boxes and pictures. It is pure Python and
maintained; PyMuPDF would be faster but is AGPL. pypdfium2 (`images.py`) renders.

A file is refused, with a Chinese message and nothing written, when it is not a PDF, is
encrypted or damaged, or is larger than a page (or an edition) can be in bytes, pages or
pixels. A page whose text layer is empty (a scan) or unreadable (fonts without Unicode
maps: private-use or Latin garbage, `(cid:NN)`) is still a page: its image is made and
its zones are drawn by hand, but no draft is made from it.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

logger = logging.getLogger("articles.pageimport")

# A 版 from the layout system is 1–20 MB with its pictures; the admin's uploads stay
# under the request limit (MAX_REQUEST_BYTES, 30 MB). A whole edition read from disk by
# import_edition may be larger.
MAX_PDF_BYTES = 28 * 1024 * 1024
MAX_EDITION_BYTES = 600 * 1024 * 1024
MAX_PAGES_PER_PAGE = 1  # import_page: one 版
MAX_PAGES_PER_EDITION = 48  # import_edition: a whole edition in one PDF
# A page larger than A1 in points is no newspaper page (a poster, or a broken box).
MAX_SIDE_PT = 2400
# Usable: at least this share of the visible characters are CJK, Latin, digits or
# punctuation, and few are private-use or unmapped (cid:NN).
MIN_READABLE_SHARE = 0.9
MIN_CHARS_FOR_TEXT = 40


# What the editor is told of a page whose text cannot make drafts.
TEXT_LAYER_MESSAGES = {
    "none": "这一版没有文字层（可能是扫描件），不能生成草稿：可以只保存版面图，"
    "再在后台的版面上手工划定稿件区域。",
    "unreadable": "这一版的字体没有可识别的文字编码（提取出的是乱码），不能据此生成草稿："
    "请在排版系统中导出时嵌入字体并保留文字（或导出数字报用 PDF）再导入；"
    "也可以只保存版面图。",
}


class PdfError(ValueError):
    """A file that cannot be imported as a page PDF (message in Chinese)."""


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str = ""


@dataclass
class Rect:
    """A rectangle in page points, origin top-left (pdfplumber's `top`/`bottom`)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def area(self) -> float:
        return max(0.0, self.width) * max(0.0, self.height)

    def x_overlap(self, other: Rect) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def y_overlap(self, other: Rect) -> float:
        return max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))

    def contains(self, other: Rect, slack: float = 1.0) -> bool:
        return (
            self.x0 - slack <= other.x0
            and self.top - slack <= other.top
            and other.x1 <= self.x1 + slack
            and other.bottom <= self.bottom + slack
        )


@dataclass
class Box(Rect):
    """A rule, frame or filled area drawn on the page, or a picture."""

    filled: bool = False
    picture: bool = False


@dataclass
class PdfPage:
    number: int  # 1-based, in the file
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    text_layer: str = "usable"  # TextLayer's values: usable, none, unreadable

    @property
    def text_layer_message(self) -> str:
        return TEXT_LAYER_MESSAGES.get(self.text_layer, "")


def check_bytes(data: bytes, *, max_bytes: int = MAX_PDF_BYTES) -> None:
    if not data.startswith(b"%PDF-"):
        raise PdfError("上传的文件不是 PDF：请上传排版系统导出的版面 PDF。")
    if len(data) > max_bytes:
        raise PdfError(
            f"PDF 有 {len(data) / 1024 / 1024:.1f} MB，超过上限 {max_bytes // 1024 // 1024} MB。"
        )


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES_PER_PAGE) -> list[PdfPage]:
    """Every page of the PDF with its characters and drawings, or PdfError."""
    check_bytes(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise PdfError("PDF 里没有页面。")
            if count > max_pages:
                raise PdfError(
                    f"PDF 有 {count} 页，超过上限 {max_pages} 页："
                    + ("一次导入一个版面的 PDF。" if max_pages == 1 else "请分批导入。")
                )
            return [_read_page(index + 1, page) for index, page in enumerate(pdf.pages)]
    except PdfError:
        raise
    except PdfminerException as exc:
        # pdfplumber wraps what pdfminer raised.
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise PdfError("PDF 已加密，无法读取：请导出不加密的版面 PDF。") from exc
        raise PdfError("PDF 文件已损坏或不完整，无法读取：请重新导出。") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfError("PDF 已加密，无法读取：请导出不加密的版面 PDF。") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        logger.info("unreadable PDF: %s", exc)
        raise PdfError("PDF 文件已损坏或不完整，无法读取：请重新导出。") from exc
    except Exception as exc:
        # pdfminer raises many kinds of errors on a broken file; none of them may reach
        # the editor as a server error.
        logger.warning("PDF could not be read", exc_info=True)
        raise PdfError("PDF 文件无法读取：请重新导出后再试。") from exc


def _read_page(number: int, page) -> PdfPage:
    width, height = float(page.width), float(page.height)
    if not (0 < width <= MAX_SIDE_PT and 0 < height <= MAX_SIDE_PT):
        raise PdfError(f"第 {number} 页的尺寸 {width:.0f}×{height:.0f} 磅不像报纸版面。")
    chars = [
        Char(
            text=c["text"],
            x0=float(c["x0"]),
            top=float(c["top"]),
            x1=float(c["x1"]),
            bottom=float(c["bottom"]),
            size=round(float(c["size"]), 2),
            font=c.get("fontname", ""),
        )
        for c in page.chars
        if c.get("upright", True) and c["text"]
    ]
    boxes = [
        Box(
            float(r["x0"]),
            float(r["top"]),
            float(r["x1"]),
            float(r["bottom"]),
            filled=bool(r.get("fill")),
        )
        for r in page.rects
    ]
    boxes += [
        Box(float(line["x0"]), float(line["top"]), float(line["x1"]), float(line["bottom"]))
        for line in page.lines
    ]
    boxes += [
        Box(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]), picture=True)
        for i in page.images
    ]
    result = PdfPage(number=number, width=width, height=height, chars=chars, boxes=boxes)
    result.text_layer = text_layer_of(chars)
    return result


def text_layer_of(chars: list[Char]) -> str:
    """usable, none (a scan: no text) or unreadable (fonts without Unicode)."""
    visible = [c for c in chars if c.text.strip()]
    if len(visible) < MIN_CHARS_FOR_TEXT:
        return "none"
    readable = sum(1 for c in visible if _readable(c.text))
    return "usable" if readable / len(visible) >= MIN_READABLE_SHARE else "unreadable"


def _readable(text: str) -> bool:
    if text.startswith("(cid:"):
        return False
    char = text[0]
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
        return True
    category = unicodedata.category(char)
    if category == "Co" or category == "Cn":  # private use, unassigned
        return False
    # Latin letters alone are what a font without a Unicode map decodes to: a Chinese
    # page is counted readable by its hanzi, digits and punctuation.
    return category[0] in "NPS" or char.isspace()
