"""From a Word document's blocks to stories: what a sub-editor sees in a correspondent's
file at a glance, then the page import's own parser stages.

1. **Photos** come out first: each picture with its caption, the paragraph holding it or
   the one right after it when that reads as a caption (the caption style 题注, an
   opening such as 图为, a photo credit at its end, or short and centred or in smaller
   type). A photo credit at the caption's end (`王芳 摄`) is the photo's credit. A story
   with no text but its captions is a photo report: its captions stay its text.
2. **Display lines** are short lines without a full stop (`shapes.is_headline_shape`)
   set apart by their type: bigger than the body, bold, a heading style, or (at a
   story's top) centred. Datelines and bylines never are.
3. **Stories**: the file's first headline stack opens the first story; another opens
   where a stack with title-sized type comes after text, or after a page break. A page
   break followed by text, not a stack, goes on with the story before it.
4. In a stack the biggest type is the 主题, smaller lines above it the 引题 (a strap,
   栏目, above that when `headlines.take_straps` says so, or when it is a short label
   not centred over a centred stack), below it the 副题, as in a page PDF
   (`pdf.reports._roles`). A stack in one size is read by the text parser's rules
   (`headlines.fill_headline`); a file without any type differences is read as a dump.
5. The text goes through `scanner.read_laid_out`, as a page PDF's does: dateline and
   credits, kind, crossheads (a display line alone inside the text, when it also reads as
   one); then `finish_page`: unions, topics, warnings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from articles.pageimport.parser import (
    PageParseError,
    ParsedArticle,
    ParsedPage,
    finish_page,
    read_laid_out,
)
from articles.pageimport.parser.credits import (
    CREDIT_MAX_CHARS,
    parse_end_credit,
    parse_photo_credit,
    split_trailing_photo_credit,
)
from articles.pageimport.parser.headlines import fill_headline, is_brief_strap, take_straps
from articles.pageimport.parser.results import COLUMN_SEPARATOR
from articles.pageimport.parser.scanner import Scanner, assemble_page, classify_line
from articles.pageimport.parser.shapes import (
    DATELINE_RE,
    HEADLINE_MAX_CHARS,
    SUBTITLE_DASH_RE,
    is_headline_shape,
    is_strap_like,
    is_subtitle_marked,
    visible_length,
)
from articles.pageimport.word.blocks import Block

DISPLAY_RATIO = 1.1  # display type is at least this much bigger than the body's
TITLE_RATIO = 0.95  # a title is set within this of the file's biggest display type
CAPTION_MAX_CHARS = 200
SHORT_CAPTION_CHARS = 60
PHOTO_CREDIT_MAX_CHARS = 80  # Photo.credit
_CAPTION_OPENING_RE = re.compile(
    r"^[（(]?(?:图为|图[:：]|图片[:：]|[上下左右]图|[左右][上下]图|图[一二三四五六七八九十\d]+[:：\s])"
)
_TRAILING_BRACKET_RE = re.compile(r"\s*[（(]([^（）()]{1,40})[）)]$")


@dataclass
class DocxPhoto:
    """A photo of a story, as the Word file holds it."""

    data: bytes
    name: str  # the original file name where Word kept it, else its part's (image1.jpeg)
    caption: str = ""
    credit: str = ""  # 王芳 摄
    linked: bool = False  # only linked to a file on the sender's computer: no bytes


@dataclass
class _Item:
    block: Block
    display: bool = False  # a display line (see the module's docstring)
    strong: bool = False  # set apart by type or style, not only centred
    photos: list[DocxPhoto] = field(default_factory=list)  # a picture block's photos
    caption_block: Block | None = None  # the caption paragraph taken out of the text


@dataclass
class _Story:
    items: list[_Item] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return any(not item.photos and not item.display for item in self.items)


def body_size(blocks: list[Block]) -> float:
    """The body's type size: the size most of the text is set in."""
    weights = Counter()
    for block in blocks:
        if block.size:
            weights[round(block.size * 2) / 2] += block.chars
    return weights.most_common(1)[0][0] if weights else 0.0


def read_stories(
    blocks: list[Block],
    *,
    union_names: Mapping[str, str] | None = None,
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
    column_names: Iterable[str] = (),
) -> tuple[ParsedPage, list[list[DocxPhoto]]]:
    """The stories and each story's photos, in order. Photos in a part of the file
    that holds no story go with the story before it (or, at the top, after it)."""
    body = body_size(blocks)
    items = _items(blocks, body)
    stories = _cut(items, body)
    columns = {name.strip() for name in column_names if name and name.strip()}
    articles: list[ParsedArticle] = []
    photos: list[list[DocxPhoto]] = []
    pending: list[DocxPhoto] = []
    for story in stories:
        _keep_captions_of_photo_report(story)
        found = _read_story(story, body, columns)
        pending += [photo for item in story.items for photo in item.photos]
        if not found:
            if photos:
                photos[-1] += pending
                pending = []
            continue
        articles += found
        photos += [pending] + [[] for _ in found[1:]]
        pending = []
    page = ParsedPage(banner=None, articles=articles)
    if not articles:
        raise PageParseError("未能识别出任何稿件：Word 文件中没有标题加正文、电头或署名")
    finish_page(page, union_names=union_names, topic_keywords=topic_keywords)
    return page, photos


