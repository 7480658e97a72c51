"""The ranking as files staff hand on: an Excel workbook and CSV (one file per table, alone
or together in a zip). Both write the same `Table`s, so a figure cannot differ between them.

The 稿费清单 is the long one (one row per adopted piece and correspondent): it is read from
the database as it is written (`Ranking.fee_rows`), and xlsxwriter runs in
`constant_memory` mode, so a year of pieces never sits in memory.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.utils import timezone

from articles.scoring.models import SHARED_CREDIT_HELP, KindGroup, Placement
from articles.scoring.periods import SHANGHAI, format_date
from articles.scoring.ranking import Ranking

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
ZIP_CONTENT_TYPE = "application/zip"
MONEY_FORMAT = '"¥"#,##0.00'
POINTS_FORMAT = "#,##0.##"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# A CSV cell starting with one of these is run as a formula when opened in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NO_RATE = "—"

SHEET_SUMMARY = "汇总"
SHEET_UNITS = "单位排名"
SHEET_PEOPLE = "通讯员排名"
SHEET_FEES = "稿费清单"
SHEET_RULES = "积分标准"

RATE_NOTE = (
    "来稿按进入系统的时间计入时段（草稿不计）；采用率为本期来稿中至今已采用的比例。"
    "本期采用按发布时间计入时段，积分只计本期采用的稿件。"
)
ROLLUP_NOTE = "单位积分含下属工会：每篇稿件对每个上级单位只计一次。"


class Points(Decimal):
    """A number of points in a cell."""


class Money(Decimal):
    """Yuan in a cell."""


class Percent(Decimal):
    """A rate in percent in a cell."""


@dataclass(frozen=True)
class Col:
    header: str
    width: float  # Excel character units; a hanzi takes about two


@dataclass
class Table:
    title: str
    columns: list[Col]
    rows: Iterable[list]
    note: str = ""
    # Columns summed into a 合计 row at the end (the fee list: points and fees).
    summed: tuple[int, ...] = ()


def with_total(table: Table) -> Iterator[list]:
    """The table's rows, then its 合计 row (if it sums columns), summed as they stream."""
    sums = dict.fromkeys(table.summed, Decimal(0))
    kinds: dict[int, type] = {}  # Points or Money: the total is printed as its column
    count = 0
    for row in table.rows:
        count += 1
        for index in table.summed:
            sums[index] += row[index]
            kinds[index] = type(row[index])
        yield row
    if table.summed:
        total = ["合计", f"共{count}行", *[""] * (len(table.columns) - 2)]
        for index, value in sums.items():
            total[index] = kinds.get(index, Decimal)(value)
        yield total


def export_filename(ranking: Ranking, extension: str, suffix: str = "") -> str:
    """宣传信息考核_2024Q1_全市.xlsx: sortable, and says what is inside."""
    name = f"宣传信息考核_{ranking.period.slug}_{ranking.scope.short_label}"
    return f"{name}{('_' + suffix) if suffix else ''}.{extension}"


def title_lines(ranking: Ranking) -> list[str]:
    generated = timezone.localtime(ranking.now, SHANGHAI)
    return [
        f"宣传信息考核：{ranking.period.label}（{ranking.scope.label}）",
        (
            f"考核时段：{format_date(ranking.period.start)}至{format_date(ranking.period.end)}。"
            f"{RATE_NOTE}{ROLLUP_NOTE}"
            f"多位通讯员署名：{ranking.rules.policy.get_shared_credit_display()}。"
            f"生成时间：{format_date(generated.date())} {generated:%H:%M}。"
        ),
    ]


def _rate(value) -> object:
    return NO_RATE if value is None else Percent(value)


def summary_table(ranking: Ranking) -> Table:
    t = ranking.totals
    rows = [
        ["来稿（篇）", t.filed],
        ["其中至今已采用（篇）", t.filed_adopted],
        ["采用率（%）", _rate(t.rate)],
        ["本期采用（篇）", t.adopted],
        *[[f"　其中{label}（篇）", count] for label, count in t.placements()],
        ["积分", Points(t.points)],
        ["稿费（元）", Money(t.fee)],
    ]
    return Table(SHEET_SUMMARY, [Col("项目", 28), Col("数量", 16)], rows, RATE_NOTE)


UNIT_COLUMNS = [
    Col("层级", 14),
    Col("名次", 6),
    Col("单位", 40),
    Col("来稿（篇）", 10),
    Col("其中已采用", 10),
    Col("采用率（%）", 10),
    Col("本期采用（篇）", 12),
    Col("积分", 10),
    Col("稿费（元）", 12),
]


def unit_table(ranking: Ranking) -> Table:
    rows = (
        [
            table.label,
            row.rank,
            row.name,
            row.filed,
            row.filed_adopted,
            _rate(row.rate),
            row.adopted,
            Points(row.points),
            Money(row.fee),
        ]
        for table in ranking.levels
        for row in table.rows
    )
    return Table(SHEET_UNITS, UNIT_COLUMNS, rows, ROLLUP_NOTE)


