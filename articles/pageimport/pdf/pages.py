"""A page PDF's page read into the import's result: the same `ParsedPage` a dump gives,
with each report's zones and the page's size."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from articles.pageimport.parser import PageParseError, ParsedPage, finish_page, read_laid_out
from articles.pageimport.pdf.document import PdfPage
from articles.pageimport.pdf.layout import Rect, union
from articles.pageimport.pdf.reports import LaidOutReport, lay_out


def parse_pdf_page(
    page: PdfPage,
    *,
    union_names: Mapping[str, str] | None = None,
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
    column_names: Iterable[str] = (),
) -> ParsedPage:
    """The reports of one page of a PDF; PageParseError (in Chinese) when its text layer
    cannot make drafts (a scan, or fonts without Unicode)."""
    if page.text_layer != "usable":
        raise PageParseError(page.text_layer_message)
    laid = lay_out(page, column_names={name for name in column_names if name})
    articles = []
    for report in laid.reports:
        found = read_laid_out(
            [paragraph.text for paragraph in report.paragraphs],
            head=report.head,
            column=report.strap,
            brief_strap=report.brief_strap,
            crossheads={n for n, paragraph in enumerate(report.paragraphs) if paragraph.crosshead},
        )
        for article, rects in zip(found, _rects_of(report, len(found)), strict=True):
            article.zones = [_fraction(rect, page.width, page.height) for rect in rects]
        articles += found
    parsed = ParsedPage(banner=laid.banner, articles=articles, dropped=laid.dropped)
    parsed.page_size_pt = [round(page.width, 2), round(page.height, 2)]
    return finish_page(parsed, union_names=union_names, topic_keywords=topic_keywords)


def _rects_of(report: LaidOutReport, count: int) -> list[list[Rect]]:
    """Each article's rectangles: a report's are its headline, blocks and pictures; in a
    row of briefs each brief's are the lines of its own paragraph."""
    if report.brief_strap and count == len(report.paragraphs):
        return [_by_column(paragraph.rects) for paragraph in report.paragraphs]
    return [report.rects] * count


def _by_column(lines: list[Rect]) -> list[Rect]:
    """Lines of one paragraph as one rectangle per column it runs in."""
    columns: list[list[Rect]] = []
    for line in lines:
        if columns and line.top >= columns[-1][-1].top:
            columns[-1].append(line)
        else:
            columns.append([line])
    return [union(column) for column in columns]


def _fraction(rect: Rect, width: float, height: float) -> list[float]:
    def clamp(value: float) -> float:
        return round(min(max(value, 0.0), 1.0), 4)

    return [
        clamp(rect.x0 / width),
        clamp(rect.top / height),
        clamp(rect.x1 / width),
        clamp(rect.bottom / height),
    ]
