"""The scanner: classify lines, cut them into reports, and assemble each report's
headline stack, straps, credits and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.pageimport.parser.credits import (
    CREDIT_MAX_CHARS,
    CreditFragment,
    parse_end_credit,
    parse_photo_credit,
    split_dateline,
    split_trailing_end_credit,
    split_trailing_photo_credit,
)
from articles.pageimport.parser.results import COLUMN_SEPARATOR, ParsedArticle, ParsedPage
from articles.pageimport.parser.shapes import (
    BRIEF_MAX_CHARS,
    CAPTION_MAX_CHARS,
    CAPTION_MAX_PARAGRAPHS,
    CJK,
    CONTINUES,
    DATELINE_RE,
    DATELINE_WITH_CREDIT_RE,
    FEATURE_MIN_CHARS,
    JUMP_WARNING,
    LONG_TITLE_CHARS,
    SUBTITLE_DASH_RE,
    is_banner_like,
    is_closed,
    is_crosshead,
    is_headline_shape,
    is_strap_like,
    is_subtitle_marked,
    looks_like_headline,
    visible_length,
)


@dataclass
class _Line:
    text: str
    kind: str  # "dateline" | "credit" | "head" | "body"
    credit: CreditFragment | None = None
    jumps: bool = False  # the paragraph goes on on another page ("下转第2版")


def classify_line(text: str, jumps: bool = False) -> _Line:
    if jumps:
        return _Line(text, "body", jumps=True)
    if DATELINE_RE.match(text):
        return _Line(text, "dateline")
    if visible_length(text) <= CREDIT_MAX_CHARS + 8:
        credit = parse_photo_credit(text) or parse_end_credit(text)
        if credit:
            return _Line(text, "credit", credit)
    # A short caption with its photo credit glued on is text, not a headline.
    is_head = is_headline_shape(text) and not split_trailing_photo_credit(text)
    return _Line(text, "head" if is_head else "body")


@dataclass
class _Chunk:
    """One report while it is being read: its headline lines and its article."""

    head: list[str]
    article: ParsedArticle = field(default_factory=ParsedArticle)
    open: bool = False  # the last paragraph waits for the rest of its sentence
    finished: bool = False  # a credit after the text closed the report
    photo: bool = False  # that credit was for pictures only: a photo report

    def add_body(self, text: str, *, jumps: bool = False, after_dateline: bool = False) -> None:
        split = split_trailing_photo_credit(text)
        if split:
            text, credit = split
        paragraphs = self.article.paragraphs
        if paragraphs and (self.open or text[0] in CONTINUES):
            paragraphs[-1] = _join(paragraphs[-1], text)
            self.open = not is_closed(paragraphs[-1][-200:])
        else:
            paragraphs.append(text)
            # The text after a dateline is never a crosshead.
            crosshead = not after_dateline and is_crosshead(text)
            self.open = not (is_closed(text) or crosshead)
        if jumps:
            self.open = False
            self.article.warnings.append(JUMP_WARNING)
        if split:
            self.add_credit(credit)

    def add_credit(self, credit: CreditFragment) -> None:
        self.article.credit_text.append(credit.raw)
        self.article.credits += credit.credits
        self.open = False
        self.finished = True
        self.photo = self.photo or (credit.photo and not credit.text_and_photo)

    def add_dateline(self, text: str) -> None:
        dateline, raw, credits, rest, warning = split_dateline(text)
        self.article.dateline = dateline
        if raw:
            self.article.credit_text.append(raw)
            self.article.credits += credits
        if warning:
            self.article.warnings.append(warning)
        if rest.strip():
            self.add_body(rest.strip(), after_dateline=True)


def _join(left: str, right: str) -> str:
    """Re-join a line the print column broke: no space in Chinese, one between Latin words."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


