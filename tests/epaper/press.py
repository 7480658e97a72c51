"""Drawing primitives of the test typesetter (tests/epaper/typeset.py).

One CJK TrueType font (embedded as a subset, so the PDF's text layer maps back to Unicode),
lines of type justified on a character grid, headline stacks, straps and picture boxes.
Everything is first recorded on a `Sheet` in page points with the origin at the top left,
so that a report can be composed, measured and moved before it is drawn on the page.
"""

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Debian's fonts-wqy-microhei (`make system-deps`); index 0 of the collection.
FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT = "WenQuanYiMicroHei"

BLACK = (0.0, 0.0, 0.0)
GREY = (0.4, 0.4, 0.4)
RED = (0.76, 0.07, 0.1)
WHITE = (1.0, 1.0, 1.0)

# (x0, top, x1, bottom) in points, the origin at the top left of the page.
Box = tuple[float, float, float, float]

# The line-breaking rules of Chinese type (避头尾): no closing mark starts a line, no
# opening mark ends one.
NO_LINE_START = frozenset("，。、；：？！）》」』”’%…·")
NO_LINE_END = frozenset("（《「『“‘")
# A Latin word or number is never broken; a doubled dash or ellipsis stays together.
_UNIT = re.compile(r"[A-Za-z0-9.%/+\-]+|……|——|.", re.S)


@cache
def font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT


@cache
def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font(), size)


def glyph_baseline(top: float, height: float, size: float) -> float:
    """The baseline that centres a line of `size` type in a slot (the font's ascent is
    0.765 em, its descent 0.24 em)."""
    return top + height / 2 + size * 0.26


@dataclass(frozen=True)
class Run:
    """A unit that line breaking never splits, with its style."""

    text: str
    bold: bool = False


def runs(text: str, *, bold: bool = False) -> list[Run]:
    return [Run(m.group(), bold) for m in _UNIT.finditer(text)]


def break_lines(
    units: list[Run], width: float, size: float, indent: float = 0.0, *, squeeze: bool = True
) -> list:
    """Greedy line breaking: fill each line, then keep closing marks off the start of the
    next line (by squeezing one into this justified line or carrying a character over)
    and opening marks off the end of this one."""
    lines, line, used = [], [], indent

    def widths(items):
        return sum(text_width(u.text, size) for u in items)

    for unit in units:
        w = text_width(unit.text, size)
        if line and used + w > width + 0.01:
            if squeeze and unit.text[0] in NO_LINE_START and used + w <= width + size * 1.01:
                line.append(unit)
                lines.append(line)
                line, used = [], 0.0
                continue
            carry = []
            if unit.text[0] in NO_LINE_START and len(line) > 1:
                carry.insert(0, line.pop())
            while len(line) > 1 and line[-1].text in NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append(line)
            line, used = carry, widths(carry)
        line.append(unit)
        used += w
    if line:
        lines.append(line)
    return lines


@dataclass
class Line:
    """A line of type on the grid; `part` names the block it belongs to (body, credit)."""

    units: list[Run]
    size: float
    indent: float = 0.0
    align: str = "justify"  # justify, last (a paragraph's last line), left, center, right
    part: str = "body"
    owner: int | None = None  # the report's index on the page


@dataclass
class Op:
    kind: str
    xy: tuple[float, ...]  # x, y pairs, moved together
    params: dict


