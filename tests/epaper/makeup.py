"""Make-up for the test typesetter: the grid, reports composed into modules (headline,
pictures, text balanced over columns) and a `Setter` that places them on the page and
keeps every report's zones. The layouts in tests/epaper/typeset.py drive it."""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations_with_replacement

from tests.epaper import press
from tests.epaper.pages import SENTENCE_END, wording
from tests.epaper.press import Box, Line, Sheet, paragraph_lines, runs


class LayoutError(Exception):
    """The page does not suit the layout."""


class PageFullError(LayoutError):
    """The reports do not fit the page at this size of type."""


@dataclass(frozen=True)
class Grid:
    """Body type on a character grid: `chars` full-width characters to a column."""

    size: float
    chars: int
    gutter: float
    leading: float

    @property
    def colw(self) -> float:
        return self.chars * self.size

    def x(self, column: int) -> float:
        return column * (self.colw + self.gutter)

    def width(self, span: int) -> float:
        return span * self.colw + (span - 1) * self.gutter


@dataclass(frozen=True)
class Layout:
    arrange: Callable[["Setter"], None]
    page_size: tuple[float, float]
    margin: float
    columns: int
    chars: int
    size: float
    leading: float  # of the body, as a multiple of its size
    title_sizes: tuple[float, ...]  # the lead report's, then the others' in turn
    align: str  # of headlines: left or center
    strap_style: str  # box, bar or solid (press.strap)


@dataclass
class Item:
    """What a layout places: one report, or a row of briefs under their strap."""

    indices: list[int]
    strap: str
    brief: bool


@dataclass
class Module:
    sheet: Sheet
    zones: dict[int, list[Box]]
    width: float
    height: float


def is_crosshead(text: str) -> bool:
    return len(text) <= 16 and not text.endswith(SENTENCE_END)