PEOPLE_COLUMNS = [
    Col("名次", 6),
    Col("姓名", 12),
    Col("所在单位", 40),
    Col("来稿（篇）", 10),
    Col("其中已采用", 10),
    Col("采用率（%）", 10),
    Col("本期采用（篇）", 12),
    Col("积分", 10),
    Col("稿费（元）", 12),
]


def people_table(ranking: Ranking) -> Table:
    rows = (
        [
            row.rank,
            row.name,
            row.union_name,
            row.filed,
            row.filed_adopted,
            _rate(row.rate),
            row.adopted,
            Points(row.points),
            Money(row.fee),
        ]
        for row in ranking.correspondents
    )
    return Table(SHEET_PEOPLE, PEOPLE_COLUMNS, rows)


FEE_COLUMNS = [
    Col("日期", 14),
    Col("版次", 8),
    Col("标题", 50),
    Col("体裁", 10),
    Col("刊发位置", 10),
    Col("通讯员", 12),
    Col("计分单位", 36),
    Col("积分", 8),
    Col("稿费（元）", 12),
]


def fee_table(ranking: Ranking) -> Table:
    rows = (
        [
            r.day,
            r.page,
            r.title,
            r.kind,
            r.placement,
            r.name,
            r.union,
            Points(r.points),
            Money(r.fee),
        ]
        for r in ranking.fee_rows()
    )
    return Table(
        SHEET_FEES, FEE_COLUMNS, rows, "日期为见报日期；网站稿件为发布日期。", summed=(7, 8)
    )


def rules_table(ranking: Ranking) -> Table:
    rows = [
        [group.label, placement.label, Points(points), Money(fee)]
        for group in KindGroup
        for placement in Placement
        for points, fee in [ranking.rules.value(group, placement)]
    ]
    columns = [Col("体裁", 14), Col("刊发位置", 12), Col("每篇积分", 10), Col("每篇稿费（元）", 14)]
    return Table(SHEET_RULES, columns, rows, SHARED_CREDIT_HELP)


TABLES: dict[str, Callable[[Ranking], Table]] = {
    "summary": summary_table,
    "units": unit_table,
    "correspondents": people_table,
    "fees": fee_table,
    "rules": rules_table,
}


# --- Excel ---------------------------------------------------------------------------------


def write_xlsx(ranking: Ranking, target: str | IO[bytes]) -> None:
    """The workbook, to a path or a binary file opened for writing."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    title, subtitle = title_lines(ranking)
    workbook.set_properties(
        {
            "title": title,
            "subject": "宣传信息考核",
            "author": "工会报 内容管理",
            "created": timezone.now().replace(tzinfo=None),
        }
    )
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}

    def fmt(**props):
        return workbook.add_format({**base, **props})

    formats = {
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
    }
    for index, make in enumerate(TABLES.values()):
        table = make(ranking)
        sheet = workbook.add_worksheet(table.title)
        sheet.set_paper(9)
        sheet.set_landscape()
        for column, col in enumerate(table.columns):
            sheet.set_column(column, column, col.width)
        row = 0
        if index == 0:  # the summary sheet opens with what the file is
            sheet.set_column(0, 0, 60)
            sheet.write_string(0, 0, title, formats["title"])
            sheet.set_row(1, 60)
            sheet.write_string(1, 0, subtitle, formats["wrapped"])
            row = 3
        sheet.set_row(row, 30)
        for column, col in enumerate(table.columns):
            sheet.write_string(row, column, col.header, formats["header"])
        sheet.freeze_panes(row + 1, 0)
        sheet.repeat_rows(row)
        first = row + 1
        for values in with_total(table):
            row += 1
            for column, value in enumerate(values):
                _write_cell(sheet, row, column, value, formats)
        if row >= first and index > 0:
            sheet.autofilter(first - 1, 0, row, len(table.columns) - 1)
        if table.note:
            sheet.write_string(row + 2, 0, table.note, formats["note"])
    workbook.close()


def _write_cell(sheet, row: int, column: int, value, formats: dict) -> None:
    if value is None or value == "":
        return
    if value == NO_RATE:
        sheet.write_string(row, column, value, formats["missing"])
    elif isinstance(value, Points):
        sheet.write_number(row, column, float(value), formats["points"])
    elif isinstance(value, Money):
        sheet.write_number(row, column, float(value), formats["money"])
    elif isinstance(value, Decimal):
        sheet.write_number(row, column, float(value), formats["points"])
    elif isinstance(value, int):
        sheet.write_number(row, column, value, formats["integer"])
    elif isinstance(value, datetime.date):
        sheet.write_datetime(
            row, column, datetime.datetime.combine(value, datetime.time()), formats["date"]
        )
    else:
        sheet.write_string(row, column, str(value), formats["text"])


# --- CSV -----------------------------------------------------------------------------------


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