@dataclass
class Sheet:
    """Drawing operations recorded in page points (origin top left)."""

    ops: list[Op] = field(default_factory=list)

    def text(self, x, y, text, size, *, space=0.0, bold=False, color=BLACK):
        self.ops.append(
            Op("text", (x, y), dict(text=text, size=size, space=space, bold=bold, color=color))
        )

    def rect(self, box: Box, *, stroke=BLACK, fill=None, width=0.6):
        x0, y0, x1, y1 = box
        self.ops.append(Op("rect", (x0, y0, x1, y1), dict(stroke=stroke, fill=fill, width=width)))

    def rule(self, x0, y0, x1, y1, *, width=0.5, color=BLACK, dash=None):
        self.ops.append(Op("rule", (x0, y0, x1, y1), dict(width=width, color=color, dash=dash)))

    def picture(self, box: Box, seed: str):
        x0, y0, x1, y1 = box
        self.ops.append(Op("picture", (x0, y0, x1, y1), dict(seed=seed)))

    def add(self, other: "Sheet", dx: float = 0.0, dy: float = 0.0) -> None:
        for op in other.ops:
            xy = tuple(v + (dx if i % 2 == 0 else dy) for i, v in enumerate(op.xy))
            self.ops.append(Op(op.kind, xy, op.params))

    def draw(self, canvas, page_height: float) -> None:
        """Draw onto a reportlab canvas (whose origin is the bottom left). Consecutive
        texts of one style share a text object: a smaller content stream to parse."""
        style, obj = None, None

        def y(v):
            return page_height - v

        def end_text():
            nonlocal style, obj
            if obj is not None:
                canvas.drawText(obj)
                if style[2]:
                    canvas.restoreState()
            style, obj = None, None

        for op in self.ops:
            p = op.params
            if op.kind == "text":
                if style != (p["size"], p["color"], p["bold"]):
                    end_text()
                    style = (p["size"], p["color"], p["bold"])
                    obj = begin_text(canvas, *style)
                add_text(canvas, obj, op.xy[0], y(op.xy[1]), p["text"], p["size"], p["space"])
                continue
            end_text()
            x0, y0, x1, y1 = op.xy
            if op.kind == "picture":
                image = ImageReader(drawn_picture(p["seed"], x1 - x0, y1 - y0))
                canvas.drawImage(image, x0, y(y1), x1 - x0, y1 - y0)
                p = dict(stroke=GREY, fill=None, width=0.5)
            if op.kind in ("rect", "picture"):
                canvas.setLineWidth(p["width"])
                canvas.setStrokeColorRGB(*p["stroke"])
                if p["fill"]:
                    canvas.setFillColorRGB(*p["fill"])
                canvas.rect(x0, y(y1), x1 - x0, y1 - y0, stroke=1, fill=int(bool(p["fill"])))
            else:
                canvas.setLineWidth(p["width"])
                canvas.setStrokeColorRGB(*p["color"])
                canvas.setDash(*(p["dash"] or ([], 0)))
                canvas.line(x0, y(y0), x1, y(y1))
                canvas.setDash([], 0)
        end_text()


def begin_text(canvas, size: float, color, bold: bool):
    """A text object for lines of one size, colour and weight."""
    if bold:  # one weight only: bold is the outline stroked as well; the render mode is
        canvas.saveState()  # graphics state, restored when the text object ends
        canvas.setStrokeColorRGB(*color)
        canvas.setLineWidth(size * 0.035)
    canvas.setFillColorRGB(*color)
    obj = canvas.beginText()
    obj.setFont(font(), size)
    if bold:
        obj.setTextRenderMode(2)
    return obj


def add_text(canvas, obj, x: float, y: float, text: str, size: float, space: float) -> None:
    """Text at (x, y), its characters `space` apart (a justified line). pdfminer adds
    the character spacing (Tc) only between the characters of one string, and reportlab
    writes a string per font subset: each subset's run starts at its computed position."""
    obj.setCharSpace(space)
    start = 0
    for _subset, codes in pdfmetrics.getFont(font()).splitString(text, canvas._doc):
        piece = text[start : start + len(codes)]
        start += len(codes)
        obj.setTextOrigin(x, y)
        obj.textOut(piece)
        x += text_width(piece, size) + space * len(piece)


def set_line(
    sheet: Sheet, line: Line, x: float, top: float, width: float, height: float, *, color=BLACK
) -> None:
    """One line in its slot. A justified line spreads its characters to both edges; a
    paragraph's last line ("last") stays ragged unless it must squeeze a closing mark in."""
    size = line.size
    text = "".join(u.text for u in line.units)
    free = width - line.indent - text_width(text, size)
    space, start = 0.0, x + line.indent
    if line.align in ("justify", "last") and len(text) > 1:
        if line.align == "justify" or free < 0:
            space = free / (len(text) - 1)
    elif line.align == "center":
        start += free / 2
    elif line.align == "right":
        start += free
    baseline = glyph_baseline(top, height, size)
    segment: list[Run] = []
    for unit in [*line.units, None]:
        if segment and (unit is None or unit.bold != segment[0].bold):
            piece = "".join(u.text for u in segment)
            sheet.text(start, baseline, piece, size, space=space, bold=segment[0].bold, color=color)
            start += text_width(piece, size) + space * len(piece)
            segment = []
        if unit is not None:
            segment.append(unit)


def paragraph_lines(
    units: list[Run],
    width: float,
    size: float,
    *,
    indent: bool = True,
    align: str = "justify",
    part: str = "body",
) -> list[Line]:
    first = 2 * size if indent else 0.0
    broken = break_lines(units, width, size, first)
    lines = [Line(u, size, first if i == 0 else 0.0, align, part) for i, u in enumerate(broken)]
    if lines and align == "justify":
        lines[-1].align = "last"  # set_line leaves it ragged
    return lines


