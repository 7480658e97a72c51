"""From blocks to reports: what a sub-editor sees on a page at a glance.

1. The page's **furniture** goes first: everything above the header's rule (paper name,
   date, 第N版) and below the footer's rule (folio, 责任编辑), or, without rules, in the
   top and bottom margins.
2. **Straps** (栏目) are lines set in a box, or beside a bar.
3. Display lines close together form **headline stacks**. In a stack the biggest type is
   the 主题; smaller lines above it are the 引题, below it the 副题. A single display line
   hardly bigger than the body, inside a column of text, is a **crosshead** (a
   paragraph of its report, which the draft marks as its crosshead when it also reads as
   one: `parser.scanner.read_laid_out`). A lone wide line at the top with more headlines under it
   is the page's **banner** (通栏).
4. Every column block, picture and caption belongs to the **nearest headline above it
   that spans it** (inside the same frame, if the report is boxed): so a lead across the
   top, reports side by side, and a report wrapped around another (an L) each get their
   own text. A block with no headline above it goes with the headline beside it, or, under
   a brief strap (简讯), is that row of briefs.
5. Within a report, blocks are read column by column, left to right; a paragraph starts at
   an indented line, after a short line, and where the kind of text changes (a caption,
   a credit line).

The result feeds the text parser's own stages (`parser.scanner.read_laid_out`): datelines,
credits, kinds, unions and topics are read exactly as from a dump.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from articles.pageimport.parser.headlines import is_brief_strap
from articles.pageimport.pdf.document import Box, PdfPage
from articles.pageimport.pdf.layout import (
    Block,
    Line,
    Rect,
    blocks_of,
    body_size,
    classify,
    lines_of,
    union,
)

HEADER_BAND = 0.15  # the header's rule lies in the top 15% of the page
FOOTER_BAND = 0.08
MARGIN_BAND = 0.035  # without rules: lines wholly in the top or bottom 3.5% are furniture
PARAGRAPH_INDENT = 1.0  # in sizes: a line set in this far from its column's edge
CROSSHEAD_RATIO = 1.4  # a crosshead is at most this much bigger than the body
BANNER_WIDTH = 0.5  # of the page's width


@dataclass
class Paragraph:
    text: str
    rects: list[Rect] = field(default_factory=list)  # its lines
    crosshead: bool = False  # set as a crosshead (`_crossheads`)


@dataclass
class Stack(Rect):
    """A headline stack: display lines set together."""

    lines: list[Line] = field(default_factory=list)

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)


@dataclass
class LaidOutReport:
    anchor: Rect | None
    head: tuple[str, str, str, str] | None = None  # kicker, title, subtitle mark, subtitle
    strap: str = ""
    brief_strap: str = ""
    items: list[Rect] = field(default_factory=list)  # blocks and pictures, in reading order
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def rects(self) -> list[Rect]:
        """Where the report stands: its headline band, widened over the columns of its
        text and down to where the text begins (a reader taps anywhere in it), then its
        blocks and pictures."""
        if self.anchor is None or not self.items:
            return ([self.anchor] if self.anchor is not None else []) + self.items
        anchor, text = self.anchor, union(self.items)
        below = [item.top for item in self.items if item.top >= anchor.bottom - 2]
        band = Rect(
            min(anchor.x0, text.x0),
            anchor.top,
            max(anchor.x1, text.x1),
            max(anchor.bottom, min(below, default=anchor.bottom)),
        )
        return [band, *self.items]


@dataclass
class LaidOutPage:
    width: float
    height: float
    banner: str | None
    reports: list[LaidOutReport]
    dropped: list[str]


def lay_out(page: PdfPage, *, column_names: set[str] = frozenset()) -> LaidOutPage:
    """The page's banner and reports, each with its headline, text and place."""
    chars = page.chars
    body = body_size(chars)
    lines = lines_of(chars)
    classify(lines, body)
    lines, dropped = _without_furniture(lines, page)
    straps, lines = _straps(lines, page.boxes, column_names)
    blocks = blocks_of(lines)
    rules = [b for b in page.boxes if b.height <= 3]
    boxes = [b for b in page.boxes if not b.picture and b.height > 3 and b.width > 3]
    stacks = _stacks([b for b in blocks if b.role == "display"], rules, boxes)
    text_blocks = [b for b in blocks if b.role != "display"]
    stacks, crossheads = _crossheads(stacks, text_blocks, body)
    text_blocks += crossheads
    banner, stacks = _banner(stacks, text_blocks, straps, page.width)
    pictures = _pictures(page.boxes, lines, body)
    frames = _frames(page.boxes, stacks)

    reports = [LaidOutReport(anchor=stack, head=_roles(stack)) for stack in stacks]
    for strap in straps:
        if is_brief_strap(strap.text):
            reports.append(LaidOutReport(anchor=strap, brief_strap=strap.text))
    owners = _assign([*pictures, *text_blocks], reports, frames, body)
    for item, owner in owners.values():
        owner.items.append(item)
    headless = [item for item in [*pictures, *text_blocks] if id(item) not in owners]
    reports += [LaidOutReport(anchor=None, items=[item]) for item in headless]
    for strap in straps:
        if not is_brief_strap(strap.text):
            _give_strap(strap, reports)
    reports = _in_reading_order([r for r in reports if r.items], body)
    for report in reports:
        report.items = _reading_order(report.items, body)
        report.paragraphs = _paragraphs(report.items, body)
    return LaidOutPage(page.width, page.height, banner, reports, dropped)


