"""The scanner: classify lines, cut them into reports, and assemble each report's
headline stack, straps, credits and kind."""

from __future__ import annotations

import re
from collections.abc import Collection
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
from articles.pageimport.parser.headlines import (
    assign_straps,
    fill_headline,
    is_brief_strap,
    take_straps,
)
from articles.pageimport.parser.results import ParsedArticle, ParsedPage
from articles.pageimport.parser.shapes import (
    BRIEF_MAX_CHARS,
    CAPTION_MAX_CHARS,
    CAPTION_MAX_PARAGRAPHS,
    CONTINUES,
    DATELINE_RE,
    DATELINE_WITH_CREDIT_RE,
    FEATURE_MIN_CHARS,
    JUMP_WARNING,
    LONG_TITLE_CHARS,
    is_banner_like,
    is_closed,
    is_crosshead,
    is_headline_shape,
    is_subtitle_marked,
    looks_like_headline,
    visible_length,
)


@dataclass
class _Line:
    text: str
    kind: str  # "dateline" | "credit" | "head" | "body" | "crosshead" (a PDF's layout)
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
    brief_strap: str = ""  # the strap over a row of briefs (简讯) this report is one of
    inherited_strap: bool = False  # a later brief of the row: its strap printed once, above
    credit_first: bool = False  # signed on a line of its own before the text: a feature
    signed_in_text: bool = False  # the last paragraph ends with a credit: "…活动。（张恩刚）"
    editor_texts: int = 0  # editor lines (责任编辑 肖天) right after the text, and their
    editor_credits: int = 0  # credits: a credit glued to the text goes before them

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
        elif not self.open and split_trailing_end_credit(paragraphs[-1][-60:]):
            # "…活动。（张恩刚）": signed at the end; the credit is taken off when the page is
            # assembled, but the report ends here.
            self.signed_in_text = True

    def add_crosshead(self, text: str) -> None:
        """A crosshead the page's layout showed: a paragraph of its own, marked."""
        self.article.crossheads.append(len(self.article.paragraphs))
        self.article.paragraphs.append(text)
        self.open = False

    def add_credit(self, credit: CreditFragment) -> None:
        if not self.article.paragraphs and not self.article.dateline and not credit.photo:
            self.credit_first = True
        self.article.credit_text.append(credit.raw)
        self.article.credits += credit.credits
        editors_only = all(c.role == "editor" for c in credit.credits)
        after_text = bool(self.article.paragraphs) and (not self.finished or self.editor_texts)
        if editors_only and after_text:
            self.editor_texts += 1
            self.editor_credits += len(credit.credits)
        else:
            self.editor_texts = self.editor_credits = 0
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


# A news lead opens with its time: "1月11日，", "近日，", "日前，".
NEWS_LEAD_RE = re.compile(
    r"^(?:\d{1,2}月\d{1,2}日|近日|日前|近期|昨天|昨日|连日来|\d{4}年\d{1,2}月)"
)
LONE_TITLE_MIN_CHARS = 12
# An unsigned report without a dateline is news up to this length.
NEWS_MAX_CHARS = 1200


