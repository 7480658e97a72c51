"""The ranking as an Excel workbook, written in one pass over the pieces.

xlsxwriter runs in `constant_memory` mode: every row goes to a temporary file as soon as
the next one starts, so the fee list streams from the database to disk and a year of
pieces never sits in memory. Each sheet is its own file, so the fee list is written while
the ranking reads the pieces and the summary above it after.

The tables' rows are written as XML by `_RowSheet.write_cells`, not cell by cell through
`write_string`/`write_number`: xlsxwriter spends ~6 µs a cell on those (a cell object,
the row flushed later, every attribute and string run through its escaping regexes
again), which was 1 s of the quarter's 2.3 s for the fee list's ~150k cells. A row here is
one string, each distinct value's cell made once per column (`_Sheet.tail`), the same XML
xlsxwriter writes: `tests/scoring/test_xlsx.py` compares the two byte for byte.
"""

import datetime
import re
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.utils import timezone
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from articles.scoring.exports.tables import (
    DATE_FORMAT,
    FEE_COLUMNS,
    FEE_NOTE,
    FEE_SUMMED,
    MONEY_FORMAT,
    NO_RATE,
    POINTS_FORMAT,
    SHEET_FEES,
    SHEET_ORDER,
    SHEET_RULES,
    SHEET_SUMMARY,
    Col,
    Money,
    Percent,
    Points,
    fee_cells,
    people_table,
    rules_table,
    summary_table,
    title_lines,
    unit_table,
)
from articles.scoring.periods import Period
from articles.scoring.ranking import Ranking, build_ranking
from articles.scoring.scope import Scope


def write_xlsx(
    period: Period, scope: Scope, target: str | IO[bytes], now: datetime.datetime | None = None
) -> Ranking:
    """Build the ranking and write its workbook (to a path or a binary file) in one pass
    over the pieces: the fee list is written as the ranking reads them, row by row, the
    other sheets after. Returns the ranking (an empty one still writes its empty file)."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _formats(workbook)
    # Sheets are made in their order first; constant_memory keeps each in its own file,
    # so the fee list can be filled before the summary above it is known.
    sheets = {name: _Sheet(workbook, name, formats) for name in SHEET_ORDER}
    fees = sheets[SHEET_FEES]
    fees.header(FEE_COLUMNS)
    ranking = build_ranking(period, scope, now, on_fee_row=lambda row: fees.row(fee_cells(row)))
    fees.finish(FEE_NOTE, summed=FEE_SUMMED)

    title, subtitle = title_lines(ranking)
    summary = sheets[SHEET_SUMMARY]
    summary.sheet.set_column(0, 0, 60)
    summary.sheet.write_string(0, 0, title, formats["title"])
    summary.sheet.set_row(1, 60)
    summary.sheet.write_string(1, 0, subtitle, formats["wrapped"])
    summary.at = 3
    for table in (summary_table(ranking), unit_table(ranking), people_table(ranking)):
        sheet = sheets[table.title]
        sheet.header(table.columns)
        for values in table.rows:
            sheet.row(values)
        sheet.finish(table.note)
    rules = rules_table(ranking)
    sheets[SHEET_RULES].header(rules.columns)
    for values in rules.rows:
        sheets[SHEET_RULES].row(values)
    sheets[SHEET_RULES].finish(rules.note)
    workbook.set_properties(
        {
            "title": title,
            "subject": "宣传信息考核",
            "author": "工会报 内容管理",
            "created": timezone.now().replace(tzinfo=None),
        }
    )
    workbook.close()
    return ranking


def _formats(workbook) -> dict:
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}

    def fmt(**props):
        return workbook.add_format({**base, **props})

    total = {"bold": True, "top": 1, "bg_color": "#F2F2F2"}
    return {
        "title": fmt(bold=True, font_size=14),
        "wrapped": fmt(font_color="#595959", text_wrap=True, valign="top"),
        "header": fmt(bold=True, bg_color="#DDEBF7", border=1, text_wrap=True, align="center"),
        "text": fmt(),
        "integer": fmt(num_format="#,##0"),
        "points": fmt(num_format=POINTS_FORMAT),
        "money": fmt(num_format=MONEY_FORMAT),
        "date": fmt(num_format=DATE_FORMAT, align="left"),
        "missing": fmt(align="right", font_color="#595959"),
        "note": fmt(italic=True, font_color="#595959"),
        "total_text": fmt(**total),
        "total_points": fmt(num_format=POINTS_FORMAT, **total),
        "total_money": fmt(num_format=MONEY_FORMAT, **total),
    }


# What xlsxwriter does to a string in constant_memory mode (an inline string): control
# characters become _xHHHH_ (a literal _xHHHH_ has its underscore escaped first), &, < and
# > are escaped, and a leading or trailing space asks for xml:space="preserve".
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_EDGE_SPACE = re.compile(r"^\s|\s$")
# Excel's limit for a cell: 32,767 UTF-16 units (a character above U+FFFF takes two).
_MAX_UNITS = 32767
# Distinct values whose cells are kept, per column (names, unions, dates and amounts
# repeat; a title only for a story's second correspondent): a column's are dropped when
# it holds this many, so memory stays flat however long the list.
_TAIL_CACHE = 4096
_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 for dates from 1900-03-01 on


def _truncated(value: str) -> str:
    """Cut to Excel's limit, as xlsxwriter does (never for the names and titles here)."""
    if len(value) <= _MAX_UNITS // 2:
        return value
    units = 0
    for index, char in enumerate(value):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > _MAX_UNITS:
            return value[:index]
    return value


