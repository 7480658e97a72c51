"""A small newspaper typesetter for tests: sets a page's reports (the corpus JSON shape)
into a one-page PDF laid out like a printed 版, and says where it put every block.

    page = typeset(seed_page(), layout="l_shape")
    page.pdf            # bytes of a one-page PDF with a real Unicode text layer
    page.zones[0]       # the first report's blocks, as fractions of the page, origin top left
    page.expected       # {"banner": ..., "articles": [...]}: what an importer should read

The page carries what a real page carries and an importer must drop: the page header
(paper, date, 第3版, page name, rules) and the folio (责任编辑 X 版式 Y, the page number).
Straps (栏目) are printed above the first report of their run; a strap belongs to the
page's grouping, not to a report, so it is in no report's zones. A report's zones are its
headline stack (kicker, title, subtitle), each column segment of its body, each picture
box with its caption (a photo report's text is its caption), and its credit lines (an
own-line byline, a photo credit, 责任编辑 X) as blocks of their own. Datelines and credits
are printed in the real print wording of the page dumps (tests/epaper/pages.py).

Layouts (LAYOUTS) are written like a make-up editor's page plans, not for an importer's
convenience: a layout raises LayoutError when a page does not suit it (too much text, no
long report to wrap around another). To look at one: write `.pdf` to a file and
`pdftoppm -r 60 -png page.pdf page`.

The parts: press.py draws (font, justified lines, headlines, straps, pictures),
makeup.py composes reports into modules and places them, pages.py holds the pages and
their printed wording, hostile.py the files an importer must refuse.
"""

import datetime
import io
from dataclasses import dataclass, replace

from reportlab.pdfgen.canvas import Canvas

from tests.epaper import press
from tests.epaper.makeup import (
    Grid,
    Item,
    Layout,
    LayoutError,
    Module,
    PageFullError,
    Setter,
    balance,
    body_lines,
    set_lines,
)
from tests.epaper.pages import corpus_page, expected, seed_page
from tests.epaper.press import RED, Sheet

__all__ = ["LAYOUTS", "LayoutError", "TypesetPage", "corpus_page", "seed_page", "typeset"]

WEEKDAYS = "一二三四五六日"
MIN_BODY_SIZE = 9.0
BOX_TINT = (0.96, 0.94, 0.89)


@dataclass
class TypesetPage:
    pdf: bytes
    page_size_pt: tuple[float, float]
    # Per report, in the expected order: its blocks as fractions of the page's width and
    # height, origin top left: (x0, y0, x1, y1).
    zones: list[list[tuple[float, float, float, float]]]
    expected: dict


# --------------------------------------------------------------------------- layouts


def reports(setter: Setter) -> list[Item]:
    return [item for item in setter.items if not item.brief]


def lead_across_top(s: Setter) -> None:
    """The first report across the page: its headline the full width, its body in all
    five columns; the others in a two- and a three-column stack below."""
    lead = reports(s)[0]
    rest = [item for item in s.items if item is not lead]
    top = s.lead_over(lead, rest, s.layout.columns, (2, 3), title=s.layout.title_sizes[0])
    s.column_rule(2, top, s.bottom)


def side_by_side(s: Setter) -> None:
    """Three stacks of two columns each, reports in order down them."""
    s.fill(s.items, s.stacks(s.top, (2, 2, 2)))


def l_shape(s: Setter) -> None:
    """The longest report wraps around a boxed short one: its headline across four
    columns, its body to the right of the box and then under it (an L); the other
    reports in a stack beside the L and in two stacks under it."""
    candidates = reports(s)
    lead = max(candidates, key=s.chars_of)
    g, i = s.grid, lead.indices[0]
    sheet, zones, width = Sheet(), {}, g.width(4)
    y = (
        press.strap(sheet, 0, 0, width, lead.strap, style=s.layout.strap_style)
        if lead.strap
        else 0.0
    )
    article = s.articles[i]
    h = press.headline(
        sheet,
        0,
        y,
        width,
        kicker=article["kicker"],
        title=article["title"],
        subtitle=article["subtitle"],
        title_size=s.layout.title_sizes[0],
        side_size=16,
        align=s.layout.align,
    )
    zones[i] = [(0, y, width, y + h)]
    y += h + g.leading * 0.4
    lines = body_lines(i, article, g.colw, g.size)
    # The box: two columns wide, its text a character narrower to a line than the body's.
    pad, box_width = 7.0, g.width(2)
    inner = Grid(g.size, g.chars - 1, box_width - 2 * pad - 2 * (g.chars - 1) * g.size, g.leading)
    others = sorted((c for c in candidates if c is not lead), key=s.chars_of)
    boxed = next(
        (
            c
            for c in others
            if len(lines) > 2 * beside_box(s.module(c, 2, grid=inner, title=20), pad, g) + 8
        ),
        None,
    )
    if boxed is None:
        raise LayoutError("no report is short enough to box inside the longest one")
    module = s.module(boxed, 2, grid=inner, title=20)
    sheet.rect((0, y, box_width, y + module.height + 2 * pad), stroke=RED, fill=BOX_TINT, width=0.8)
    sheet.add(module.sheet, pad, y + pad)
    for index, boxes in module.zones.items():
        zones[index] = [(b[0] + pad, b[1] + y + pad, b[2] + pad, b[3] + y + pad) for b in boxes]
    beside = beside_box(module, pad, g)  # lines in each of the two columns right of the box
    for c in range(2):
        set_lines(
            sheet, zones, lines[c * beside : (c + 1) * beside], g.x(2 + c), y, g.colw, g.leading
        )
    under = y + beside * g.leading + g.leading * 0.6
    bottom = max(
        set_lines(sheet, zones, column, g.x(c), under, g.colw, g.leading)
        for c, column in enumerate(balance(lines[2 * beside :], 4))
    )
    s.place(Module(sheet, zones, width, bottom), s.left, s.top)
    others = [item for item in s.items if item not in (lead, boxed)]
    below = s.top + bottom + s.gap()
    s.fill(others, [s.stacks(s.top, (2,), 4)[0], *s.stacks(below, (2, 2))])
    s.column_rule(4, s.top, s.bottom)


