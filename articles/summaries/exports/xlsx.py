"""The summary as an Excel workbook: the summary sheet, one sheet per table and the lists.

xlsxwriter runs in `constant_memory` mode: every row goes to a temporary file as soon as
the next one starts, so the story and activity lists stream from the database iterators to
disk and a month of 10k stories never sits in memory. Rows are therefore written strictly
top to bottom, and totals are summed on the way.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.utils import timezone
from xlsxwriter.utility import xl_col_to_name

from articles.summaries.exports.tables import (
    SHEET_SUMMARY,
    Col,
    Link,
    Table,
    activity_table,
    contributor_table,
    district_table,
    story_table,
    summary_tables,
    title_lines,
    trend_table,
)
from articles.summaries.figures import Summary
from articles.summaries.notes import NOT_PUBLISHED

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = '"¥"#,##0.00'
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
INT_FORMAT = "#,##0"
# Excel keeps at most 65,530 hyperlinks per sheet; later links are written as plain text.
MAX_HYPERLINKS = 65_000


def write_xlsx(summary: Summary, target: str | IO[bytes]) -> None:
    """Write the workbook to a path or a binary file opened for writing."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            # Headlines are text, whatever they start with ("=", "http", "0123").
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    workbook.set_properties(
        {
            "title": title_lines(summary)[0],
            "subject": "月度统计",
            "author": "工会报 内容管理",
            "created": timezone.now().replace(tzinfo=None),
        }
    )
    formats = _formats(workbook)
    _write_summary_sheet(workbook, formats, summary)
    _write_table_sheet(workbook, formats, district_table(summary))
    _write_table_sheet(workbook, formats, contributor_table(summary))
    _write_trend_sheet(workbook, formats, summary)
    _write_list_sheet(workbook, formats, story_table(summary), unit="篇稿件")
    _write_list_sheet(workbook, formats, activity_table(summary), unit="项活动")
    workbook.close()


@dataclass
class _Formats:
    title: object
    subtitle: object
    section: object
    header: object
    text: object
    indent: object
    date: object
    integer: object
    money: object
    url: object
    note: object
    missing: object
    wrapped: object
    total_text: object
    total_integer: object
    total_money: object


def _formats(workbook) -> _Formats:
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}

    def fmt(**props):
        return workbook.add_format({**base, **props})

    total = {"bold": True, "top": 1, "bg_color": "#F2F2F2"}
    return _Formats(
        title=fmt(bold=True, font_size=14),
        subtitle=fmt(font_color="#595959"),
        section=fmt(bold=True, font_size=11, font_color="#1F4E79"),
        header=fmt(bold=True, bg_color="#DDEBF7", border=1, text_wrap=True, align="center"),
        text=fmt(),
        indent=fmt(indent=2),
        date=fmt(num_format=DATE_FORMAT, align="left"),
        integer=fmt(num_format=INT_FORMAT),
        money=fmt(num_format=MONEY_FORMAT),
        url=fmt(font_color="#0563C1", underline=1),
        note=fmt(italic=True, font_color="#595959"),
        # "—" stands in a column of numbers: aligned with them.
        missing=fmt(align="right", font_color="#595959"),
        wrapped=fmt(font_color="#595959", text_wrap=True, valign="top"),
        total_text=fmt(**total),
        total_integer=fmt(num_format=INT_FORMAT, **total),
        total_money=fmt(num_format=MONEY_FORMAT, **total),
    )


class _Sheet:
    """A worksheet written strictly top to bottom, as constant_memory mode requires."""

    def __init__(
        self, workbook, name: str, formats: _Formats, columns: list[Col], fit_width: bool = True
    ):
        self.sheet = workbook.add_worksheet(name)
        self.formats = formats
        self.columns = columns
        self.row = 0
        self.links = 0
        for index, column in enumerate(columns):
            self.sheet.set_column(index, index, column.width)
        # Printed as handed on: A4 landscape, tables on the width of one page. The lists
        # are too wide for that to stay legible; they print across pages instead.
        self.sheet.set_paper(9)
        self.sheet.set_landscape()
        if fit_width:
            self.sheet.fit_to_pages(1, 0)

    def line(self, text: str, fmt) -> None:
        self.sheet.write_string(self.row, 0, text, fmt)
        self.row += 1

    def paragraph(self, text: str, fmt, height: int = 45) -> None:
        """Text across the sheet's width, wrapped: too long for one cell's overflow."""
        self.sheet.set_row(self.row, height)
        self.sheet.merge_range(self.row, 0, self.row, len(self.columns) - 1, text, fmt)
        self.row += 1

    def header(self, columns: list[Col], freeze: bool = False) -> None:
        self.sheet.set_row(self.row, 30)
        for index, column in enumerate(columns):
            self.sheet.write_string(self.row, index, column.header, self.formats.header)
        self.row += 1
        if freeze:
            self.sheet.freeze_panes(self.row, 0)
            self.sheet.repeat_rows(self.row - 1)  # and on every printed page

    def cells(self, values: Iterable, *, total: bool = False, indent_first: bool = False) -> None:
        f = self.formats
        for index, value in enumerate(values):
            if value is None or value == "":
                if total:
                    self.sheet.write_blank(self.row, index, None, f.total_text)
                continue
            if value == NOT_PUBLISHED:
                self.sheet.write_string(self.row, index, value, f.missing)
            elif isinstance(value, Decimal):
                self.sheet.write_number(
                    self.row, index, float(value), f.total_money if total else f.money
                )
            elif isinstance(value, int):
                self.sheet.write_number(
                    self.row, index, value, f.total_integer if total else f.integer
                )
            elif isinstance(value, datetime.date):
                self.sheet.write_datetime(
                    self.row, index, datetime.datetime.combine(value, datetime.time()), f.date
                )
            elif isinstance(value, Link):
                if self.links < MAX_HYPERLINKS:
                    self.sheet.write_url(self.row, index, value, f.url, string=value)
                    self.links += 1
                else:
                    self.sheet.write_string(self.row, index, value, f.text)
            else:
                if total:
                    cell_format = f.total_text
                elif indent_first and index == 0 and str(value).startswith("　"):
                    cell_format, value = f.indent, str(value).lstrip("　")
                else:
                    cell_format = f.text
                self.sheet.write_string(self.row, index, str(value), cell_format)
        self.row += 1

    def skip(self) -> None:
        self.row += 1