# --- 1. photos and their captions ------------------------------------------------------


def _items(blocks: list[Block], body: float) -> list[_Item]:
    items: list[_Item] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if not block.pictures:
            items.append(_Item(block))
            continue
        photos = [DocxPhoto(data=p.data, name=p.name, linked=p.linked) for p in block.pictures]
        caption_block = None
        own = block.text.strip()
        if own and _is_caption(block, body):
            caption_block, own = block, ""
        elif (
            index < len(blocks) and not blocks[index].pictures and _is_caption(blocks[index], body)
        ):
            caption_block = blocks[index]
            index += 1
        if caption_block is not None:
            photos[0].caption, photos[0].credit = split_caption(caption_block.text.strip())
        if own:
            # Text in the picture's paragraph that is no caption is the story's text.
            items.append(_Item(Block(text=own, size=block.size, bold=block.bold)))
        items.append(_Item(block, photos=photos, caption_block=caption_block))
    for item in items:
        if not item.photos:
            item.display, item.strong = _display(item.block, body)
    return items


def _is_caption(block: Block, body: float) -> bool:
    text = block.text.strip()
    if not text or DATELINE_RE.match(text) or visible_length(text) > CAPTION_MAX_CHARS:
        return False
    if block.style == "caption" or _CAPTION_OPENING_RE.match(text):
        return True
    if split_caption(text)[1]:
        return True
    small = block.size and body and block.size < body * TITLE_RATIO
    short = visible_length(text) <= SHORT_CAPTION_CHARS
    return bool(short and (block.centered or small) and not _display(block, body)[1])


def split_caption(text: str) -> tuple[str, str]:
    """A caption and the photo credit at its end: ('图为…。', '王芳 摄')."""
    whole = parse_photo_credit(text)
    if whole is not None:
        return "", _credit_text(whole.raw)
    split = split_trailing_photo_credit(text)
    if split is not None:
        rest, credit = split
        return rest, _credit_text(credit.raw)
    bracket = _TRAILING_BRACKET_RE.search(text)
    if bracket and text[: bracket.start()].strip():
        credit = parse_photo_credit(bracket.group(1))
        if credit is not None:
            return text[: bracket.start()].rstrip(), _credit_text(credit.raw)
    return text, ""


def _credit_text(raw: str) -> str:
    credit = raw.strip()
    if credit[:1] in "（(" and credit[-1:] in "）)":
        credit = credit[1:-1].strip()
    return credit[:PHOTO_CREDIT_MAX_CHARS]


def _keep_captions_of_photo_report(story: _Story) -> None:
    """A story whose only text is its captions is a photo report: the captions stay its
    text (the parser reads the credit after them), the photos keep their credits."""
    if story.has_text:
        return
    kept: list[_Item] = []
    for item in story.items:
        kept.append(item)
        if item.caption_block is not None:
            kept.append(_Item(item.caption_block))
            item.photos[0].caption = ""
            item.caption_block = None
    story.items = kept


# --- 2. display lines ------------------------------------------------------------------


def _display(block: Block, body: float) -> tuple[bool, bool]:
    """(display, strong): a short line without a full stop, set apart by its type."""
    text = " ".join(block.text.split())
    if not text or block.style == "caption" or visible_length(text) > HEADLINE_MAX_CHARS:
        return False, False
    credit_sized = visible_length(text) <= CREDIT_MAX_CHARS + 8
    if DATELINE_RE.match(text) or (
        credit_sized and (parse_photo_credit(text) or parse_end_credit(text))
    ):
        return False, False
    if not (is_headline_shape(text) or is_subtitle_marked(text)):
        return False, False
    bigger = bool(block.size and body and block.size >= body * DISPLAY_RATIO)
    strong = bigger or block.bold or block.style in ("title", "subtitle", "heading")
    return strong or block.centered, strong


# --- 3. stories ------------------------------------------------------------------------


def _cut(items: list[_Item], body: float) -> list[_Story]:
    display_sizes = [item.block.size for item in items if item.strong]
    biggest = max(display_sizes, default=0.0)

    def title_sized(item: _Item) -> bool:
        size = item.block.size
        return item.strong and (
            item.block.style == "title"
            or (size >= biggest * TITLE_RATIO and bool(body) and size >= body * DISPLAY_RATIO)
        )

    stories = [_Story()]
    index = 0
    while index < len(items):
        item = items[index]
        current = stories[-1]
        opens = False
        if current.has_text:
            run = _run_from(items, index)
            if item.block.break_before:
                opens = bool(run)
            elif run and run[0] is item:
                opens = any(title_sized(x) for x in run) or (
                    len(run) == 1 and is_brief_strap(item.block.text.strip())
                )
        if opens:
            stories.append(_Story())
        stories[-1].items.append(item)
        index += 1
    return stories


