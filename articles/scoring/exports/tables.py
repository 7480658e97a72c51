"""The tables of the exported files, shared by the workbook and the CSV files so that a
figure cannot differ between them. Cells say what they hold (`Points`, `Money`,
`Percent`), so each format prints them its own way."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from articles.scoring.models import SHARED_CREDIT_HELP, KindGroup, Placement
from articles.scoring.periods import SHANGHAI, format_date
from articles.scoring.ranking import FeeRow, Ranking

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


def fee_cells(row: FeeRow) -> list:
    return [
        row.day,
        row.page,
        row.title,
        row.kind,
        row.placement,
        row.name,
        row.union,
        Points(row.points),
        Money(row.fee),
    ]


FEE_NOTE = "日期为见报日期；网站稿件为发布日期。"
FEE_SUMMED = (7, 8)  # points, fee


def fee_table(ranking: Ranking) -> Table:
    rows = (fee_cells(row) for row in ranking.fee_rows())
    return Table(SHEET_FEES, FEE_COLUMNS, rows, FEE_NOTE, summed=FEE_SUMMED)


def rules_table(ranking: Ranking) -> Table:
    rows = [
        [group.label, placement.label, Points(points), Money(fee)]
        for group in KindGroup
        for placement in Placement
        for points, fee in [ranking.rules.value(group, placement)]
    ]
    columns = [Col("体裁", 14), Col("刊发位置", 12), Col("每篇积分", 10), Col("每篇稿费（元）", 14)]
    return Table(SHEET_RULES, columns, rows, SHARED_CREDIT_HELP)


SHEET_ORDER = [SHEET_SUMMARY, SHEET_UNITS, SHEET_PEOPLE, SHEET_FEES, SHEET_RULES]
TABLES: dict[str, Callable[[Ranking], Table]] = {
    "summary": summary_table,
    "units": unit_table,
    "correspondents": people_table,
    "fees": fee_table,
    "rules": rules_table,
}