def _write_summary_sheet(workbook, formats: _Formats, summary: Summary) -> None:
    tables = summary_tables(summary)
    # One column width for all the tables stacked on the sheet: the widest asked for.
    widths = [
        max((t.columns[i].width for t in tables if i < len(t.columns)), default=12)
        for i in range(max(len(t.columns) for t in tables))
    ]
    sheet = _Sheet(workbook, SHEET_SUMMARY, formats, [Col("", w) for w in widths])
    title, subtitle = title_lines(summary)
    sheet.line(title, formats.title)
    sheet.paragraph(subtitle, formats.wrapped)
    sheet.skip()
    for position, table in enumerate(tables):
        sheet.line(table.title, formats.section)
        # The first header carries the period labels every later table shares.
        sheet.header(table.columns, freeze=position == 0)
        for row in table.rows:
            sheet.cells(row, indent_first=True)
        if table.total is not None:
            sheet.cells(table.total, total=True)
        if table.note:
            sheet.line(table.note, formats.note)
        sheet.skip()


def _write_table_sheet(workbook, formats: _Formats, table: Table) -> _Sheet:
    """A sheet holding one table, its header kept in view, its note below."""
    sheet = _Sheet(workbook, table.title, formats, table.columns)
    sheet.header(table.columns, freeze=True)
    for row in table.rows:
        sheet.cells(row)
    if table.total is not None:
        sheet.cells(table.total, total=True)
    if table.note:
        sheet.skip()
        sheet.paragraph(table.note, formats.wrapped, height=30)
    return sheet


def _write_trend_sheet(workbook, formats: _Formats, summary: Summary) -> None:
    table = trend_table(summary)
    sheet = _write_table_sheet(workbook, formats, table)
    months = len(table.rows)
    chart = workbook.add_chart({"type": "column"})
    # 见报 in the page's blue, all the site published in a lighter one, activities amber.
    for column, color in ((1, "#2F6EBA"), (2, "#9DBBE3"), (3, "#E0A526")):
        chart.add_series(
            {
                "name": [table.title, 0, column],
                "categories": [table.title, 1, 0, months, 0],
                "values": [table.title, 1, column, months, column],
                "fill": {"color": color},
            }
        )
    chart.set_title({"name": f"近{months}个月走势（{summary.scope.short_label}）"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 340})
    sheet.sheet.insert_chart(1, len(table.columns) + 1, chart)


def _write_list_sheet(workbook, formats: _Formats, table: Table, unit: str) -> None:
    """A list streamed row by row, then a totals row summing the figure columns."""
    columns = table.columns
    sheet = _Sheet(workbook, table.title, formats, columns, fit_width=False)
    sheet.header(columns, freeze=True)
    sums: dict[int, int | Decimal] = {}
    count = 0
    for row in table.rows:
        sheet.cells(row)
        count += 1
        for index, column in enumerate(columns):
            if column.total and row[index] is not None:
                sums[index] = sums.get(index, 0) + row[index]
    if count:
        sheet.sheet.autofilter(0, 0, count, len(columns) - 1)
    first, last = 2, count + 1  # Excel row numbers of the data
    total_row = sheet.row
    sheet.sheet.write_string(total_row, 0, "合计", formats.total_text)
    for index in range(1, len(columns)):
        column = columns[index]
        if index == 1:
            sheet.sheet.write_string(total_row, 1, f"共{count}{unit}", formats.total_text)
        elif column.total:
            value = sums.get(index, Decimal(0) if column.money else 0)
            letter = xl_col_to_name(index)
            # A live formula for whoever edits the sheet, with the value cached for readers
            # (and tests) that do not recalculate.
            sheet.sheet.write_formula(
                total_row,
                index,
                f"=SUM({letter}{first}:{letter}{last})" if count else "=0",
                formats.total_money if column.money else formats.total_integer,
                float(value) if column.money else value,
            )
        else:
            sheet.sheet.write_blank(total_row, index, None, formats.total_text)
    sheet.row += 1
