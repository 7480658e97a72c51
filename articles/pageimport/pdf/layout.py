"""From characters to lines and blocks: what the eye sees on a page before it reads.

- A **line** is a run of characters of one size on one baseline. Where a row of
  characters has a gap, it is two lines when the gap is a column gutter: wide, or lined
  up with gaps in the rows above and below (a "river" a space inside a sentence never
  makes).
- The page's **body size** is the size most of its characters are set in; lines clearly
  bigger are display type (headlines, straps, the banner), clearly smaller are captions,
  credits and the page's furniture.
- A **block** is a column of body lines (one under the next, left edges aligned, first
  lines of paragraphs indented) or one display line.

Pure Python on the `document` records: no PDF library here, so the rules are tested on
plain coordinates.
"""

from __future__ import annotations

import itertools
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from articles.pageimport.pdf.document import Char, Rect

DISPLAY_RATIO = 1.15  # a line this much bigger than the body is display type
SMALL_RATIO = 0.9  # ... this much smaller is a caption, a credit or furniture
SAME_SIZE = 1.12  # sizes within this ratio are one size
WIDE_GAP = 2.5  # in sizes: always two lines
GUTTER_GAP = 0.45  # in sizes: two lines if the gap lines up with the rows around it
LONE_GAP = 1.3  # ... or, with no row around it, if it is at least this wide
SPACE_GAP = 0.3  # in sizes, beyond the line's usual spacing: a space in the text
INDENT = 1.5  # in sizes: the first line of a paragraph
# A line ending so is a sentence's end: no credit wraps on from it.
SENTENCE_ENDS = ("。", "！", "？", "”", "…", "）", "」", "』")


def union(rects) -> Rect:
    rects = list(rects)
    return Rect(
        min(r.x0 for r in rects),
        min(r.top for r in rects),
        max(r.x1 for r in rects),
        max(r.bottom for r in rects),
    )


@dataclass
class Line(Rect):
    text: str = ""
    size: float = 0.0
    role: str = "body"  # body | display | small
    space_after: bool = False
    space_before: bool = False

    @classmethod
    def of(cls, chars: list[Char]) -> Line:
        box = union(Rect(c.x0, c.top, c.x1, c.bottom) for c in chars)
        size = statistics.median(c.size for c in chars)
        return cls(box.x0, box.top, box.x1, box.bottom, text=_text_of(chars, size), size=size)


@dataclass
class Block(Rect):
    lines: list[Line] = field(default_factory=list)
    role: str = "body"
    flush_right: bool = False  # lines set to the right edge: a credit, an editor's line

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.x0, self.top = min(self.x0, line.x0), min(self.top, line.top)
        self.x1, self.bottom = max(self.x1, line.x1), max(self.bottom, line.bottom)


def _text_of(chars: list[Char], size: float) -> str:
    """The characters in order, with a space where the gap is wider than the line's usual
    spacing by a good part of a character (`记者 崔欣`, `寒冬送暖 工会行动`)."""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(chars)]
    usual = statistics.median(gaps) if gaps else 0.0
    text = chars[0].text
    for gap, char in zip(gaps, chars[1:], strict=True):
        if gap - max(usual, 0.0) > SPACE_GAP * size and not text.endswith(" "):
            text += " "
        if not (char.text == " " and text.endswith(" ")):
            text += char.text
    return text.strip()


def body_size(chars: list[Char]) -> float:
    """The size most characters of the page are set in."""
    counts = Counter(round(c.size * 2) / 2 for c in chars if c.text.strip())
    return counts.most_common(1)[0][0] if counts else 10.0


def _same_size(a: float, b: float) -> bool:
    return max(a, b) / max(min(a, b), 0.1) < SAME_SIZE


def rows_of(chars: list[Char]) -> list[list[Char]]:
    """Characters on one baseline and of one size, left to right."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.bottom, c.x0)):
        for row in reversed(rows[-12:]):
            first = row[0]
            if abs(first.bottom - char.bottom) <= 0.3 * char.size and _same_size(
                first.size, char.size
            ):
                row.append(char)
                break
        else:
            rows.append([char])
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return rows


def lines_of(chars: list[Char]) -> list[Line]:
    """The page's lines: rows cut at their gutters."""
    rows = rows_of(chars)
    pieces = [piece for row in rows for piece in _cut(row, WIDE_GAP)]
    lines = []
    for piece in pieces:
        for part in _cut_at_gutters(piece, pieces):
            visible = [i for i, c in enumerate(part) if c.text.strip()]
            if visible:
                line = Line.of(part[visible[0] : visible[-1] + 1])
                # A space the line breaks at still parts two words (巧手剪窗花 共话幸福年).
                line.space_after = visible[-1] < len(part) - 1
                line.space_before = visible[0] > 0
                lines.append(line)
    return lines


def _last_visible(part: list[Char]) -> Char:
    """The last character that is not a space (a gap is measured from ink)."""
    return next((c for c in reversed(part) if c.text.strip()), part[-1])