# --- 1. furniture --------------------------------------------------------------------------


def _without_furniture(lines: list[Line], page: PdfPage) -> tuple[list[Line], list[str]]:
    rules = [b for b in page.boxes if b.height <= 3 and b.width >= page.width * 0.5]
    # The header's rule is the first wide rule from the top with type above it (a banner
    # further down has rules of its own); the footer's, the last with type below it.
    header = [
        r.top
        for r in rules
        if r.top <= page.height * HEADER_BAND and any(line.bottom <= r.top for line in lines)
    ]
    footer = [
        r.bottom
        for r in rules
        if r.bottom >= page.height * (1 - FOOTER_BAND)
        and any(line.top >= r.bottom for line in lines)
    ]
    top = min(header) if header else page.height * MARGIN_BAND
    bottom = max(footer) if footer else page.height * (1 - MARGIN_BAND)
    kept, dropped = [], []
    for line in lines:
        if line.bottom <= top + 1 or line.top >= bottom - 1:
            dropped.append(line)
        else:
            kept.append(line)
    return kept, [line.text for line in sorted(dropped, key=lambda item: (item.top, item.x0))]


# --- 2. straps -------------------------------------------------------------------------------


def _straps(
    lines: list[Line], boxes: list[Box], column_names: set[str]
) -> tuple[list[Line], list[Line]]:
    """Lines in a box of their own or beside a bar, and display lines that are a known
    column's name, are straps."""
    straps, rest = [], []
    for line in lines:
        boxed = any(_boxes_line(box, line) for box in boxes if not box.picture)
        barred = any(_bars_line(box, line) for box in boxes if not box.picture)
        known = line.role == "display" and line.text in column_names
        (straps if boxed or barred or known else rest).append(line)
    return straps, rest


def _boxes_line(box: Box, line: Line) -> bool:
    return (
        box.contains(line, slack=2)
        and box.height <= line.height * 3.2
        and box.width <= line.width + 10 * line.size
    )


def _bars_line(box: Box, line: Line) -> bool:
    return (
        box.filled
        and box.width <= line.size
        and box.y_overlap(line) >= 0.5 * line.height
        and 0 <= line.x0 - box.x1 <= 2 * line.size
    )


# --- 3. headline stacks, crossheads, the banner ---------------------------------------------


def _stacks(display: list[Block], rules: list[Rect], boxes: list[Rect]) -> list[Stack]:
    stacks: list[Stack] = []
    for block in sorted(display, key=lambda item: (item.top, item.x0)):
        line = block.lines[0]
        home = next((s for s in reversed(stacks) if _stacks_with(s, line, rules, boxes)), None)
        if home is None:
            stacks.append(Stack(line.x0, line.top, line.x1, line.bottom, [line]))
        else:
            home.lines.append(line)
            box = union([home, line])
            home.x0, home.top, home.x1, home.bottom = box.x0, box.top, box.x1, box.bottom
    return stacks


def _stacks_with(stack: Stack, line: Line, rules: list[Rect], boxes: list[Rect]) -> bool:
    """Is the line the next of this headline stack: just under it, overlapping it, with
    no rule between them, and inside the same boxes (a boxed report's headline under
    another's is its own)?"""
    last = max(stack.lines, key=lambda item: item.bottom)
    gap = line.top - last.bottom
    if gap > 1.2 * min(line.size, last.size) or gap < -0.5 * line.size:
        return False
    if stack.x_overlap(line) < 0.3 * min(stack.width, line.width):
        return False
    if any(box.contains(last, 2) != box.contains(line, 2) for box in boxes):
        return False
    return not any(
        last.bottom - 1 <= rule.top <= line.top + 1 and rule.x_overlap(line) > 0 for rule in rules
    )