def _inline_string(value: str) -> str:
    """`value` as the inside of xlsxwriter's inline-string cell: ` t="inlineStr"><is>…`."""
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", _truncated(value))
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    preserve = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{preserve}>{text}</t></is></c>'


class _RowSheet(Worksheet):
    """A worksheet that also takes a whole row of cells already written as XML.

    Relies on how xlsxwriter's constant_memory mode keeps rows (`previous_row`, the one
    row it holds, flushed by `_write_single_row`, straight to `fh`), stable through 3.x;
    the test beside this module checks the output against xlsxwriter's own writers."""

    def write_cells(self, row: int, first_col: int, last_col: int, cells: str) -> None:
        """Row `row` (zero-based), columns `first_col`…`last_col`, as its `<c>` elements."""
        if not self.constant_memory or row <= self.previous_row:
            raise ValueError("write_cells: constant_memory rows, in order, once each")
        self._write_single_row(row)  # the row held before (the header), then this one
        self._check_dimensions(row, first_col)
        self._check_dimensions(row, last_col)
        self._write_row(row, None, self.row_info.get(row))
        self.fh.write(cells)
        self._xml_end_tag("row")


class _Sheet:
    """A worksheet written strictly top to bottom, as constant_memory mode requires."""

    def __init__(self, workbook, name: str, formats: dict):
        self.sheet = workbook.add_worksheet(name, worksheet_class=_RowSheet)
        self.sheet.set_paper(9)
        self.sheet.set_landscape()
        self.formats = formats
        self.at = 0  # the next row
        self.first = 0
        self.columns: list[Col] = []
        self.refs: list[str] = []  # the columns' letters
        self.sums: dict[int, Decimal] = {}
        self.tails: list[dict[tuple[type, object], str]] = []  # per column
        # The cells' formats by their index in the workbook (s="…"), each type's own.
        names = ("text", "missing", "integer", "points", "money", "date")
        self.xf = xf = {name: formats[name]._get_xf_index() for name in names}
        self.number_formats = {
            int: xf["integer"],
            Points: xf["points"],
            Percent: xf["points"],
            Decimal: xf["points"],
            Money: xf["money"],
        }

    def header(self, columns: list[Col]) -> None:
        self.columns = columns
        self.refs = [xl_col_to_name(index) for index in range(len(columns))]
        self.tails = [{} for _ in columns]
        for index, col in enumerate(columns):
            if index or self.at == 0:  # the summary's first column is widened for its title
                self.sheet.set_column(index, index, col.width)
        self.sheet.set_row(self.at, 30)
        for index, col in enumerate(columns):
            self.sheet.write_string(self.at, index, col.header, self.formats["header"])
        self.sheet.freeze_panes(self.at + 1, 0)
        self.sheet.repeat_rows(self.at)
        self.at += 1
        self.first = self.at

    def row(self, values: list) -> None:
        number = str(self.at + 1)
        tails, sums = self.tails, self.sums
        cells = []
        first = last = None
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = value.__class__
            known = tails[column]
            tail = known.get((kind, value))
            if tail is None:
                if len(known) >= _TAIL_CACHE:
                    known.clear()
                tail = known[kind, value] = self.tail(value)
            cells.append(f'<c r="{self.refs[column]}{number}"{tail}')
            if first is None:
                first = column
            last = column
            if kind in (Points, Money, Percent, Decimal):
                sums[column] = sums.get(column, Decimal(0)) + value
        if cells:
            self.sheet.write_cells(self.at, first, last, "".join(cells))
        self.at += 1

    def tail(self, value) -> str:
        """The cell of `value` after its reference: ` s="…"><v>…</v></c>` and the like."""
        kind = value.__class__
        if kind is str:
            xf = self.xf["missing"] if value == NO_RATE else self.xf["text"]
            tail = f' s="{xf}"{_inline_string(value)}'
        elif kind is datetime.date:
            tail = f' s="{self.xf["date"]}"><v>{(value - _EPOCH).days}</v></c>'
        else:
            tail = f' s="{self.number_formats[kind]}"><v>{float(value):.16G}</v></c>'
        return tail

    def finish(self, note: str, summed: tuple[int, ...] = ()) -> None:
        """A 合计 row for the summed columns, a filter over the rows, the note below."""
        count = self.at - self.first
        if summed:
            f = self.formats
            self.sheet.write_string(self.at, 0, "合计", f["total_text"])
            self.sheet.write_string(self.at, 1, f"共{count}行", f["total_text"])
            for index, col in enumerate(self.columns[2:], start=2):
                value = float(self.sums.get(index, 0))
                if index not in summed:
                    self.sheet.write_blank(self.at, index, None, f["total_text"])
                elif "元" in col.header:
                    self.sheet.write_number(self.at, index, value, f["total_money"])
                else:
                    self.sheet.write_number(self.at, index, value, f["total_points"])
            self.at += 1
        if count and len(self.columns) > 2:
            self.sheet.autofilter(self.first - 1, 0, self.first - 1 + count, len(self.columns) - 1)
        if note:
            self.sheet.write_string(self.at + 1, 0, note, self.formats["note"])
