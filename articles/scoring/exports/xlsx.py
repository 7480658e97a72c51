"""The ranking as an Excel workbook, written in one pass over the pieces.

xlsxwriter runs in `constant_memory` mode: every row goes to a temporary file as soon as
the next one starts, so the fee list streams from the database to disk and a year of
pieces never sits in memory. Each sheet is its own file, so the fee list is written while
the ranking reads the pieces and the summary above it after.
"""

import datetime
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.utils import timezone

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


class _Sheet:
    """A worksheet written strictly top to bottom, as constant_memory mode requires."""

    def __init__(self, workbook, name: str, formats: dict):
        self.sheet = workbook.add_worksheet(name)
        self.sheet.set_paper(9)
        self.sheet.set_landscape()
        self.formats = formats
        self.at = 0  # the next row
        self.first = 0
        self.columns: list[Col] = []
        self.sums: dict[int, Decimal] = {}
        # How each type of value is written: one lookup per cell, a list of 100k rows.
        self.writers = {
            str: self._string,
            int: self._integer,
            Points: self._points,
            Percent: self._points,
            Money: self._money,
            Decimal: self._points,
            datetime.date: self._date,
        }

    def header(self, columns: list[Col]) -> None:
        self.columns = columns
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
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            self.writers[type(value)](column, value)
        self.at += 1

    def _string(self, column: int, value: str) -> None:
        cell = self.formats["missing"] if value == NO_RATE else self.formats["text"]
        self.sheet.write_string(self.at, column, value, cell)

    def _integer(self, column: int, value: int) -> None:
        self.sheet.write_number(self.at, column, value, self.formats["integer"])

    def _points(self, column: int, value: Decimal) -> None:
        self.sheet.write_number(self.at, column, float(value), self.formats["points"])
        self.sums[column] = self.sums.get(column, Decimal(0)) + value

    def _money(self, column: int, value: Decimal) -> None:
        self.sheet.write_number(self.at, column, float(value), self.formats["money"])
        self.sums[column] = self.sums.get(column, Decimal(0)) + value

    def _date(self, column: int, value: datetime.date) -> None:
        moment = datetime.datetime.combine(value, datetime.time())
        self.sheet.write_datetime(self.at, column, moment, self.formats["date"])

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
