"""The summary as CSV files: one per table of the workbook, alone or together in a zip.

UTF-8 with a byte-order mark: without it Excel on Windows reads the Chinese as GBK and
shows mojibake. Lists carry no totals row so that each line is one story or one activity;
the summary and district files keep theirs.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import IO

from articles.summaries.exports.tables import (
    SHEET_ACTIVITIES,
    SHEET_CONTRIBUTORS,
    SHEET_DISTRICTS,
    SHEET_STORIES,
    SHEET_SUMMARY,
    SHEET_TREND,
    Table,
    activity_table,
    contributor_table,
    district_table,
    export_filename,
    story_table,
    summary_tables,
    title_lines,
    trend_table,
)
from articles.summaries.figures import Summary
from articles.summaries.periods import format_date

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
ZIP_CONTENT_TYPE = "application/zip"
# A cell starting with one of these is run as a formula when a CSV is opened in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _table_rows(table: Table) -> Iterator[list]:
    yield [column.header for column in table.columns]
    yield from table.rows
    if table.total is not None:
        yield table.total
    if table.note:
        yield []
        yield [table.note]


def summary_csv_rows(summary: Summary) -> Iterator[list]:
    for line in title_lines(summary):
        yield [line]
    for table in summary_tables(summary):
        yield []
        yield [table.title]
        yield [column.header for column in table.columns]
        yield from table.rows
        if table.total is not None:
            yield table.total
        if table.note:
            yield [table.note]


def district_csv_rows(summary: Summary) -> Iterator[list]:
    return _table_rows(district_table(summary))


def contributor_csv_rows(summary: Summary) -> Iterator[list]:
    return _table_rows(contributor_table(summary))


def trend_csv_rows(summary: Summary) -> Iterator[list]:
    return _table_rows(trend_table(summary))


def story_csv_rows(summary: Summary) -> Iterator[list]:
    return _table_rows(story_table(summary))


def activity_csv_rows(summary: Summary) -> Iterator[list]:
    return _table_rows(activity_table(summary))


# The CSV files, by the `list` a download or the command asks for; names match the sheets.
CSV_LISTS: dict[str, tuple[str, Callable[[Summary], Iterator[list]]]] = {
    "summary": (SHEET_SUMMARY, summary_csv_rows),
    "districts": (SHEET_DISTRICTS, district_csv_rows),
    "contributors": (SHEET_CONTRIBUTORS, contributor_csv_rows),
    "trend": (SHEET_TREND, trend_csv_rows),
    "stories": (SHEET_STORIES, story_csv_rows),
    "activities": (SHEET_ACTIVITIES, activity_csv_rows),
}


class _Line:
    """A file-like that hands back what csv.writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def iter_csv(rows: Iterable[list]) -> Iterator[str]:
    """CSV text line by line, BOM first: for a streaming HTTP response."""
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_value(v) for v in row])


def write_csv(rows: Iterable[list], target: IO[str]) -> None:
    """Write to a text file opened with newline="" (csv's own line endings)."""
    for chunk in iter_csv(rows):
        target.write(chunk)


def csv_filename(summary: Summary, key: str) -> str:
    return export_filename(summary, "csv", CSV_LISTS[key][0])


def write_csv_zip(summary: Summary, target: str | IO[bytes]) -> list[str]:
    """Every CSV of the summary in one zip, each written straight into the archive."""
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet_name, rows in CSV_LISTS.values():
            name = f"{sheet_name}.csv"
            with archive.open(name, "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                write_csv(rows(summary), text)
                text.flush()
                text.detach()
            names.append(name)
    return names


def write_csv_directory(summary: Summary, directory) -> list[str]:
    """Every CSV of the summary as files in `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet_name, rows in CSV_LISTS.values():
        path = directory / f"{sheet_name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_csv(rows(summary), handle)
        written.append(str(path))
    return written