def _crossheads(
    stacks: list[Stack], text_blocks: list[Block], body: float
) -> tuple[list[Stack], list[Block]]:
    """A single display line hardly bigger than the body, with text of the same column
    right above it, is a crosshead inside a report."""
    kept, crossheads = [], []
    for stack in stacks:
        line = stack.lines[0]
        above = any(
            0 <= line.top - block.bottom <= 2.5 * body and block.x_overlap(line) >= 0.6 * line.width
            for block in text_blocks
            if block.role == "body"
        )
        if len(stack.lines) == 1 and line.size <= CROSSHEAD_RATIO * body and above:
            crossheads.append(Block(line.x0, line.top, line.x1, line.bottom, [line], "crosshead"))
        else:
            kept.append(stack)
    return kept, crossheads


def _banner(
    stacks: list[Stack], text_blocks: list[Block], straps: list[Line], width: float
) -> tuple[str | None, list[Stack]]:
    """The top stack is the banner when it is one wide line and what lies right under it
    is more display type or a strap, not its own text."""
    if not stacks:
        return None, stacks
    top = min(stacks, key=lambda item: item.top)
    if len(top.lines) != 1 or top.width < width * BANNER_WIDTH:
        return None, stacks
    under = [
        item
        for item in [*stacks, *text_blocks, *straps]
        if item is not top and item.top >= top.bottom - 1 and item.x_overlap(top) > 0
    ]
    if not under:
        return None, stacks
    nearest = min(under, key=lambda item: item.top)
    if isinstance(nearest, Block):
        return None, stacks
    return top.lines[0].text, [s for s in stacks if s is not top]


def _roles(stack: Stack) -> tuple[str, str, str, str]:
    """Kicker, title, subtitle mark and subtitle: the biggest type is the title."""
    lines = sorted(stack.lines, key=lambda item: (round(item.top), item.x0))
    biggest = stack.size
    titled = [i for i, line in enumerate(lines) if line.size >= biggest * 0.95]
    first, last = titled[0], titled[-1]
    kicker = _joined(lines[:first])
    title = _joined(lines[first : last + 1])
    subtitle = _joined(lines[last + 1 :])
    mark = ""
    for dash in ("——", "—", "－－", "--"):
        if subtitle.startswith(dash):
            mark, subtitle = dash, subtitle[len(dash) :].strip()
            break
    return kicker, title, mark, subtitle


def _joined(lines: list[Line]) -> str:
    text, spaced = "", False
    for line in lines:
        latin = _is_latin(text[-1:]) and _is_latin(line.text[:1])
        text += (" " if text and (latin or spaced or line.space_before) else "") + line.text
        spaced = line.space_after
    return text


# --- 4. what belongs to which report -------------------------------------------------------


def _pictures(boxes: list[Box], lines: list[Line], body: float) -> list[Rect]:
    """Pictures, and filled areas as big as one with no text on them."""
    found = []
    for box in boxes:
        big = box.width >= 4 * body and box.height >= 4 * body
        blank = not any(box.contains(line) for line in lines)
        picture = box.picture or (box.filled and blank)
        if picture and big and not any(r.contains(box) for r in found):
            found.append(box)
    return found


def _frames(boxes: list[Box], stacks: list[Stack]) -> list[Rect]:
    """Stroked boxes around a headline and its text: a boxed report."""
    frames = []
    for box in boxes:
        if box.picture or box.height <= 3 or box.width <= 3:
            continue
        if any(box.contains(stack, slack=2) for stack in stacks):
            frames.append(box)
    return frames


def _frame_of(item: Rect, frames: list[Rect]) -> Rect | None:
    around = [f for f in frames if f.contains(item, slack=2)]
    return min(around, key=lambda f: f.area) if around else None