class Scanner:
    """Cut the page's lines into reports.

    A new report starts at a run of headline-shaped lines that is followed by a dateline,
    or by a caption and a photo credit; at the top of the page; or (for features without a
    dateline) when the previous report already ended with its credit or the run is a whole
    headline stack of two or more lines. Any other short line is a crosshead inside the
    current report, or the rest of a sentence the print column broke.
    """

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines

    def scan(self) -> list[_Chunk]:
        chunks: list[_Chunk] = []
        current: _Chunk | None = None
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if line.kind == "head":
                end = self._run_end(i)
                if self._starts_report(i, end, current):
                    current = _Chunk(head=[x.text for x in self.lines[i:end]])
                    chunks.append(current)
                    i = end
                    continue
            kind = line.kind
            # Mid-sentence, only a dateline with its credits starts a new report; a bare
            # 本报讯 there is the rest of a sentence the print column broke.
            mid_sentence = current is not None and current.open
            if kind == "dateline" and mid_sentence and not DATELINE_WITH_CREDIT_RE.match(line.text):
                kind = "body"
            if kind == "dateline" and (
                current is None or current.article.dateline or current.article.paragraphs
            ):
                current = None  # a second dateline starts a report without a headline
            if current is None:
                current = _Chunk(head=[])
                chunks.append(current)
            if kind == "dateline":
                current.add_dateline(line.text)
            elif kind == "credit":
                current.add_credit(line.credit)
            else:
                current.add_body(line.text, jumps=line.jumps)
            i += 1
        return chunks

    def _run_end(self, start: int) -> int:
        end = start
        while end < len(self.lines) and self.lines[end].kind == "head":
            end += 1
        return end

    def _starts_report(self, start: int, end: int, current: _Chunk | None) -> bool:
        following = self.lines[end].kind if end < len(self.lines) else None
        if following == "dateline" or current is None:
            return True
        if self._caption_and_credit_follow(end):
            return True
        if current.open or following != "body":
            return False  # the rest of a broken sentence, or headline-like lines at the end
        whole_stack = end - start >= 2 and all(
            looks_like_headline(x.text) for x in self.lines[start:end]
        )
        return current.finished or whole_stack

    def _caption_and_credit_follow(self, start: int) -> bool:
        """Look ahead: does a caption (or feature text) end in a credit of its own?"""
        chars = paragraphs = 0
        is_open = False
        paragraph = ""  # the paragraph being read, as `_Chunk.add_body` would join it
        for line in self.lines[start:]:
            credit = line.credit
            if line.kind == "body" or (line.kind == "head" and is_open):
                split = split_trailing_photo_credit(line.text)
                if split:
                    chars += visible_length(split[0])
                    credit = split[1]
                else:
                    chars += visible_length(line.text)
                    # A line may go on with the paragraph above it, even a closed one
                    # ("…活动。" + "”"): judge the paragraph as joined, count it once.
                    goes_on = bool(paragraph) and (is_open or line.text[0] in CONTINUES)
                    paragraph = _join(paragraph, line.text) if goes_on else line.text
                    counted = goes_on and not is_open
                    is_open = not (is_closed(paragraph[-200:]) or line.jumps)
                    paragraphs += not (is_open or counted)
                    continue
            elif line.kind != "credit":
                return False  # a dateline or the next headline came first
            small = chars <= CAPTION_MAX_CHARS and paragraphs <= CAPTION_MAX_PARAGRAPHS
            # A plain end credit ("（张恩刚）") is more likely the current report's own than
            # the sign of a new one: keeping text in its report is the safer mistake.
            return credit.photo and (small or credit.text_and_photo)
        return False


def assemble_page(chunks: list[_Chunk], columns: set[str], dropped: list[str]) -> ParsedPage:
    page = ParsedPage(banner=None, articles=[], dropped=dropped)
    strap_groups: list[list[str]] = []
    for index, chunk in enumerate(chunks):
        head = chunk.head
        if index == 0 and not head and chunk.article.paragraphs:
            page.warnings.append("页面开头有无标题的正文，可能是上接前版的内容")
        if index == 0 and len(head) >= 2 and is_banner_like(head[0]) and head[0] not in columns:
            page.banner, head = head[0], head[1:]
        straps, stack = _take_straps(head, columns)
        _fill_headline(chunk.article, stack)
        _take_trailing_end_credit(chunk)
        page.articles.append(chunk.article)
        strap_groups.append(straps)
    _assign_straps(page.articles, strap_groups)
    for chunk in chunks:
        chunk.article.kind = _kind(chunk)
    return page


def _take_straps(head: list[str], columns: set[str]) -> tuple[list[str], list[str]]:
    """Split headline lines into column straps and the headline stack under them.

    A leading line is a strap when it is a known column name; or when it is strap-like
    (short, no punctuation) and either three or more lines remain whose last is not
    marked as a subtitle (so they cannot all be kicker/title/subtitle), or it continues
    a strap block with a spaced slogan ("寒冬送暖 工会行动").
    """
    straps: list[str] = []
    rest = list(head)
    while len(rest) > 1:
        first = rest[0]
        crowded = len(rest) > 3 or (len(rest) == 3 and not is_subtitle_marked(rest[-1]))
        spaced_block = bool(straps) and len(first.split()) > 1
        if first in columns or (is_strap_like(first) and (crowded or spaced_block)):
            straps.append(rest.pop(0))
        else:
            break
    return straps, rest