def balance(lines: list[Line], columns: int) -> list[list[Line]]:
    """Split lines into columns of even length, as make-up balances a report's columns."""
    per = -(-len(lines) // columns)
    return [lines[c * per : (c + 1) * per] for c in range(columns)]


def set_lines(
    sheet: Sheet, zones: dict, lines: list[Line], x: float, top: float, width: float, leading: float
) -> float:
    """Set lines down one column; each run of lines of one report and part is a zone."""
    start, key = top, None
    for line in [*lines, None]:
        this = None if line is None else (line.owner, line.part)
        if key != this:
            if key is not None and key[0] is not None and top > start:
                zones.setdefault(key[0], []).append((x, start, x + width, top))
            start, key = top, this
        if line is not None:
            press.set_line(sheet, line, x, top, width, leading)
            top += leading
    return top


def body_lines(index: int, article: dict, width: float, size: float) -> list[Line]:
    """The report's text as lines: the lead (run into the first paragraph, or a line of its
    own), paragraphs with a two-character indent, crossheads, the credit lines."""
    printed = wording(article)
    lines: list[Line] = []
    if printed["lead"] and not printed["lead_runin"]:
        lead = runs(printed["lead"], bold=True)
        lines += paragraph_lines(lead, width, size, indent=False, align="left", part="credit")
    paragraphs = list(article["paragraphs"])
    if article["kind"] == "photo":
        paragraphs = [p for p in paragraphs if not p.startswith("图为")]
    if paragraphs and printed["tail"]:
        paragraphs[-1] += printed["tail"]
    for k, text in enumerate(paragraphs):
        if k and is_crosshead(text):
            lines.append(Line([], size))
            lines += paragraph_lines(
                runs(text, bold=True), width, size * 1.1, indent=False, align="center"
            )
            continue
        units = runs(text)
        if k == 0 and printed["lead"] and printed["lead_runin"]:
            units = runs(printed["lead"], bold=True) + units
        lines += paragraph_lines(units, width, size)
    for credit in printed["lines"]:
        lines += paragraph_lines(
            runs(credit), width, size, indent=False, align="right", part="credit"
        )
    for line in lines:
        line.owner = index
    return lines


class Setter:
    """One page being made up: the layout's grid and content area, the placed modules."""

    def __init__(self, page: dict, layout: Layout):
        self.articles = page["articles"]
        self.layout = layout
        self.sheet = Sheet()
        self.zones: dict[int, list[Box]] = {i: [] for i in range(len(self.articles))}
        self.items = self._items()
        width = layout.page_size[0] - 2 * layout.margin
        self.grid = self.grid_for(width, layout.columns, layout.chars, layout.size)
        self.left = layout.margin
        self.top = layout.margin
        self.bottom = layout.page_size[1] - layout.margin - 24
        self._modules: dict = {}

    def grid_for(self, width: float, columns: int, chars: int, size: float) -> Grid:
        gutter = (width - columns * chars * size) / max(columns - 1, 1)
        assert gutter >= 0.5 * size, "the columns do not fit the width"
        return Grid(size, chars, gutter, round(size * self.layout.leading, 2))

    def _items(self) -> list[Item]:
        items: list[Item] = []
        previous = None
        for i, article in enumerate(self.articles):
            column = article["column"]
            same = (
                items
                and items[-1].brief
                and self.articles[items[-1].indices[-1]]["column"] == column
            )
            if article["kind"] == "brief" and same:
                items[-1].indices.append(i)
            else:
                strap = column if column and column != previous else ""
                items.append(Item([i], strap, article["kind"] == "brief"))
            previous = column
        return items

    def chars_of(self, item: Item) -> int:
        return sum(len("".join(self.articles[i]["paragraphs"])) for i in item.indices)

    def title_size(self, item: Item) -> float:
        """The longer the report, the bigger its title (the lead's is chosen apart)."""
        sizes = sorted(self.layout.title_sizes[1:], reverse=True)
        chars = self.chars_of(item)
        size = sizes[0] if chars > 700 else sizes[1] if chars > 350 else sizes[-1] - 2
        return min(size, 22) if self.articles[item.indices[0]]["kind"] == "photo" else size

    # ----------------------------------------------------------------- composing modules

    def module(
        self,
        item: Item,
        span: int,
        *,
        grid: Grid | None = None,
        title: float = 0,
        picture: bool = False,
        stretch: float = 0.0,
    ) -> Module:
        """The item set `span` columns wide at the origin (memoised: layouts measure
        before they place)."""
        grid = grid or self.grid
        title = title or self.title_size(item)
        key = (tuple(item.indices), span, grid, title, picture, stretch)
        if key not in self._modules:
            self._modules[key] = self._compose(item, span, grid, title, picture, stretch)
        return self._modules[key]

    def _compose(self, item, span, grid, title, picture, stretch) -> Module:
        sheet, zones, width, y = Sheet(), {}, grid.width(span), 0.0
        if item.strap:
            y += press.strap(sheet, 0, 0, width, item.strap, style=self.layout.strap_style)
        if item.brief:  # briefs one after another, balanced over the columns
            lines: list[Line] = []
            for i in item.indices:
                if lines:
                    lines.append(Line([], grid.size))
                lines += body_lines(i, self.articles[i], grid.colw, grid.size)
            y = self._columns(sheet, zones, y, balance(lines, span), grid)
            return Module(sheet, zones, width, y)
        index = item.indices[0]
        article = self.articles[index]
        mine = zones.setdefault(index, [])
        if article["title"]:
            h = press.headline(
                sheet,
                0,
                y,
                width,
                kicker=article["kicker"],
                title=article["title"],
                subtitle=article["subtitle"],
                title_size=title,
                side_size=15 if title >= 24 else 14,
                align=self.layout.align,
            )
            mine.append((0, y, width, y + h))
            y += h + grid.leading * 0.4
        if article["kind"] != "photo":
            if picture:  # a news picture without a caption of its own
                top, y = y, self._picture(sheet, str(index), y, width, stretch)
                mine.append((0, top, width, y))
                y += grid.leading * 0.5
            lines = body_lines(index, article, grid.colw, grid.size)
            return Module(
                sheet, zones, width, self._columns(sheet, zones, y, balance(lines, span), grid)
            )
        # A photo report's text is set smaller: across a narrow picture, in columns under
        # a wide one. Paragraphs that start 图为 caption a picture each; otherwise the
        # text is the one picture's caption.
        size = grid.size - 1
        # Smaller type in the body's columns: the same column positions.
        small = Grid(
            size, grid.chars, grid.gutter + grid.chars * (grid.size - size), round(size * 1.45, 2)
        )
        across = span < 3
        small_w = width if across else grid.colw
        captions = [p for p in article["paragraphs"] if p.startswith("图为")]
        text = body_lines(index, article, small_w, size)
        body = [line for line in text if line.part == "body"]
        for n, caption in enumerate(captions or [None]):
            top = y
            y = self._picture(sheet, f"{index}-{n}", y, width, stretch / max(len(captions), 1))
            if caption:  # runs across its picture
                lines = paragraph_lines(runs(caption), width, size, indent=False)
                y = self._columns(sheet, {}, y, [lines], small, width)
            else:
                y = self._columns(
                    sheet, {}, y, balance(body, 1 if across else span), small, small_w
                )
            mine.append((0, top, width, y))
            y += grid.leading * 0.5
        if captions:
            y = self._columns(sheet, zones, y, balance(body, 1 if across else span), small, small_w)
        credits = [line for line in text if line.part == "credit"]
        return Module(
            sheet, zones, width, set_lines(sheet, zones, credits, 0, y, width, small.leading)
        )

    def _picture(self, sheet, seed, top, width, stretch) -> float:
        height = min(min(width * 0.6, 200) + stretch, width * 1.1)  # up to a portrait
        sheet.picture((0, top, width, top + height), seed)
        return top + height + 4

    def _columns(self, sheet, zones, top, columns, grid, width=None) -> float:
        width = width or grid.colw
        return max(
            set_lines(sheet, zones, lines, grid.x(c), top, width, grid.leading)
            for c, lines in enumerate(columns)
        )

    # ----------------------------------------------------------------- placing modules

    def place(self, module: Module, x: float, y: float) -> None:
        if y + module.height > self.bottom + 0.5:
            raise PageFullError("the page is full")
        self.sheet.add(module.sheet, x, y)
        for index, boxes in module.zones.items():
            self.zones[index] += [(b[0] + x, b[1] + y, b[2] + x, b[3] + y) for b in boxes]

    def gap(self) -> float:
        return self.grid.leading * 1.3

    def plan(
        self, items: list[Item], stacks: list[tuple[float, float, int]], grid: Grid
    ) -> tuple[list[list[Item]], list[float]]:
        """Split the items, in order, between stacks of columns ((x, top, span) each, left
        to right) so that the emptiest stack is as full as can be; returns each stack's
        items and the height it leaves spare."""
        gap = self.gap()
        heights = [[self.module(it, span, grid=grid).height for it in items] for *_, span in stacks]
        best = None
        for cuts in combinations_with_replacement(range(len(items) + 1), len(stacks) - 1):
            bounds = (0, *cuts, len(items))
            spare = []
            for k, (_, top, _) in enumerate(stacks):
                chunk = heights[k][bounds[k] : bounds[k + 1]]
                used = sum(chunk) + gap * max(len(chunk) - 1, 0)
                empty = not chunk and len(items) >= len(stacks)
                spare.append(-1 if empty else self.bottom - top - used)
            if min(spare) >= 0 and (best is None or max(spare) < max(best[1])):
                best = (bounds, spare)
        if best is None:
            raise PageFullError("the reports do not fit the page")
        bounds, spare = best
        return [items[bounds[k] : bounds[k + 1]] for k in range(len(stacks))], spare

    def fill(
        self, items: list[Item], stacks: list[tuple[float, float, int]], *, grid: Grid | None = None
    ) -> None:
        """Set the items down the stacks as `plan` splits them; pictures in a stack grow
        into what is left of it. A thin rule parts two reports in a stack."""
        grid, gap = grid or self.grid, self.gap()
        chunks, spare = self.plan(items, stacks, grid)
        for (x, y, span), chunk, room in zip(stacks, chunks, spare, strict=True):
            pictured = [it for it in chunk if self.has_picture(it)]
            stretch = room / len(pictured) if pictured else 0
            for n, item in enumerate(chunk):
                if n:
                    self.sheet.rule(x, y - gap / 2, x + grid.width(span), y - gap / 2, width=0.4)
                module = self.module(
                    item, span, grid=grid, stretch=stretch if item in pictured else 0
                )
                self.place(module, x, y)
                y += module.height + gap

    def lead_over(
        self, lead: Item, rest: list[Item], span: int, spans: tuple[int, ...], *, title: float
    ) -> float:
        """The lead `span` columns wide at the top, the rest in stacks under it; a photo
        lead's picture grows into what the stacks leave spare. Returns the stacks' top."""
        module = self.module(lead, span, title=title)
        if self.has_picture(lead):
            top = self.top + module.height + self.gap()
            _, spare = self.plan(rest, self.stacks(top, spans), self.grid)
            module = self.module(lead, span, title=title, stretch=max(min(spare) - 1, 0))
        self.place(module, self.left, self.top)
        top = self.top + module.height + self.gap()
        width = self.grid.width(span)
        self.sheet.rule(
            self.left, top - self.gap() / 2, self.left + width, top - self.gap() / 2, width=1.0
        )
        self.fill(rest, self.stacks(top, spans))
        return top

    def fill_rail(self, items: list[Item], x: float, grid: Grid) -> list[Item]:
        """Set items down one narrow column while they fit; returns the others."""
        y = self.top
        for n, item in enumerate(items):
            module = self.module(item, 1, grid=grid, title=17)
            if y + module.height > self.bottom:
                return items[n:]
            if n:
                self.sheet.rule(x, y - self.gap() / 2, x + grid.colw, y - self.gap() / 2, width=0.4)
            self.place(module, x, y)
            y += module.height + self.gap()
        return []

    def has_picture(self, item: Item) -> bool:
        return not item.brief and self.articles[item.indices[0]]["kind"] == "photo"

    def stacks(self, top: float, spans: tuple[int, ...], first_column: int = 0) -> list:
        out, column = [], first_column
        for span in spans:
            out.append((self.left + self.grid.x(column), top, span))
            column += span
        return out

    def column_rule(self, column: int, top: float, bottom: float) -> None:
        x = self.left + self.grid.x(column) - self.grid.gutter / 2
        self.sheet.rule(x, top, x, bottom, width=0.4)