def _run_from(items: list[_Item], start: int) -> list[_Item]:
    """The display lines at `start`, over any photos before them."""
    index = start
    while index < len(items) and items[index].photos:
        index += 1
    run = []
    while index < len(items) and items[index].display:
        run.append(items[index])
        index += 1
    return run


# --- 4 and 5. a story's headline and text ----------------------------------------------


def _read_story(story: _Story, body: float, columns: set[str]) -> list[ParsedArticle]:
    texts = [item for item in story.items if not item.photos]
    head: list[_Item] = []
    for item in texts:
        if not item.display:
            break
        head.append(item)
    rest = texts[len(head) :]
    if not head:
        return _read_as_dump(texts, columns)
    lines: list[str] = []
    crossheads: set[int] = set()
    for item in rest:
        pieces = [piece.strip() for piece in item.block.text.split("\n") if piece.strip()]
        if item.strong and len(pieces) == 1:
            crossheads.add(len(lines))
        lines += pieces
    heads = [_one_line(item.block.text) for item in head]
    if len(heads) == 1 and is_brief_strap(heads[0]):
        return read_laid_out(lines, brief_strap=heads[0], crossheads=crossheads)
    column, kicker, title, mark, subtitle = _roles(head, heads, columns)
    return read_laid_out(
        lines, head=(kicker, title, mark, subtitle), column=column, crossheads=crossheads
    )


def _roles(head: list[_Item], heads: list[str], columns: set[str]):
    """Strap, kicker, title, subtitle mark and subtitle of a headline stack."""
    ranks = [_rank(item.block) for item in head]
    if len(heads) > 1 and len(set(ranks)) == 1:
        # One size and style: the text parser's rules read the stack.
        straps, stack = take_straps(heads, columns)
        article = ParsedArticle()
        fill_headline(article, stack)
        column = COLUMN_SEPARATOR.join(straps)
        return column, article.kicker, article.title, article.subtitle_mark, article.subtitle
    biggest = max(size for size, _ in ranks)
    big = [index for index, (size, _) in enumerate(ranks) if size >= biggest * TITLE_RATIO]
    # Among lines of the title's size, the strongest style is the title's.
    best = max(ranks[index][1] for index in big)
    titled = [index for index in big if ranks[index][1] == best]
    first, last = titled[0], titled[-1]
    above = heads[:first]
    title = "".join(heads[first : last + 1])
    subtitle = " ".join(heads[last + 1 :])
    straps, _ = take_straps([*above, title, *([subtitle] if subtitle else [])], columns)
    straps = straps[: len(above)]
    # A short label above a centred stack but not centred with it is a strap, as a
    # boxed label is on a page.
    while len(straps) < len(above) and _set_apart(head[len(straps)], head[first]):
        straps.append(above[len(straps)])
    kicker = " ".join(above[len(straps) :])
    mark = ""
    dash = SUBTITLE_DASH_RE.match(subtitle)
    if dash and subtitle[dash.end() :]:
        mark, subtitle = dash.group(), subtitle[dash.end() :]
    return COLUMN_SEPARATOR.join(straps), kicker, title, mark, subtitle


def _set_apart(line: _Item, title: _Item) -> bool:
    text = _one_line(line.block.text)
    return title.block.centered and not line.block.centered and is_strap_like(text)


def _rank(block: Block) -> tuple[float, tuple[int, bool]]:
    """How display type ranks: by size, then by style (a Word title over a heading over
    a subtitle over plain text) and bold."""
    style = {"title": 3, "heading": 2, "subtitle": 1}.get(block.style, 0)
    return (block.size, (style, block.bold))


def _one_line(text: str) -> str:
    """A headline typed over two lines (Shift+Enter) is one line: no space between
    Chinese characters, one between Latin words."""
    pieces = [piece.strip() for piece in text.split("\n") if piece.strip()]
    line = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        latin = line[-1:].isascii() and piece[:1].isascii()
        line += (" " if latin else "") + piece
    return " ".join(line.split())


def _read_as_dump(texts: list[_Item], columns: set[str]) -> list[ParsedArticle]:
    """A file whose type says nothing: its lines read as a page dump's are."""
    lines = [
        piece.strip() for item in texts for piece in item.block.text.split("\n") if piece.strip()
    ]
    if not lines:
        return []
    page = assemble_page(Scanner([classify_line(line) for line in lines]).scan(), columns, [])
    if page.banner and page.articles:
        first = page.articles[0]
        first.kicker = " ".join(filter(None, [page.banner, first.kicker]))
    return page.articles