class Scanner:
    """Cut the page's lines into reports.

    A new report starts at a run of headline-shaped lines that is followed by a dateline,
    or by a caption and a photo credit, or by a byline on its own line; at the top of the
    page; or (for reports without a dateline) when the previous report already ended with
    its credit, the run is a whole headline stack of two or more lines, or one line after a
    finished paragraph reads as a title (`_lone_title`). Under a brief strap (简讯, 新闻速递)
    each paragraph is a brief of its own. Any other short line is a crosshead inside the
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
                if end - i == 1 and is_brief_strap(line.text) and not (current and current.open):
                    current = _Chunk(head=[], brief_strap=line.text)
                    chunks.append(current)
                    i = end
                    continue
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
            if kind == "body" and self._next_brief(current, line.text):
                current = _Chunk(head=[], brief_strap=current.brief_strap, inherited_strap=True)
                chunks.append(current)
            if current is None:
                current = _Chunk(head=[])
                chunks.append(current)
            if kind == "dateline":
                current.add_dateline(line.text)
            elif kind == "credit":
                current.add_credit(line.credit)
            elif kind == "crosshead":
                current.add_crosshead(line.text)
            else:
                current.add_body(line.text, jumps=line.jumps)
            i += 1
        return chunks

    @staticmethod
    def _next_brief(current: _Chunk | None, text: str) -> bool:
        """In a row of briefs, each new paragraph is the next brief."""
        return bool(
            current is not None
            and current.brief_strap
            and current.article.paragraphs
            and not current.open
            and text[0] not in CONTINUES
        )

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
        if current.open:
            return False  # the rest of a broken sentence
        if following == "credit":
            # A headline over a byline of its own line: a signed feature starts.
            photo = self.lines[end].credit.photo
            return not photo and all(looks_like_headline(x.text) for x in self.lines[start:end])
        if following != "body":
            return False  # headline-like lines at the end of the page
        run = self.lines[start:end]
        whole_stack = end - start >= 2 and all(looks_like_headline(x.text) for x in run)
        ended = current.finished or current.signed_in_text
        return ended or whole_stack or self._lone_title(start, end)

    def _lone_title(self, start: int, end: int) -> bool:
        """One headline line after a finished paragraph: a report's title, not a crosshead
        or a piece of a sentence the column broke, when the text under it opens like a news
        lead, or the line is a spaced slogan, or it is long and names the union world."""
        text = self.lines[start].text
        if end - start != 1 or is_subtitle_marked(text) or is_closed(text):
            return False  # "一一，一一！" alone is more likely a sentence than a title
        if re.search(r"[，,；;。]", text):
            return False  # clause punctuation: a piece of a sentence
        parts = text.split()
        spaced = len(parts) >= 2 and all(visible_length(p) >= 4 for p in parts)
        about_unions = visible_length(text) >= LONE_TITLE_MIN_CHARS and (
            "工会" in text or "职工" in text
        )
        return spaced or about_unions or bool(NEWS_LEAD_RE.match(self.lines[end].text))

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
        if index == 0 and not head and chunk.article.paragraphs and not chunk.brief_strap:
            page.warnings.append("页面开头有无标题的正文，可能是上接前版的内容")
        if index == 0 and len(head) >= 2 and is_banner_like(head[0]) and head[0] not in columns:
            page.banner, head = head[0], head[1:]
        straps, stack = take_straps(head, columns)
        fill_headline(chunk.article, stack)
        _take_trailing_end_credit(chunk)
        page.articles.append(chunk.article)
        strap_groups.append(straps)
    assign_straps(page.articles, strap_groups)
    for chunk in chunks:
        if chunk.brief_strap:
            chunk.article.column = chunk.brief_strap
            chunk.article.column_inherited = chunk.inherited_strap
        chunk.article.kind = _kind(chunk)
    return page


def read_laid_out(
    paragraphs: list[str],
    *,
    head: tuple[str, str, str, str] | None = None,
    column: str = "",
    brief_strap: str = "",
    crossheads: Collection[int] = (),
) -> list[ParsedArticle]:
    """One report, or one row of briefs, whose place and headline the page's layout gave
    (a page PDF: articles.pageimport.pdf). Its paragraphs are read as a dump's lines are
    (datelines, credits, captions, kinds), but none of them is a headline: only a second
    dateline starts another report. `head` is the kicker, title, subtitle mark and
    subtitle as the type sizes told them; `crossheads` the indices of the paragraphs
    the layout set as crossheads. Only one that also reads as a crosshead (short, no
    sentence or clause punctuation, `is_crosshead`) and is no dateline or credit is
    taken as one: the type size alone does not make a crosshead of a sentence."""
    lines = [classify_line(text) for text in paragraphs]
    for index, line in enumerate(lines):
        if line.kind == "head":
            line.kind = "body"
        if index in crossheads and line.kind == "body" and is_crosshead(line.text):
            line.kind = "crosshead"
    if brief_strap:
        lines.insert(0, _Line(brief_strap, "head"))
    articles = []
    for index, chunk in enumerate(Scanner(lines).scan()):
        article = chunk.article
        if index == 0 and head is not None:
            article.kicker, article.title, article.subtitle_mark, article.subtitle = head
        _take_trailing_end_credit(chunk)
        if chunk.brief_strap:
            article.column = chunk.brief_strap
            article.column_inherited = chunk.inherited_strap
        elif index == 0:
            article.column = column
        article.kind = _kind(chunk)
        articles.append(article)
    return articles


def _take_trailing_end_credit(chunk: _Chunk) -> None:
    """'…活动。（张恩刚）' at the end of the last paragraph is the report's credit, also
    when an editor's line (责任编辑) follows it."""
    paragraphs = chunk.article.paragraphs
    if not paragraphs or (chunk.finished and not chunk.editor_texts):
        return
    split = split_trailing_end_credit(paragraphs[-1])
    if split:
        body, credit = split
        if body:
            paragraphs[-1] = body
        else:
            paragraphs.pop()
        # The credit printed in the text comes before the editor's line under it.
        article = chunk.article
        texts, credits = chunk.editor_texts, chunk.editor_credits
        text_at, credit_at = len(article.credit_text) - texts, len(article.credits) - credits
        chunk.add_credit(credit)
        article.credit_text.insert(text_at, article.credit_text.pop())
        moved = len(credit.credits)
        article.credits[credit_at:credit_at] = article.credits[-moved:]
        del article.credits[-moved:]


def is_recognisable(article: ParsedArticle) -> bool:
    # A brief of a row (简讯) has its strap instead of a title.
    has_text = bool((article.title or article.column) and article.paragraphs)
    return bool(article.dateline or article.credits or has_text)


def _kind(chunk: _Chunk) -> str:
    """brief: one of a row of briefs, or one short paragraph under a dateline; news: has a
    dateline, or is short and unsigned; photo: a photo credit after a caption; feature:
    signed on its own line above the text or at its end, or long."""
    article = chunk.article
    chars = sum(visible_length(p) for p in article.paragraphs)
    if chunk.brief_strap:
        return "brief"
    if article.dateline:
        brief = len(article.paragraphs) == 1 and chars <= BRIEF_MAX_CHARS
        return "brief" if brief else "news"
    if chunk.photo:
        return "feature" if chars > CAPTION_MAX_CHARS else "photo"
    if chunk.credit_first:
        return "feature"
    signed = chunk.finished and any(c.role != "editor" for c in article.credits)
    # Unsigned, without a dateline: news, unless long, or a long text under a stacked
    # headline (kicker or subtitle), as features are set.
    stacked = bool(article.kicker or article.subtitle)
    if signed or chars > NEWS_MAX_CHARS or (chars > FEATURE_MIN_CHARS and stacked):
        return "feature"
    return "news"


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