def _cut(row: list[Char], limit: float) -> list[list[Char]]:
    parts = [[row[0]]]
    for char in row[1:]:
        if char.text.strip() and char.x0 - _last_visible(parts[-1]).x1 > limit * char.size:
            parts.append([char])
        else:
            parts[-1].append(char)
    return parts


def _cut_at_gutters(piece: list[Char], pieces: list[list[Char]]) -> list[list[Char]]:
    visible = [c for c in piece if c.text.strip()]
    spacing = [b.x0 - a.x1 for a, b in itertools.pairwise(visible)]
    usual = statistics.median(spacing) if spacing else 0.0
    parts = [[piece[0]]]
    for char in piece[1:]:
        # Measured from ink: a closing mark at a column's end is set half width or hung
        # into the gutter, so its box reaches across much of the gap; but a mark inside a
        # sentence sits as close to the next character as any other.
        last = _last_visible(parts[-1])
        left = next((c for c in reversed(parts[-1]) if _inked(c)), last)
        gap = char.x0 - left.x1
        apart = char.x0 - last.x1 > usual + 0.25 * char.size
        # No line of a column ends with an opening mark (避头尾): "（" is no column's end.
        opening = unicodedata.category(last.text[0]) in ("Ps", "Pi")
        wide = char.text.strip() and gap > GUTTER_GAP * char.size and apart and not opening
        if wide and _is_gutter(left, char, pieces):
            parts.append([char])
        else:
            parts[-1].append(char)
    return parts


def _is_gutter(left: Char, right: Char, pieces: list[list[Char]]) -> bool:
    """Is the gap between these characters a column gutter? Along a gutter the next
    column's lines all begin at one edge, so in the rows just above and below (of the same
    size) no character straddles the line just before that edge, while a space inside a
    sentence has characters of the rows around it across it. With no such row, a gutter
    is a wide gap."""
    size = right.size
    # (Punctuation does not count: a mark closing a column's line may hang into it.)
    cut = right.x0 - 0.2 * size
    neighbours = 0
    for piece in pieces:
        first = piece[0]
        if first.bottom == left.bottom or not _same_size(first.size, size):
            continue
        if not (0 < abs(first.bottom - left.bottom) <= 2.2 * size):
            continue
        # Rows that reach the cut from either side bear on it; rows far away do not.
        if piece[-1].x1 < cut - 2 * size or piece[0].x0 > cut + 2 * size:
            continue
        neighbours += 1
        if any(_straddles(piece, i, cut) for i in range(len(piece))):
            return False
    return neighbours > 0 or (right.x0 - left.x1) > LONE_GAP * size


def _straddles(piece: list[Char], index: int, cut: float) -> bool:
    """Does this character lie across the cut? A mark of punctuation that ends its line
    (hung into the gutter) does not count."""
    char = piece[index]
    if not (char.x0 < cut < char.x1 and char.text.strip()):
        return False
    if _inked(char):
        return True
    following = next((c for c in piece[index + 1 :] if c.text.strip()), None)
    return following is not None and following.x0 - char.x1 < 0.3 * char.size


def _inked(char: Char) -> bool:
    """A character whose box marks where its ink is: not a space, and not punctuation,
    which is set half width or hung into the margin with a full-width box."""
    return bool(char.text.strip()) and not unicodedata.category(char.text[0]).startswith("P")


def classify(lines: list[Line], body: float) -> None:
    for line in lines:
        if line.size >= body * DISPLAY_RATIO:
            line.role = "display"
        elif line.size <= body * SMALL_RATIO:
            line.role = "small"
        else:
            line.role = "body"


def blocks_of(lines: list[Line]) -> list[Block]:
    """Body and small lines gathered into columns; each display line a block of its own."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    for line in sorted(lines, key=lambda item: (item.top, item.x0)):
        if line.role == "display":
            blocks.append(Block(line.x0, line.top, line.x1, line.bottom, [line], "display"))
            continue
        home = next((b for b in reversed(open_blocks) if _continues(b, line)), None)
        if home is None:
            home = Block(line.x0, line.top, line.x1, line.bottom, [], line.role)
            blocks.append(home)
            open_blocks.append(home)
        home.add(line)
    return blocks


def _continues(block: Block, line: Line) -> bool:
    """Is the line the next one of this column block?"""
    if block.role != line.role or not _same_size(block.size, line.size):
        return False
    size = line.size
    last = block.lines[-1]
    if not (0 <= line.top - last.bottom <= 1.1 * size or abs(line.top - last.top) < 0.2):
        return False
    # Left edges line up, give or take a paragraph's indent either way (the block may
    # have begun with an indented line); or, for lines set flush right (a credit that
    # wraps), right edges do.
    left = min(item.x0 for item in block.lines)
    if abs(line.x0 - left) <= (INDENT + 1.2) * size:
        return True
    wraps = block.flush_right or not last.text.endswith(SENTENCE_ENDS)
    if abs(line.x1 - last.x1) <= 0.5 * size and line.width < 0.8 * block.width and wraps:
        block.flush_right = True
        return True
    return False