def _assign(items: list[Rect], reports: list[LaidOutReport], frames: list[Rect], body: float):
    """Which report each block and picture belongs to (`owners[id(item)] = (item,
    report)`), in three passes:

    1. top to bottom, an item right under what is nearest above it in its frame goes with
       it: a headline that spans it, or a picture or block already placed (a caption under
       its picture, a credit under its caption, a column's next block);
    2. an item beginning at the height of a placed block in the next column over joins
       that report (the first and last columns of a lead under a centred headline, the
       column a headline only half spans, text running on under a boxed report);
    3. what is left goes with the nearest headline above that spans it, however far, or
       the headline beside it."""
    owners: dict = {}
    pending = sorted(items, key=lambda item: (item.top, item.x0))

    def place(item, owner) -> None:
        owners[id(item)] = (item, owner)

    def right_under(item):
        found = _owner(item, reports, owners, frames, body)
        if found is not None and item.top - found[0].bottom <= 3 * body:
            return found[1]
        return None

    for item in pending:
        if (owner := right_under(item)) is not None:
            place(item, owner)
    for fallback in (False, True):
        changed = True
        while changed:
            changed = False
            for item in pending:
                if id(item) in owners:
                    continue
                owner = right_under(item) or _alongside(item, owners, body)
                if owner is None and fallback:
                    found = _owner(item, reports, owners, frames, body)
                    owner = found[1] if found else _beside(item, reports, body)
                if owner is not None:
                    place(item, owner)
                    changed = True
    return owners


def _owner(item: Rect, reports: list[LaidOutReport], owners: dict, frames, body: float):
    """What is nearest above the item in its frame and spans it: (that rect, its report)."""
    frame = _frame_of(item, frames)
    best, best_key = None, None
    candidates = [(report.anchor, report, True) for report in reports]
    candidates += [(placed, owner, False) for placed, owner in owners.values()]
    for rect, report, headline in candidates:
        if rect.bottom > item.top + 2 or rect is item:
            continue
        # A headline spans a column it covers a good part of, or, right above it, any
        # part (the first column of a report under a centred headline); a block spans
        # the block under it.
        share = (0.15 if item.top - rect.bottom <= 3 * body else 0.4) if headline else 0.5
        if rect.x_overlap(item) < share * min(item.width, rect.width):
            continue
        if _frame_of(rect, frames) is not frame:
            continue
        key = (rect.bottom, rect.x_overlap(item))
        if best_key is None or key > best_key:
            best, best_key = (rect, report), key
    return best


def _alongside(item: Rect, owners: dict, body: float):
    """A block beginning at the height of a placed block in the next column over: the
    nearest such block's report."""
    best, best_distance = None, None
    for placed, owner in owners.values():
        level = abs(placed.top - item.top) <= 1.5 * body and placed.y_overlap(item) > 0
        distance = min(abs(item.x0 - placed.x1), abs(placed.x0 - item.x1))
        if level and distance <= 3 * body and (best is None or distance < best_distance):
            best, best_distance = owner, distance
    return best


def _beside(item: Rect, reports: list[LaidOutReport], body: float):
    """A block with no headline above it: the headline that starts beside it, at its
    height (a column of text begun next to its report's headline), the nearest one."""
    level = [r for r in reports if item.top - 2 <= r.anchor.top <= item.top + 3 * body]
    if not level:
        return None
    return min(level, key=lambda r: max(r.anchor.x0 - item.x1, item.x0 - r.anchor.x1))


def _give_strap(strap: Line, reports: list[LaidOutReport]) -> None:
    """A strap heads the nearest report under it whose text it stands over (a strap set
    at the left over a lead whose headline is centred heads the lead)."""
    under = [
        r
        for r in reports
        if r.anchor is not None
        and not r.brief_strap
        and r.anchor.top >= strap.top
        and union(r.rects).x_overlap(strap) > 0
    ]
    if under:
        nearest = min(under, key=lambda r: (r.anchor.top, abs(r.anchor.x0 - strap.x0)))
        nearest.strap = (nearest.strap + " / " if nearest.strap else "") + strap.text


def _in_reading_order(reports: list[LaidOutReport], body: float) -> list[LaidOutReport]:
    """The page's reading order, as a reader's eye goes (an XY cut): what lies across the
    whole width above the rest first, then the stacks side by side, left to right, each
    read top to bottom. Reports no straight cut separates (one wrapped around another)
    go by where they start."""
    boxes = [(union(r.rects), r) for r in reports]
    return [r for _, r in _xy_cut(boxes, body)]


