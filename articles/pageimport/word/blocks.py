"""A Word document as a list of blocks: each paragraph's text with what its formatting
says (type size, bold, centred, heading style, page breaks) and the pictures in it.

Sizes and bold are resolved as Word resolves them: the run's own setting, else its
character style, else the paragraph's style and the styles it is based on, else the
document's defaults. Tables are read cell by cell in document order (correspondents lay
a photo and its caption out in one); text boxes, deleted revisions and field codes are
not the story's text.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn

from articles.pageimport.parser.shapes import visible_length

WORD_DEFAULT_SIZE = 10.0  # points: what Word uses when nothing says otherwise
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".bmp", ".tif", ".tiff")

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_R_EMBED = qn("r:embed")
_R_LINK = qn("r:link")
_R_ID = qn("r:id")
# Runs under these are not the paragraph's own text.
_NOT_TEXT = {qn("w:txbxContent"), _MC_FALLBACK, qn("w:del"), qn("w:moveFrom")}


@dataclass
class Picture:
    data: bytes
    name: str  # the name the file gives it (the original file name where Word kept it)
    linked: bool = False  # only linked to a file on the sender's computer: no bytes


@dataclass
class Block:
    text: str = ""  # soft line breaks (Shift+Enter) as "\n"
    size: float = 0.0  # the largest type of its text, in points
    bold: bool = False  # all of its text is bold
    centered: bool = False
    style: str = ""  # "title", "subtitle", "heading", "caption" or ""
    pictures: list[Picture] = field(default_factory=list)
    break_before: bool = False  # a page or section break stands before it
    in_text_box: bool = False  # the paragraph holds a text box (its text is not read)

    @property
    def chars(self) -> int:
        return visible_length(self.text)


@dataclass
class _Style:
    kind: str  # paragraph | character | table | numbering
    name: str
    based_on: str | None
    size: float | None
    bold: bool | None
    outline: int | None
    centered: bool | None


def read_blocks(document: Document) -> list[Block]:
    """The document's paragraphs, in order, as blocks."""
    return _Reader(document).read()


