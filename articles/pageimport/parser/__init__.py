"""Turn one printed page's text dump into structured reports.

The e-paper PDF of a page is dumped to plain text. The dump keeps the reading order of the
print layout but breaks lines wherever a print column breaks, often in mid-sentence or even
mid-word, and it carries the e-paper's navigation chrome. This module rebuilds the page:
banner (通栏), column straps (栏目), and for each report its headline stack
(引题/主题/副题), dateline (电头), credits (署名) and re-joined body paragraphs, plus the
unions and topics it is about.

Pure Python, no Django, on purpose (it reads only `unions.vocabulary`): the import service,
the admin and management commands all call it, and its tests run without a database.

Conventions the parser relies on (see shared/DOMAIN.md):
- a paragraph ends with sentence-final punctuation (。！？… possibly followed by a closing
  quote or bracket); a line without it continues on the next line;
- a headline or strap is a short line without it;
- a news report opens with a dateline (本报讯（记者 崔欣）); a photo report has a title,
  a caption and its credit AFTER the text (本报记者 周美玉 摄影报道).

Nothing the dump says is thrown away: every fragment lands in exactly one output field
(``ParsedPage.consumed_text()`` lists them), and where the parser has to guess it says so
in a Chinese warning instead of dropping text.

The stages, one module each: `lines` (input checks, chrome, broken datelines), `shapes`
(what a line looks like), `credits` (datelines and bylines), `scanner` (reports, briefs,
kinds), `headlines` (straps, kicker, title, subtitle), `unions` (the unions a report names,
known or proposed as new, with level and parent), `suggestions` (topics), `results` (what
comes back). A page PDF's layout (`articles.pageimport.pdf`) gives the reports' places
and headlines itself; their text goes through the same stages (`read_laid_out`,
`finish_page`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from articles.pageimport.parser.headlines import article_text
from articles.pageimport.parser.lines import check_text, prepare_lines
from articles.pageimport.parser.results import (
    COLUMN_SEPARATOR,
    PageParseError,
    ParsedArticle,
    ParsedCredit,
    ParsedPage,
)
from articles.pageimport.parser.scanner import (
    Scanner,
    assemble_page,
    classify_line,
    is_recognisable,
    read_laid_out,
    warnings_for,
)
from articles.pageimport.parser.suggestions import DEFAULT_TOPIC_KEYWORDS, suggest_topics
from articles.pageimport.parser.unions import NewUnion, UnionMatcher, guess_level
from unions.vocabulary import ARTICLE_KINDS, CREDIT_ROLES

__all__ = [
    "COLUMN_SEPARATOR",
    "DEFAULT_TOPIC_KEYWORDS",
    "KINDS",
    "ROLES",
    "NewUnion",
    "PageParseError",
    "ParsedArticle",
    "ParsedCredit",
    "ParsedPage",
    "finish_page",
    "guess_level",
    "parse_page",
    "read_laid_out",
]

ROLES = tuple(CREDIT_ROLES)
KINDS = tuple(ARTICLE_KINDS)


def parse_page(
    text: str,
    *,
    union_names: Mapping[str, str] | None = None,
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
    column_names: Iterable[str] = (),
) -> ParsedPage:
    """Parse one page dump. Raises PageParseError when there is no page to parse."""
    check_text(text)
    columns = {name.strip() for name in column_names if name and name.strip()}
    lines, jumped, dropped = prepare_lines(text)
    chunks = Scanner([classify_line(line, line in jumped) for line in lines]).scan()
    page = assemble_page(chunks, columns, dropped)
    return finish_page(page, union_names=union_names, topic_keywords=topic_keywords)


def finish_page(
    page: ParsedPage,
    *,
    union_names: Mapping[str, str] | None = None,
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
) -> ParsedPage:
    """The stages after the reports are cut, for a dump and a page PDF alike: the
    unions each report names (known or proposed), its topics, its warnings."""
    if not any(is_recognisable(a) for a in page.articles):
        raise PageParseError("未能识别出任何稿件：没有找到标题加正文、电头或署名")
    matcher = UnionMatcher(union_names or {})
    keywords = DEFAULT_TOPIC_KEYWORDS if topic_keywords is None else topic_keywords
    for article in page.articles:
        article.union_mentions, article.new_unions = matcher.find(article_text(article))
        new_names = {union.name for union in article.new_unions}
        # `unions` lists the tree's unions only; the new ones are proposals until confirmed.
        article.unions = [name for name in article.union_mentions if name not in new_names]
        article.union_suggestions = [union.name for union in article.new_unions]
        article.topics = suggest_topics(article, keywords)
        article.warnings += warnings_for(article)
    return page