def _xy_cut(boxes: list[tuple], body: float, *, columns_first: bool = False):
    """Order boxes by cutting their region in two along a clear line, again and again:
    across first (what lies above comes first), then down (left before right).

    Inside one report (`columns_first`), its columns are read before any line across:
    a line across that happens to pass between paragraphs of every column is no tier;
    only one above which the text stands in fewer columns (it ran beside something
    boxed) is."""
    if len(boxes) <= 1:
        return boxes
    across, down = _cut_along(boxes, "y", body), _cut_along(boxes, "x", body)
    if columns_first and len(down) > 1 and not _tiers(across, body):
        parts = down
    else:
        parts = across if len(across) > 1 else down
    if len(parts) > 1:
        return [item for part in parts for item in _xy_cut(part, body, columns_first=columns_first)]
    return sorted(boxes, key=lambda item: _start(item).top)


def _tiers(parts: list[list[tuple]], body: float) -> bool:
    """Do these parts, one above the other, span different widths (a tier)?"""
    if len(parts) < 2:
        return False
    spans = [union(rect for rect, _ in part) for part in parts]
    return any(
        abs(a.x0 - b.x0) > 2 * body or abs(a.x1 - b.x1) > 2 * body
        for a, b in itertools.pairwise(spans)
    )


def _start(item: tuple) -> Rect:
    rect, report = item
    return report.anchor if report is not None and report.anchor is not None else rect


def _cut_along(boxes, axis: str, body: float) -> list[list]:
    """The boxes in runs that a straight line across the region separates."""

    def span(rect: Rect) -> tuple[float, float]:
        return (rect.top, rect.bottom) if axis == "y" else (rect.x0, rect.x1)

    ordered = sorted(boxes, key=lambda item: span(item[0]))
    parts, reach = [[ordered[0]]], span(ordered[0][0])[1]
    for item in ordered[1:]:
        start, end = span(item[0])
        if start >= reach - 0.5 * body:
            parts.append([item])
        else:
            parts[-1].append(item)
        reach = max(reach, end)
    return parts


# --- 5. reading a report -----------------------------------------------------------------


def _reading_order(items: list[Rect], body: float) -> list[Rect]:
    """A report's blocks as the eye reads them (the same XY cut as the page's): a tier
    above the rest first (a report wrapped around another reads its top tier, then what
    runs under the other), columns left to right, each top to bottom."""
    boxes = [(item, None) for item in items]
    return [item for item, _ in _xy_cut(boxes, body, columns_first=True)]


def _paragraphs(items: list[Rect], body: float) -> list[Paragraph]:
    """The report's text, line by line: a paragraph starts at an indented line, after a
    line that stopped short of its column's edge, at a crosshead and the line after it,
    and where the kind of text changes (body, caption, credit line)."""
    paragraphs: list[Paragraph] = []
    blocks = [item for item in items if isinstance(item, Block)]
    ended = True  # the line before ended its paragraph
    kind = None
    for block in items:
        if not isinstance(block, Block):
            ended = True  # a picture: the caption under it is a paragraph of its own
            continue
        left, right = _column_edges(block, blocks)
        # A line standing apart from every column (a credit set flush right, 责任编辑 X)
        # is a paragraph of its own.
        apart = len(block.lines) == 1 and not any(
            other is not block and abs(other.x0 - block.x0) <= 3 * block.size for other in blocks
        )
        for index, line in enumerate(block.lines):
            indented = not block.flush_right and line.x0 - left >= PARAGRAPH_INDENT * line.size
            changed = index == 0 and (block.role != kind or apart)
            if ended or indented or changed or block.role == "crosshead":
                paragraphs.append(Paragraph(line.text, [line], block.role == "crosshead"))
            else:
                last = paragraphs[-1]
                latin = _is_latin(last.text[-1:]) and _is_latin(line.text[:1])
                spaced = latin or last.rects[-1].space_after or line.space_before
                last.text += (" " if spaced else "") + line.text
                last.rects.append(line)
            ended = block.role == "crosshead" or apart or line.x1 < right - 1.5 * line.size
        kind = block.role
    return paragraphs


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _column_edges(block: Block, blocks: list[Block]) -> tuple[float, float]:
    """The left and right edges of the column a block is set in (its blocks of one
    measure: a caption across two columns is not the column under it)."""
    size = block.size
    same = [
        b
        for b in blocks
        if abs(b.x0 - block.x0) <= 3 * size
        and abs(b.x1 - block.x1) <= 3 * size
        and b.role == block.role
    ]
    return min(line.x0 for b in same for line in b.lines), max(b.x1 for b in same)