def wrap_headline(text: str, size: float, width: float) -> list[str]:
    """Break a headline into as few lines as the width allows, of balanced length, at a
    space if the text has one there (the space stays at the end of the first line)."""
    count = len(break_lines(runs(text), width, size, squeeze=False))
    if count == 1:
        return [text]
    if count == 2 and " " in text:
        cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - len(text) / 2))
        head, tail = text[: cut + 1], text[cut + 1 :]
        if max(text_width(head, size), text_width(tail, size)) <= width:
            return [head, tail]
    target = text_width(text, size) / count
    while True:  # the narrowest measure that still takes no more lines
        lines = break_lines(runs(text), min(target, width), size, squeeze=False)
        if len(lines) <= count:
            return ["".join(u.text for u in line) for line in lines]
        target += size / 2


def headline(
    sheet: Sheet,
    x: float,
    top: float,
    width: float,
    *,
    kicker: str,
    title: str,
    subtitle: str,
    title_size: float,
    side_size: float,
    align: str,
) -> float:
    """A headline stack: kicker above the title, the subtitle below it after a dash.
    Returns its height; the title shrinks (to 0.7 of its size) rather than take 4 lines."""
    size = title_size
    while len(wrap_headline(title, size, width)) > 3 and size > title_size * 0.7:
        size -= 1
    y = top
    parts = [(kicker, side_size, False, 1.35), (title, size, True, 1.22)]
    if subtitle:
        parts.append(("——" + subtitle, side_size, False, 1.35))
    for text, sz, bold, leading in parts:
        if not text:
            continue
        for piece in wrap_headline(text, sz, width):
            free = width - text_width(piece, sz)
            dx = free / 2 if align == "center" else 0.0
            sheet.text(x + dx, glyph_baseline(y, sz * leading, sz), piece, sz, bold=bold)
            y += sz * leading
        y += sz * 0.15
    return y - top


def strap(sheet: Sheet, x: float, top: float, width: float, text: str, *, style: str) -> float:
    """A column strap (栏目): a boxed, barred or solid label with a rule across the width.
    Returns its height."""
    size, height = 13.0, 24.0
    label = text_width(text, size)
    baseline = glyph_baseline(top, height, size)
    if style == "bar":
        sheet.rect((x, top + 3, x + 5, top + height - 3), stroke=RED, fill=RED)
        sheet.text(x + 10, baseline, text, size, bold=True, color=RED)
        sheet.rule(x, top + height, x + width, top + height, width=1.2, color=RED)
    elif style == "solid":
        sheet.rect((x, top, x + label + 16, top + height), stroke=RED, fill=RED)
        sheet.text(x + 8, baseline, text, size, bold=True, color=WHITE)
        sheet.rule(x, top + height, x + width, top + height, width=1.2, color=RED)
    else:
        sheet.rect((x, top + 1, x + label + 14, top + height - 1), stroke=RED, width=1.0)
        sheet.text(x + 7, baseline, text, size, bold=True, color=RED)
        sheet.rule(x + label + 14, top + height / 2, x + width, top + height / 2, color=RED)
    return height + 6


@cache
def drawn_picture(seed: str, width_pt: float, height_pt: float) -> Image.Image:
    """A small made-up press photo: sky, buildings, a row of people, a banner."""
    rnd = random.Random(seed)
    w, h = max(60, int(width_pt * 0.8)), max(40, int(height_pt * 0.8))
    image = Image.new("RGB", (w, h), (200, 214, 228))
    draw = ImageDraw.Draw(image)
    horizon = int(h * rnd.uniform(0.45, 0.6))
    for i in range(horizon):  # a sky that pales to the horizon
        shade = int(170 + 70 * i / horizon)
        draw.line([(0, i), (w, i)], fill=(shade - 30, shade - 10, shade))
    x = 0
    while x < w:  # buildings with windows
        bw, bh = rnd.randint(w // 8, w // 4), rnd.randint(h // 6, horizon)
        grey = rnd.randint(120, 190)
        draw.rectangle([x, horizon - bh, x + bw, horizon], fill=(grey, grey - 5, grey - 12))
        for wy in range(horizon - bh + 6, horizon - 6, 9):
            for wx in range(x + 4, x + bw - 4, 8):
                draw.rectangle([wx, wy, wx + 3, wy + 4], fill=(235, 225, 170))
        x += bw + rnd.randint(0, 6)
    draw.rectangle([0, horizon, w, h], fill=(150, 140, 125))
    draw.rectangle([w // 6, horizon - h // 8, w * 5 // 6, horizon - h // 16], fill=(190, 30, 30))
    for _ in range(rnd.randint(4, 9)):  # people: a coat and a head
        px, size = rnd.randint(0, w), rnd.randint(h // 7, h // 4)
        py = rnd.randint(horizon + size // 2, h + size // 3)
        coat = rnd.choice([(40, 60, 110), (160, 40, 40), (60, 60, 60), (200, 120, 30)])
        draw.rectangle([px - size // 4, py - size, px + size // 4, py], fill=coat)
        draw.ellipse(
            [px - size // 6, py - size - size // 3, px + size // 6, py - size], fill=(225, 190, 160)
        )
    return image
