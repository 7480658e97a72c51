"""The tables of the exported files, shared by the workbook and the CSV files so that a
figure cannot differ between them."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from articles.summaries.figures import Summary
from articles.summaries.lists import activity_rows, story_rows
from articles.summaries.notes import (
    COUNTING_NOTE,
    DISTRICTS_NOTE,
    GIFTS_NOTE,
    LEVELS_NOTE,
    NOT_PUBLISHED,
    NOT_PUBLISHED_NOTE,
    TOPICS_NOTE,
)
from articles.summaries.periods import SHANGHAI, format_date

# Sheet names; the CSV files are named after them.
SHEET_SUMMARY = "汇总"
SHEET_DISTRICTS = "分区统计"
SHEET_CONTRIBUTORS = "作者统计"
SHEET_TREND = "月度趋势"
SHEET_STORIES = "稿件清单"
SHEET_ACTIVITIES = "活动清单"


class Link(str):
    """A cell that is a link: the story's own address. Only these become hyperlinks in
    the workbook; a headline that happens to start with "http://" stays text."""


@dataclass(frozen=True)
class Col:
    header: str
    width: float  # Excel character units; a hanzi takes about two
    total: bool = False  # summed in the totals row of a list
    money: bool = False  # yuan: a list's totals row sums it as money, not as a count


@dataclass
class Table:
    """One titled table: a section of the summary sheet, or a sheet (and a CSV) of its own."""

    title: str
    columns: list[Col]
    rows: Iterable[list]  # a generator for the story and activity lists
    total: list | None = None
    note: str = ""


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
            f"{COUNTING_NOTE}{NOT_PUBLISHED_NOTE}"
            f"生成时间：{format_date(generated.date())} {generated:%H:%M}。"
        ),
    ]


def _figure(value):
    """A figure as shown: None (never printed in a story) is not zero."""
    return NOT_PUBLISHED if value is None else value


def summary_tables(summary: Summary) -> list[Table]:
    """The sections of the summary sheet (and of 汇总.csv)."""
    figures = [Col(label, 24) for label in summary.column_labels]
    current = summary.column_labels[0]
    stories = summary.story_totals["stories"]
    activities = summary.activity_totals["activities"]

    def rows(items) -> list[list]:
        return [
            ["　" * item.indent + item.label, *[_figure(v) for v in item.values]] for item in items
        ]

    return [
        Table("主要数字", [Col("项目", 34), *figures], rows(summary.headline)),
        Table(
            "稿件按专题",
            [Col("专题", 34), *figures],
            rows(summary.by_topic),
            total=["稿件总数（去重）", *stories],
            note=TOPICS_NOTE,
        ),
        Table(
            "稿件按体裁",
            [Col("体裁", 34), *figures],
            rows(summary.by_kind),
            total=["合计", *stories],
        ),
        Table(
            "稿件按工会层级",
            [Col("工会层级", 34), *figures],
            rows(summary.by_level),
            total=["稿件总数（去重）", *stories],
            note=LEVELS_NOTE,
        ),
        Table(
            "稿件按作者角色",
            [Col("角色", 34), Col(f"作者人数（{current}）", 24), *figures],
            [[row.label, row.people, *row.values] for row in summary.roles],
            note="稿件数按篇计：一篇稿件有两位记者时，记者一栏只计一篇。",
        ),
        Table(
            "工会活动按类型",
            [Col("活动类型", 34), *figures],
            rows(summary.activity_kinds),
            total=["合计", *activities],
        ),
        Table(
            f"慰问品（按物品合计，{current}）",
            [
                Col("物品", 34),
                Col("数量", 24),
                Col("单位", 24),
                Col("报道中的数量", 24),
                Col("总价值（元）", 24, money=True),
            ],
            [
                [g.item, _figure(g.quantity), g.unit, g.quantity_text, _figure(g.value)]
                for g in summary.gifts
            ],
            note=GIFTS_NOTE,
        ),
    ]


def district_table(summary: Summary) -> Table:
    labels = summary.column_labels
    columns = [
        Col("区", 30),
        *[Col(f"稿件 {label}", 16) for label in labels],
        *[Col(f"活动 {label}", 16) for label in labels],
        Col("开展活动的工会", 14),
        Col("参与人数", 12),
        Col("惠及职工人数", 13),
        Col("慰问基层工会数", 15),
        Col("慰问金（元）", 16, money=True),
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
    return Table(SHEET_DISTRICTS, columns, rows, total, DISTRICTS_NOTE)


def contributor_table(summary: Summary) -> Table:
    columns = [Col("姓名", 14), Col("所在单位", 40), Col("角色", 10), Col("稿件数", 10)]
    rows = [[c.name, c.union, c.role, c.stories] for c in summary.contributors]
    total = ["合计（署名人次）", "", "", sum(c.stories for c in summary.contributors)]
    return Table(SHEET_CONTRIBUTORS, columns, rows, total)


def trend_table(summary: Summary) -> Table:
    columns = [
        Col("月份", 14),
        Col("见报稿件（篇）", 16),
        Col("网站发布稿件（篇）", 18),
        Col("工会活动（项）", 16),
    ]
    rows = [
        [point.period.label, point.printed, point.stories, point.activities]
        for point in summary.trend
    ]
    return Table(SHEET_TREND, columns, rows)


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


def story_table(summary: Summary) -> Table:
    """Every story of the period, numbered; rows are read from the database as they go."""
    rows = (
        [
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
            Link(row.url),
        ]
        for number, row in enumerate(story_rows(summary.period, summary.scope), 1)
    )
    return Table(SHEET_STORIES, STORY_COLUMNS, rows)


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
    Col("慰问金（元）", 16, total=True, money=True),
    Col("慰问品", 34),
    Col("相关报道", 44),
]


def activity_table(summary: Summary) -> Table:
    """Every reported activity of the period, numbered, read from the database as they go."""
    rows = (
        [
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
        for number, row in enumerate(activity_rows(summary.period, summary.scope), 1)
    )
    return Table(SHEET_ACTIVITIES, ACTIVITY_COLUMNS, rows)
