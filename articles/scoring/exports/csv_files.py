"""The ranking as CSV files: one per table, alone (streamed) or together in a zip or a
directory. UTF-8 with a byte-order mark: without it Excel on Windows reads GBK."""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from articles.scoring.exports.tables import (
    FORMULA_PREFIXES,
    TABLES,
    Money,
    Table,
    export_filename,
    with_total,
)
from articles.scoring.periods import format_date
from articles.scoring.ranking import Ranking


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, Money):
        return f"{value:.2f}"
    if isinstance(value, Decimal):  # points and rates: 10, 2.5, 66.7
        return f"{value.normalize():f}"
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def table_rows(table: Table) -> Iterator[list]:
    yield [col.header for col in table.columns]
    yield from with_total(table)
    if table.note:
        yield []
        yield [table.note]


class _Line:
    """A file-like that hands back what csv.writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def iter_csv(rows: Iterable[list]) -> Iterator[str]:
    """CSV text line by line, BOM first (Excel on Windows reads it as UTF-8 then)."""
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_value(v) for v in row])


def csv_filename(ranking: Ranking, key: str) -> str:
    return export_filename(ranking, "csv", TABLES[key](ranking).title)


def write_csv_zip(ranking: Ranking, target: str | IO[bytes]) -> list[str]:
    """Every table as a CSV in one zip, each written straight into the archive."""
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for make in TABLES.values():
            table = make(ranking)
            name = f"{table.title}.csv"
            with archive.open(name, "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                for chunk in iter_csv(table_rows(table)):
                    text.write(chunk)
                text.flush()
                text.detach()
            names.append(name)
    return names


def write_csv_directory(ranking: Ranking, directory) -> list[str]:
    """Every table as a CSV file in `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for make in TABLES.values():
        table = make(ranking)
        path = directory / f"{table.title}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            for chunk in iter_csv(table_rows(table)):
                handle.write(chunk)
        written.append(str(path))
    return written
