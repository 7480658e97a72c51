"""Headline roles: which lines over a report are column straps (栏目), the kicker (引题),
the main title (主题) and the subtitle (副题).

A sub-editor decides from evidence, and so does this module, in this order:
1. a known column name (from the database) is a strap;
2. a campaign name (`冬日暖心行动·走基层`, `工会微镜头`, `职工风采`) over a headline is a strap;
3. a short slogan over three or more lines is a strap (the seed page's strap block);
4. in the stack left: a line marked by a leading dash, or a wholly quoted line below the
   title, is the subtitle; a long explanatory line with commas under a shorter title is the
   subtitle; a quotation with a comma under a descriptive line is the main title
   (`某区职工书屋建设受到好评` / `“下了班，书屋就是我的家”`), the line above it the kicker;
   otherwise two lines are kicker and title, three are kicker, title and subtitle.
"""

from __future__ import annotations

import re

from articles.pageimport.parser.results import COLUMN_SEPARATOR, ParsedArticle
from articles.pageimport.parser.shapes import (
    CJK,
    SUBTITLE_DASH_RE,
    is_strap_like,
    is_subtitle_marked,
    visible_length,
)

CAMPAIGN_MAX_CHARS = 20
# Words running columns and campaign names end with.
_CAMPAIGN_ENDINGS = (
    "微镜头",
    "风采",
    "走基层",
    "进行时",
    "在行动",
    "直通车",
    "面对面",
    "新气象",
    "看基层",
    "心声",
    "掠影",
    "动态",
    "传真",
    "纵横",
)
# Straps over a row of briefs (简讯): every paragraph under them is a report of its own.
_BRIEF_STRAP_RE = re.compile(rf"^[{CJK}]{{0,4}}(?:简讯|速递|快讯|短讯|简报)$")
_CAMPAIGN_RE = re.compile(rf"^[{CJK}A-Za-z0-9]{{2,16}}·[{CJK}A-Za-z0-9]{{2,10}}$")


def is_brief_strap(line: str) -> bool:
    return bool(_BRIEF_STRAP_RE.match(line.strip()))


def is_campaign_strap(line: str) -> bool:
    """A campaign or running-column name: `冬日暖心行动·走基层`, `工会微镜头`, `职工风采`."""
    text = line.strip()
    if visible_length(text) > CAMPAIGN_MAX_CHARS or re.search(r"\s", text):
        return False
    if _CAMPAIGN_RE.match(text):
        return True
    return is_strap_like(text) and text.endswith(_CAMPAIGN_ENDINGS)


def take_straps(head: list[str], columns: set[str]) -> tuple[list[str], list[str]]:
    """Split headline lines into column straps and the headline stack under them.

    A leading line is a strap when it is a known column name or a campaign name; or when
    it is strap-like (short, no punctuation) and either three or more lines remain whose
    last is not marked as a subtitle (so they cannot all be kicker/title/subtitle), or it
    continues a strap block with a spaced slogan ("寒冬送暖 工会行动").
    """
    straps: list[str] = []
    rest = list(head)
    while len(rest) > 1:
        first = rest[0]
        crowded = len(rest) > 3 or (len(rest) == 3 and not is_subtitle_marked(rest[-1]))
        spaced_block = bool(straps) and len(first.split()) > 1
        known = first in columns or is_campaign_strap(first)
        if known or (is_strap_like(first) and (crowded or spaced_block)):
            straps.append(rest.pop(0))
        else:
            break
    return straps, rest


def _is_quoted_main_title(line: str) -> bool:
    """A quotation with a comma in it, printed as the headline: “下了班，书屋就是我的家”."""
    pairs = {"“": "”", '"': '"', "「": "」"}
    close = pairs.get(line[:1])
    quoted = bool(close) and line.find(close, 1) == len(line) - 1
    return quoted and bool(re.search(r"[，,]", line))


def _is_explanatory(line: str, above: str) -> bool:
    """A long line with commas under a shorter title without them explains the title."""
    return (
        bool(re.search(r"[，,]", line))
        and not re.search(r"[，,]", above)
        and visible_length(line) > visible_length(above)
        and visible_length(above) >= 8
    )


def fill_headline(article: ParsedArticle, stack: list[str]) -> None:
    """Give each line of the stack its role (see the module's docstring)."""
    if len(stack) > 3:
        article.warnings.append("标题行过多，多出的行已并入引题，请核对")
    subtitle = ""
    if len(stack) >= 3:
        article.kicker = " ".join(stack[:-2])
        article.title, subtitle = stack[-2], stack[-1]
    elif len(stack) == 2:
        first, second = stack
        if _is_quoted_main_title(second):
            article.kicker, article.title = first, second
        elif is_subtitle_marked(second) or _is_explanatory(second, first):
            article.title, subtitle = first, second
        else:
            article.kicker, article.title = first, second
    else:
        article.title = stack[0] if stack else ""
    dash = SUBTITLE_DASH_RE.match(subtitle)
    if dash and subtitle[dash.end() :]:
        article.subtitle_mark, subtitle = dash.group(), subtitle[dash.end() :]
    article.subtitle = subtitle


def assign_straps(articles: list[ParsedArticle], groups: list[list[str]]) -> None:
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