def _fill_headline(article: ParsedArticle, stack: list[str]) -> None:
    """One line: title. Two: kicker+title, or title+subtitle when the second is marked as a
    subtitle. Three: kicker, title, subtitle (extra lines join the kicker, with a warning)."""
    if len(stack) > 3:
        article.warnings.append("标题行过多，多出的行已并入引题，请核对")
    if len(stack) >= 3:
        article.kicker = " ".join(stack[:-2])
        article.title, subtitle = stack[-2], stack[-1]
    elif len(stack) == 2 and is_subtitle_marked(stack[1]):
        article.title, subtitle = stack
    elif len(stack) == 2:
        article.kicker, article.title = stack
        subtitle = ""
    else:
        article.title, subtitle = (stack[0] if stack else ""), ""
    dash = SUBTITLE_DASH_RE.match(subtitle)
    if dash and subtitle[dash.end() :]:
        article.subtitle_mark, subtitle = dash.group(), subtitle[dash.end() :]
    article.subtitle = subtitle


def _take_trailing_end_credit(chunk: _Chunk) -> None:
    """'…活动。（张恩刚）' at the end of the last paragraph is the report's credit."""
    paragraphs = chunk.article.paragraphs
    if chunk.finished or not paragraphs:
        return
    split = split_trailing_end_credit(paragraphs[-1])
    if split:
        body, credit = split
        if body:
            paragraphs[-1] = body
        else:
            paragraphs.pop()
        chunk.add_credit(credit)


def _assign_straps(articles: list[ParsedArticle], groups: list[list[str]]) -> None:
    """Give each strap (栏目) to the report it stands over.

    The dump can print a strap block after the report it belongs to (on the seed page both
    straps follow report 1). Rule: the last strap of a block goes to the following report;
    an earlier strap goes to the preceding report when that report has no column yet and
    shares most of the strap's words; otherwise it also goes to the following report.
    """
    for index, straps in enumerate(groups):
        if not straps:
            continue
        previous = articles[index - 1] if index else None
        mine = []
        for strap in straps[:-1]:
            if previous and not previous.column and _shares_words(strap, previous):
                previous.column = strap
            else:
                mine.append(strap)
        articles[index].column = COLUMN_SEPARATOR.join([*mine, straps[-1]])


def _bigrams(text: str) -> set[str]:
    runs = re.findall(f"[{CJK}]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def _shares_words(strap: str, article: ParsedArticle) -> bool:
    words = _bigrams(strap) - {"工会", "职工"}
    if len(words) < 2:
        return False
    found = words & _bigrams(article_text(article))
    return len(found) * 2 >= len(words)


def article_text(article: ParsedArticle) -> str:
    return "\n".join([article.kicker, article.title, article.subtitle, *article.paragraphs])


def is_recognisable(article: ParsedArticle) -> bool:
    has_text = bool(article.title and article.paragraphs)
    return bool(article.dateline or article.credits or has_text)


def _kind(chunk: _Chunk) -> str:
    """news: has a dateline (brief when it is one short paragraph); photo: a photo credit
    after a caption; feature: no dateline, but long or signed at the end."""
    article = chunk.article
    chars = sum(visible_length(p) for p in article.paragraphs)
    if article.dateline:
        brief = len(article.paragraphs) == 1 and chars <= BRIEF_MAX_CHARS
        return "brief" if brief else "news"
    if chunk.photo:
        return "feature" if chars > CAPTION_MAX_CHARS else "photo"
    return "feature" if chars > FEATURE_MIN_CHARS or chunk.finished else "news"


def warnings_for(article: ParsedArticle) -> list[str]:
    warnings = []
    if not article.title:
        warnings.append("未识别到标题")
    elif visible_length(article.title) > LONG_TITLE_CHARS:
        warnings.append(f"标题较长（{visible_length(article.title)}字），请核对是否混入了正文")
    last = article.paragraphs[-1] if article.paragraphs else ""
    if not last:
        warnings.append("未识别到正文")
    elif not (is_closed(last) or is_crosshead(last) or JUMP_WARNING in article.warnings):
        warnings.append("最后一段未以句末标点结束，可能有缺漏")
    if article.kind == "photo":
        return warnings
    if not article.dateline and not article.credits:
        warnings.append("未识别到电头和署名")
    elif not article.credits:
        warnings.append("未识别到署名")
    elif not article.dateline and article.kind != "feature":
        warnings.append("未识别到电头")
    return warnings