class _Reader:
    def __init__(self, document: Document) -> None:
        self.part = document.part
        styles_element = document.styles.element
        self.styles = {
            style.get(qn("w:styleId")): _read_style(style)
            for style in styles_element.iterchildren(qn("w:style"))
        }
        self.default_paragraph_style = next(
            (
                style.get(qn("w:styleId"))
                for style in styles_element.iterchildren(qn("w:style"))
                if style.get(qn("w:type")) == "paragraph" and _on(style.get(qn("w:default")))
            ),
            None,
        )
        defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_size = _size(defaults) or WORD_DEFAULT_SIZE
        self.default_bold = bool(_bold(defaults))
        self.body = document.element.body
        self.blocks: list[Block] = []
        self.pending_break = False

    def read(self) -> list[Block]:
        self._read_children(self.body)
        return self.blocks

    def _read_children(self, parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self._read_paragraph(child)
            elif child.tag == qn("w:tbl"):
                for paragraph in child.iter(qn("w:p")):
                    if not _inside(paragraph, child, _NOT_TEXT):
                        self._read_paragraph(paragraph)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._read_children(content)

    # --- styles ----------------------------------------------------------------------

    def _chain(self, style_id: str | None, attribute: str):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            value = getattr(style, attribute)
            if value is not None:
                return value
            style_id = style.based_on
        return None

    def _style_kind(self, style_id: str | None, own_outline: int | None) -> str:
        names = []
        seen = set()
        current = style_id
        while current and current in self.styles and current not in seen:
            seen.add(current)
            names.append(self.styles[current].name)
            current = self.styles[current].based_on
        for name in names:
            kind = _kind_of_name(name)
            if kind:
                return kind
        outline = own_outline if own_outline is not None else self._chain(style_id, "outline")
        return "heading" if outline is not None and outline < 9 else ""

    # --- paragraphs ------------------------------------------------------------------

    def _read_paragraph(self, p) -> None:
        properties = p.find(qn("w:pPr"))
        style_id = self.default_paragraph_style
        own_outline = own_centered = None
        break_before = False
        section_end = False
        if properties is not None:
            style = properties.find(qn("w:pStyle"))
            if style is not None:
                style_id = style.get(qn("w:val"))
            outline = properties.find(qn("w:outlineLvl"))
            if outline is not None and (outline.get(qn("w:val")) or "").isdigit():
                own_outline = int(outline.get(qn("w:val")))
            own_centered = _centered(properties)
            break_before = _on_element(properties.find(qn("w:pageBreakBefore")))
            section_end = properties.find(qn("w:sectPr")) is not None
        centered = own_centered if own_centered is not None else self._chain(style_id, "centered")
        block = self._new_block(break_before)
        block.centered = bool(centered)
        block.style = self._style_kind(style_id, own_outline)
        sizes: list[tuple[Block, float, bool]] = []
        for run in p.iter(qn("w:r")):
            if _inside(run, p, _NOT_TEXT):
                if _inside(run, p, {qn("w:txbxContent")}):
                    block.in_text_box = True
                continue
            size, bold = self._run_format(run, style_id)
            for element in run.iterchildren():
                tag = element.tag
                if tag == qn("w:t"):
                    text = element.text or ""
                    block.text += text
                    if text.strip():
                        sizes.append((block, size, bold))
                elif tag in (qn("w:tab"), qn("w:ptab")):
                    block.text += " "
                elif tag == qn("w:br") and element.get(qn("w:type")) == "page":
                    if block.text.strip() or block.pictures:
                        self._finish(block, sizes)
                        block = self._new_block(True)
                        block.centered, block.style = bool(centered), ""
                    else:
                        block.break_before = True
                elif tag in (qn("w:br"), qn("w:cr")):
                    block.text += "\n"
                elif tag == qn("w:noBreakHyphen"):
                    block.text += "-"
                elif tag in (qn("w:drawing"), qn("w:pict")):
                    block.pictures += self._pictures(element)
        self._finish(block, sizes)
        if section_end:
            self.pending_break = True

    def _new_block(self, break_before: bool) -> Block:
        block = Block(break_before=break_before or self.pending_break)
        self.pending_break = False
        return block

    def _finish(self, block: Block, sizes: list[tuple[Block, float, bool]]) -> None:
        mine = [(size, bold) for owner, size, bold in sizes if owner is block]
        block.size = max((size for size, _ in mine), default=0.0)
        block.bold = bool(mine) and all(bold for _, bold in mine)
        block.text = block.text.replace("\u200b", "").replace("\xa0", " ")
        if block.text.strip() or block.pictures:
            self.blocks.append(block)
        elif block.break_before:
            self.pending_break = True  # an empty paragraph holding the break

    def _run_format(self, run, style_id: str | None) -> tuple[float, bool]:
        properties = run.find(qn("w:rPr"))
        run_style = None
        if properties is not None:
            style = properties.find(qn("w:rStyle"))
            run_style = style.get(qn("w:val")) if style is not None else None
        size = _size(properties)
        if size is None:
            size = self._chain(run_style, "size") or self._chain(style_id, "size")
        bold = _bold(properties)
        if bold is None:
            bold = self._chain(run_style, "bold")
        if bold is None:
            bold = self._chain(style_id, "bold")
        return size or self.default_size, bool(self.default_bold if bold is None else bold)

    def _pictures(self, element) -> list[Picture]:
        pictures = []
        names = [
            docpr.get("descr", "") or docpr.get("name", "") for docpr in element.iter(_WP_DOCPR)
        ]
        references = [(blip.get(_R_EMBED), blip.get(_R_LINK)) for blip in element.iter(_A_BLIP)]
        references += [(data.get(_R_ID), None) for data in element.iter(_V_IMAGEDATA)]
        for index, (embed, link) in enumerate(references):
            given = names[index] if index < len(names) else ""
            part = self.part.related_parts.get(embed) if embed else None
            if part is None:
                if link or embed:
                    pictures.append(Picture(data=b"", name=_file_name(given, ""), linked=True))
                continue
            pictures.append(Picture(data=part.blob, name=_file_name(given, part.partname)))
        return pictures


def _read_style(style) -> _Style:
    name = style.find(qn("w:name"))
    based_on = style.find(qn("w:basedOn"))
    run = style.find(qn("w:rPr"))
    paragraph = style.find(qn("w:pPr"))
    outline = None
    if paragraph is not None:
        level = paragraph.find(qn("w:outlineLvl"))
        if level is not None and (level.get(qn("w:val")) or "").isdigit():
            outline = int(level.get(qn("w:val")))
    return _Style(
        kind=style.get(qn("w:type")) or "paragraph",
        name=(name.get(qn("w:val")) if name is not None else "") or "",
        based_on=based_on.get(qn("w:val")) if based_on is not None else None,
        size=_size(run),
        bold=_bold(run),
        outline=outline,
        centered=_centered(paragraph) if paragraph is not None else None,
    )


def _kind_of_name(name: str) -> str:
    """The role a style's name gives: Word's built-in names in English (how the file
    stores them) and WPS's Chinese ones."""
    normal = name.strip().lower().replace(" ", "")
    if normal in ("title", "标题"):
        return "title"
    if normal in ("subtitle", "副标题"):
        return "subtitle"
    if normal in ("caption", "题注"):
        return "caption"
    for prefix in ("heading", "标题"):
        if normal.startswith(prefix) and normal[len(prefix) :].isdigit():
            return "heading"
    return ""


def _size(properties) -> float | None:
    if properties is None:
        return None
    size = properties.find(qn("w:sz"))
    value = size.get(qn("w:val")) if size is not None else None
    try:
        return int(value) / 2 if value else None
    except ValueError:
        return None


def _bold(properties) -> bool | None:
    if properties is None:
        return None
    bold = properties.find(qn("w:b"))
    return None if bold is None else _on_element(bold)


def _centered(paragraph_properties) -> bool | None:
    justify = paragraph_properties.find(qn("w:jc"))
    return None if justify is None else justify.get(qn("w:val")) == "center"


def _on(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _on_element(element) -> bool:
    """A toggle element: present without a value is on."""
    if element is None:
        return False
    value = element.get(qn("w:val"))
    return value is None or _on(value)


def _inside(element, top, tags: set[str]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not top:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _file_name(given: str, partname: str) -> str:
    """The picture's name: the original file name when Word kept it (in the drawing's
    description or name), else the name of its part in the package (image1.jpeg)."""
    given = given.strip().replace("\\", "/").rsplit("/", 1)[-1]
    if given.lower().endswith(IMAGE_EXTENSIONS):
        return given[:200]
    return posixpath.basename(str(partname)) or given[:200] or "image"
