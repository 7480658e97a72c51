"""Monthly summaries as files staff hand on as they are: an Excel workbook and CSV.

Both formats are written from the same tables (`summary_sections`, `district_table`, the
column lists below), so a figure cannot differ between them.

- **xlsx** is written by xlsxwriter in `constant_memory` mode: every row goes to a
  temporary file as soon as the next one starts, so the story and activity lists stream
  from the database iterators to disk and a month of 10k stories never sits in memory.
  Rows are therefore written strictly top to bottom, and totals are summed on the way.
- **CSV** is UTF-8 with a byte-order mark: without it Excel on Windows reads the Chinese
  as GBK and shows mojibake. Lists carry no totals row so that each line is one story or
  one activity; the summary and district files keep theirs.

No internal note of an activity is ever read here: the list rows do not carry it.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.utils import timezone
from xlsxwriter.utility import xl_col_to_name

from articles.summaries import (
    SHANGHAI,
    ActivityRow,
    StoryRow,
    Summary,
    activity_rows,
    format_date,
    story_rows,
)

SHEET_SUMMARY = "汇总"
SHEET_DISTRICTS = "分区统计"
SHEET_CONTRIBUTORS = "作者统计"
SHEET_TREND = "月度趋势"
SHEET_STORIES = "稿件清单"
SHEET_ACTIVITIES = "活动清单"

MONEY_FORMAT = '"¥"#,##0.00'
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
INT_FORMAT = "#,##0"
NOT_PUBLISHED = "—"
# Excel keeps at most 65,530 hyperlinks per sheet; later links are written as plain text.
MAX_HYPERLINKS = 65_000
# A cell starting with one of these is run as a formula when a CSV is opened in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
ZIP_CONTENT_TYPE = "application/zip"


@dataclass(frozen=True)
class Col:
    header: str
    width: float  # Excel character units; a hanzi takes about two
    total: bool = False  # summed in the totals row of a list


@dataclass
class Section:
    """One titled table of the summary sheet (and of 汇总.csv)."""

    title: str
    columns: list[Col]
    rows: list[list]
    total: list | None = None
    note: str = ""


STORY_COLUMNS = [
    Col("序号", 7),
    Col("发布日期", 16),
    Col("标题", 56),
    Col("体裁", 10),
    Col("刊登版面", 28),
    Col("栏目", 22),
    Col("作者署名", 30),
    Col("涉及工会", 40),
    Col("所属区", 18),
    Col("专题", 22),
    Col("链接", 50),
]

ACTIVITY_COLUMNS = [
    Col("序号", 7),
    Col("开始日期", 16),
    Col("结束日期", 16),
    Col("活动名称", 48),
    Col("主办工会", 34),
    Col("所属区", 18),
    Col("类型", 16),
    Col("地点", 30),
    Col("参与人数", 11, total=True),
    Col("惠及职工人数", 13, total=True),
    Col("慰问基层工会数", 15, total=True),
    Col("慰问金（元）", 16, total=True),
    Col("慰问品", 34),
    Col("相关报道", 44),
]


def story_cells(number: int, row: StoryRow) -> list:
    return [
        number,
        row.published_on,
        row.headline,
        row.kind,
        row.page,
        row.column,
        row.byline,
        row.unions,
        row.districts,
        row.topics,
        row.url,
    ]


def activity_cells(number: int, row: ActivityRow) -> list:
    return [
        number,
        row.start_date,
        row.end_date,
        row.title,
        row.union,
        row.district,
        row.kind,
        row.place,
        row.participants,
        row.beneficiaries,
        row.unions_reached,
        row.relief_money,
        row.gifts,
        row.stories,
    ]


def export_filename(summary: Summary, extension: str, suffix: str = "") -> str:
    """月度统计_2024-01_全市.xlsx: sortable, and says what is inside."""
    name = f"月度统计_{summary.period.slug}_{summary.scope.short_label}"
    return f"{name}{('_' + suffix) if suffix else ''}.{extension}"


def title_lines(summary: Summary) -> list[str]:
    generated = timezone.localtime(timezone.now(), SHANGHAI)
    return [
        f"月度统计：{summary.period.label}（{summary.scope.label}）",
        (
            f"统计时段：{format_date(summary.period.start)}至{format_date(summary.period.end)}。"
            "稿件按发布时间（北京时间）计入，只计已发布稿件；工会活动按开始日期计入，"
            "只计已见报的活动。“—”表示稿件未公布该数字。"
            f"生成时间：{format_date(generated.date())} {generated:%H:%M}。"
        ),
    ]


# ---------------------------------------------------------------------------------------
# The tables, shared by both formats


def _figure(value):
    """A figure as shown: None (never printed in a story) is not zero."""
    return NOT_PUBLISHED if value is None else value


def summary_sections(summary: Summary) -> list[Section]:
    headers = summary.column_labels
    figures = [Col("项目", 34), *[Col(h, 24) for h in headers]]
    totals = summary.story_totals["stories"]
    activities = summary.activity_totals["activities"]

    def rows(items) -> list[list]:
        return [
            ["　" * item.indent + item.label, *[_figure(v) for v in item.values]] for item in items
        ]

    current = summary.column_labels[0]
    return [
        Section("主要数字", figures, rows(summary.headline)),
        Section(
            "稿件按专题",
            [Col("专题", 34), *figures[1:]],
            rows(summary.by_topic),
            total=["稿件总数（去重）", *totals],
            note="一篇稿件属于多个专题时在每个专题各计一次；子专题的稿件也计入上级专题（只计一次）。",
        ),
        Section(
            "稿件按体裁",
            [Col("体裁", 34), *figures[1:]],
            rows(summary.by_kind),
            total=["合计", *totals],
        ),
        Section(
            "稿件按工会层级",
            [Col("工会层级", 34), *figures[1:]],
            rows(summary.by_level),
            total=["稿件总数（去重）", *totals],
            note="一篇稿件涉及同一层级的多个工会时，该层级只计一次。",
        ),
        Section(
            "稿件按作者角色",
            [Col("角色", 34), Col(f"作者人数（{current}）", 24), *figures[1:]],
            [[row.label, row.people, *row.values] for row in summary.roles],
            note="稿件数按篇计：一篇稿件有两位记者时，记者一栏只计一篇。",
        ),
        Section(
            "工会活动按类型",
            [Col("活动类型", 34), *figures[1:]],
            rows(summary.activity_kinds),
            total=["合计", *activities],
        ),
        Section(
            f"慰问品（按物品合计，{current}）",
            [
                Col("物品", 34),
                Col("数量", 24),
                Col("单位", 24),
                Col("见报数量", 24),
                Col("总价值（元）", 24),
            ],
            [
                [g.item, _figure(g.quantity), g.unit, g.quantity_text, _figure(g.value)]
                for g in summary.gifts
            ],
            note="不同单位的物品不相加；“余”表示见报数字为约数，合计为最少数量。",
        ),
    ]


DISTRICT_NOTE = (
    "一篇稿件涉及几个区时在每个区各计一次，合计按稿件去重，因此可能小于各区之和；"
    "工会活动只属于主办工会所在的区。"
)


def district_table(summary: Summary) -> tuple[list[Col], list[list], list]:
    labels = summary.column_labels
    columns = [
        Col("区", 30),
        *[Col(f"稿件 {label}", 16) for label in labels],
        *[Col(f"活动 {label}", 16) for label in labels],
        Col("开展活动的工会", 14),
        Col("参与人数", 12),
        Col("惠及职工人数", 13),
        Col("慰问基层工会数", 15),
        Col("慰问金（元）", 16),
    ]
    rows = [
        [
            row.name,
            *row.stories,
            *row.activities,
            row.unions_active,
            _figure(row.participants),
            _figure(row.beneficiaries),
            _figure(row.unions_reached),
            _figure(row.relief_money),
        ]
        for row in summary.districts
    ]
    acts = summary.activity_totals
    total = [
        f"{summary.scope.short_label}合计",
        *summary.story_totals["stories"],
        *acts["activities"],
        acts["unions_active"][0],
        _figure(acts["participants"][0]),
        _figure(acts["beneficiaries"][0]),
        _figure(acts["unions_reached"][0]),
        _figure(acts["relief_money"][0]),
    ]
    return columns, rows, total


CONTRIBUTOR_COLUMNS = [Col("姓名", 14), Col("所在单位", 40), Col("角色", 10), Col("稿件数", 10)]


def contributor_table(summary: Summary) -> tuple[list[list], list]:
    rows = [[c.name, c.union, c.role, c.stories] for c in summary.contributors]
    return rows, ["合计（署名人次）", "", "", sum(c.stories for c in summary.contributors)]


TREND_COLUMNS = [Col("月份", 14), Col("见报稿件（篇）", 16), Col("工会活动（项）", 16)]


def trend_rows(summary: Summary) -> list[list]:
    return [[point.period.label, point.stories, point.activities] for point in summary.trend]


# ---------------------------------------------------------------------------------------
# Excel


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
    by_type: dict = field(default_factory=dict)


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
            if isinstance(value, bool):
                value = "是" if value else "否"
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
            elif isinstance(value, str) and value.startswith(("http://", "https://")):
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

    def skip(self, count: int = 1) -> None:
        self.row += count


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
    _write_district_sheet(workbook, formats, summary)
    _write_contributor_sheet(workbook, formats, summary)
    _write_trend_sheet(workbook, formats, summary)
    _write_list_sheet(
        workbook,
        formats,
        SHEET_STORIES,
        STORY_COLUMNS,
        (story_cells(n, row) for n, row in enumerate(story_rows(summary.period, summary.scope), 1)),
        unit="篇稿件",
    )
    _write_list_sheet(
        workbook,
        formats,
        SHEET_ACTIVITIES,
        ACTIVITY_COLUMNS,
        (
            activity_cells(n, row)
            for n, row in enumerate(activity_rows(summary.period, summary.scope), 1)
        ),
        unit="项活动",
    )
    workbook.close()


def _write_summary_sheet(workbook, formats: _Formats, summary: Summary) -> None:
    sections = summary_sections(summary)
    widths = [
        max((s.columns[i].width for s in sections if i < len(s.columns)), default=12)
        for i in range(max(len(s.columns) for s in sections))
    ]
    sheet = _Sheet(workbook, SHEET_SUMMARY, formats, [Col("", w) for w in widths])
    title, subtitle = title_lines(summary)
    sheet.line(title, formats.title)
    sheet.paragraph(subtitle, formats.wrapped)
    sheet.skip()
    for position, section in enumerate(sections):
        sheet.line(section.title, formats.section)
        # The first header carries the period labels every later table shares.
        sheet.header(section.columns, freeze=position == 0)
        for row in section.rows:
            sheet.cells(row, indent_first=True)
        if section.total is not None:
            sheet.cells(section.total, total=True)
        if section.note:
            sheet.line(section.note, formats.note)
        sheet.skip()


def _write_district_sheet(workbook, formats: _Formats, summary: Summary) -> None:
    columns, rows, total = district_table(summary)
    sheet = _Sheet(workbook, SHEET_DISTRICTS, formats, columns)
    sheet.header(columns, freeze=True)
    for row in rows:
        sheet.cells(row)
    sheet.cells(total, total=True)
    sheet.skip()
    sheet.paragraph(DISTRICT_NOTE, formats.wrapped, height=30)


def _write_contributor_sheet(workbook, formats: _Formats, summary: Summary) -> None:
    rows, total = contributor_table(summary)
    sheet = _Sheet(workbook, SHEET_CONTRIBUTORS, formats, CONTRIBUTOR_COLUMNS)
    sheet.header(CONTRIBUTOR_COLUMNS, freeze=True)
    for row in rows:
        sheet.cells(row)
    sheet.cells(total, total=True)


def _write_trend_sheet(workbook, formats: _Formats, summary: Summary) -> None:
    rows = trend_rows(summary)
    sheet = _Sheet(workbook, SHEET_TREND, formats, TREND_COLUMNS)
    sheet.header(TREND_COLUMNS, freeze=True)
    for row in rows:
        sheet.cells(row)
    chart = workbook.add_chart({"type": "column"})
    for column, color in ((1, "#2F6EBA"), (2, "#E0A526")):
        chart.add_series(
            {
                "name": [SHEET_TREND, 0, column],
                "categories": [SHEET_TREND, 1, 0, len(rows), 0],
                "values": [SHEET_TREND, 1, column, len(rows), column],
                "fill": {"color": color},
            }
        )
    chart.set_title({"name": f"近{len(rows)}个月走势（{summary.scope.short_label}）"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 340})
    sheet.sheet.insert_chart(1, 4, chart)


def _write_list_sheet(
    workbook,
    formats: _Formats,
    name: str,
    columns: list[Col],
    rows: Iterator[list],
    unit: str,
) -> None:
    """A list streamed row by row, then a totals row summing the figure columns."""
    sheet = _Sheet(workbook, name, formats, columns, fit_width=False)
    sheet.header(columns, freeze=True)
    sums: dict[int, int | Decimal] = {}
    count = 0
    for row in rows:
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
            is_money = "元" in column.header
            value = sums.get(index, Decimal(0) if is_money else 0)
            letter = xl_col_to_name(index)
            # A live formula for whoever edits the sheet, with the value cached for readers
            # (and tests) that do not recalculate.
            sheet.sheet.write_formula(
                total_row,
                index,
                f"=SUM({letter}{first}:{letter}{last})" if count else "=0",
                formats.total_money if is_money else formats.total_integer,
                float(value) if is_money else value,
            )
        else:
            sheet.sheet.write_blank(total_row, index, None, formats.total_text)
    sheet.row += 1


# ---------------------------------------------------------------------------------------
# CSV


def _csv_value(value) -> str:
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


def summary_csv_rows(summary: Summary) -> Iterator[list]:
    for line in title_lines(summary):
        yield [line]
    for section in summary_sections(summary):
        yield []
        yield [section.title]
        yield [column.header for column in section.columns]
        yield from section.rows
        if section.total is not None:
            yield section.total
        if section.note:
            yield [section.note]


def district_csv_rows(summary: Summary) -> Iterator[list]:
    columns, rows, total = district_table(summary)
    yield [column.header for column in columns]
    yield from rows
    yield total
    yield []
    yield [DISTRICT_NOTE]


def contributor_csv_rows(summary: Summary) -> Iterator[list]:
    rows, total = contributor_table(summary)
    yield [column.header for column in CONTRIBUTOR_COLUMNS]
    yield from rows
    yield total


def trend_csv_rows(summary: Summary) -> Iterator[list]:
    yield [column.header for column in TREND_COLUMNS]
    yield from trend_rows(summary)


def story_csv_rows(summary: Summary) -> Iterator[list]:
    yield [column.header for column in STORY_COLUMNS]
    for number, row in enumerate(story_rows(summary.period, summary.scope), 1):
        yield story_cells(number, row)


def activity_csv_rows(summary: Summary) -> Iterator[list]:
    yield [column.header for column in ACTIVITY_COLUMNS]
    for number, row in enumerate(activity_rows(summary.period, summary.scope), 1):
        yield activity_cells(number, row)


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
        yield writer.writerow([_csv_value(v) for v in row])


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