def beside_box(module: Module, pad: float, grid: Grid) -> int:
    """How many body lines run beside a boxed module, down to just below the box."""
    return int((module.height + 2 * pad) // grid.leading) + 1


def briefs_column(s: Setter) -> None:
    """A narrow rail at the right, behind a rule: the rows of briefs (or, on a page with
    none, the shortest reports); the first other report leads the main area across five
    columns, the rest in stacks of two and three columns below it."""
    rail_grid = Grid(9.5, 10, 0.0, round(9.5 * 1.5, 2))
    main_width = s.grid.width(s.layout.columns) - rail_grid.colw - 18
    s.grid = s.grid_for(main_width, 5, s.layout.chars, s.layout.size)
    rail = [item for item in s.items if item.brief]
    if not rail:
        rail = sorted(reports(s), key=s.chars_of)[:3]
    rail_x = s.left + main_width + 18
    left_over = s.fill_rail(rail, rail_x, rail_grid)
    s.sheet.rule(rail_x - 9, s.top, rail_x - 9, s.bottom, width=0.8)
    main = [item for item in s.items if item not in rail or item in left_over]
    lead = next(item for item in main if not item.brief)
    rest = [item for item in main if item is not lead]
    s.lead_over(lead, rest, 5, (3, 2), title=s.layout.title_sizes[0])


def photo_boxes(s: Setter) -> None:
    """Photo reports first, as picture boxes with their captions: one across four
    columns, two or three side by side, or two rows of three; the text reports in stacks
    under them (and beside a four-column one). The pictures grow into what the text
    leaves spare. A page without photo reports pictures its first report."""
    photos = [item for item in reports(s) if s.has_picture(item)]
    pictured = None
    if not photos:
        pictured = reports(s)[0]
        photos = [pictured]
    spans = (4,) if len(photos) == 1 else (3, 3) if len(photos) < 4 else (2, 2, 2)
    sizes = [len(photos) // len(spans) + (k < len(photos) % len(spans)) for k in range(len(spans))]
    chunks = [photos[sum(sizes[:k]) : sum(sizes[: k + 1])] for k in range(len(spans))]
    texts = [item for item in s.items if item not in photos]

    def photo_modules(stretches):
        return [
            [
                s.module(
                    it,
                    span,
                    picture=it is pictured,
                    stretch=stretch,
                    title=s.layout.title_sizes[0] if it is pictured else 0,
                )
                for it in chunk
            ]
            for chunk, span, stretch in zip(chunks, spans, stretches, strict=True)
        ]

    def text_stacks(modules):
        stacks, owners, column = [], [], 0
        for k, (span, stack) in enumerate(zip(spans, modules, strict=True)):
            x, top = s.left + s.grid.x(column), s.top + sum(m.height + s.gap() for m in stack)
            column += span
            for n, half in enumerate((2, 2) if span == 4 else (span,)):
                stacks.append((x + s.grid.x(2 * n), top, half))
                owners.append(k)
        if column < s.layout.columns:
            stacks.append((s.left + s.grid.x(column), s.top, s.layout.columns - column))
            owners.append(None)
        return stacks, owners

    stacks, owners = text_stacks(photo_modules([0] * len(spans)))
    _, spare = s.plan(texts, stacks, s.grid)
    modules = photo_modules(
        [
            max(min(r for r, o in zip(spare, owners, strict=True) if o == k) - 1, 0) / len(chunk)
            for k, chunk in enumerate(chunks)
        ]
    )
    column = 0
    for span, stack in zip(spans, modules, strict=True):
        x, y = s.left + s.grid.x(column), s.top
        column += span
        for module in stack:
            s.place(module, x, y)
            y += module.height + s.gap()
    s.fill(texts, text_stacks(modules)[0])


LAYOUTS: dict[str, Layout] = {
    "lead_across_top": Layout(
        lead_across_top, (842, 1191), 40, 5, 15, 9.5, 1.45, (30, 24, 22, 26), "center", "box"
    ),
    "side_by_side": Layout(
        side_by_side, (842, 1191), 40, 6, 12, 10.0, 1.45, (26, 22, 24), "left", "bar"
    ),
    "l_shape": Layout(
        l_shape, (842, 1191), 36, 6, 12, 9.5, 1.55, (28, 22, 24, 20), "center", "box"
    ),
    "briefs_column": Layout(
        briefs_column, (842, 1191), 40, 6, 12, 10.0, 1.5, (28, 24, 20), "left", "solid"
    ),
    # A tabloid page, 3:4.
    "photo_boxes": Layout(
        photo_boxes, (810, 1080), 32, 6, 11, 10.5, 1.45, (26, 22, 20), "center", "bar"
    ),
}


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class Edition:
    """Which page of which issue: what the page header and the folio print."""

    date: datetime.date = datetime.date(2024, 1, 23)
    number: int = 3
    page_name: str = "工会新闻"
    paper: str = "工会报"
    page_editor: str = "李明"
    designer: str = "王芳"

    @property
    def date_text(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


def page_chrome(sheet: Sheet, layout: Layout, edition: Edition, banner: str = "") -> float:
    """The page header (page number and name, paper, date, rules), the banner, the
    folio. Returns the top of the content area below them."""
    m, (page_w, page_h) = layout.margin, layout.page_size
    right, top, number = page_w - m, m, str(edition.number)
    sheet.rect((m, top, m + 30, top + 30), stroke=RED, fill=RED)
    number_x = m + 15 - press.text_width(number, 20) / 2
    sheet.text(number_x, top + 22, number, 20, bold=True, color=press.WHITE)
    sheet.text(m + 40, top + 24, edition.page_name, 22, bold=True, color=RED)
    weekday = "星期" + WEEKDAYS[edition.date.weekday()]
    dateline = f"{edition.date_text} {weekday}  第{edition.number}版"
    for text, size, y in ((edition.paper, 12, top + 12), (dateline, 9, top + 27)):
        sheet.text(right - press.text_width(text, size), y, text, size, bold=size > 10)
    sheet.rule(m, top + 36, right, top + 36, width=2.0)
    sheet.rule(m, top + 39, right, top + 39, width=0.5)
    top += 50
    if banner:  # 通栏: spaced out in red between rules
        size = 30 if press.text_width(banner, 30) < (right - m) * 0.85 else 24
        text_w = press.text_width(banner, size) + 4 * (len(banner) - 1)
        sheet.text(
            m + (right - m - text_w) / 2, top + 34, banner, size, space=4, bold=True, color=RED
        )
        sheet.rule(m, top + 48, right, top + 48, width=1.0, color=RED)
        top += 60
    folio_y = page_h - m
    sheet.rule(m, folio_y - 14, right, folio_y - 14, width=0.5)
    sheet.text(m, folio_y - 2, f"责任编辑 {edition.page_editor}  版式 {edition.designer}", 8.5)
    folio = f"{edition.paper}  {edition.date_text}  {edition.number}"
    sheet.text(right - press.text_width(folio, 8.5), folio_y - 2, folio, 8.5)
    return top


def tighter(layout: Layout, step: int) -> Layout:
    """The layout with its body `step` half points smaller, in columns as wide as before."""
    size = layout.size - 0.5 * step
    chars = int(layout.chars * layout.size / size + 0.01)
    return replace(layout, size=size, chars=chars, leading=layout.leading - 0.03 * step)


def typeset(
    page: dict,
    *,
    layout: str,
    edition_date: datetime.date = Edition.date,
    number: int = Edition.number,
    page_name: str = Edition.page_name,
    paper: str = Edition.paper,
    page_editor: str = Edition.page_editor,
    designer: str = Edition.designer,
    encrypt: str | None = None,
) -> TypesetPage:
    """Set the page (`{"banner": ..., "articles": [...]}`) in the named layout (LAYOUTS).
    The page header and folio print the edition's date, number and names; `encrypt` is
    a user password the PDF then asks for. Raises LayoutError if the page does not suit
    the layout."""
    edition = Edition(edition_date, number, page_name, paper, page_editor, designer)
    # Too much copy: make-up sets the body half a point smaller, down to 9 points.
    steps = int((LAYOUTS[layout].size - MIN_BODY_SIZE) / 0.5)
    for step in range(steps + 1):
        plan = tighter(LAYOUTS[layout], step)
        setter = Setter(page, plan)
        setter.top = page_chrome(setter.sheet, plan, edition, page.get("banner") or "")
        try:
            plan.arrange(setter)
            break
        except PageFullError:
            if step == steps:
                raise
    width, height = plan.page_size
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), encrypt=encrypt)
    canvas.setTitle(f"{edition.paper} {edition.date_text} 第{edition.number}版 {edition.page_name}")
    setter.sheet.draw(canvas, height)
    canvas.showPage()
    canvas.save()
    zones = [
        [(x0 / width, y0 / height, x1 / width, y1 / height) for x0, y0, x1, y1 in boxes]
        for boxes in (setter.zones[i] for i in range(len(setter.articles)))
    ]
    return TypesetPage(out.getvalue(), (width, height), zones, expected(page))
