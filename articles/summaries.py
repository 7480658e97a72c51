"""Monthly summaries (月度统计): what the paper published and what the unions did.

One module answers every question the federation's report asks, for the admin page, the
Excel and CSV exports and `manage.py export_monthly` alike.

Decisions the report depends on:

- **A story is in a period by the date of `published_at` in Asia/Shanghai**, not by the
  print edition date. Web-only stories have no printed page, `published()` (the one
  visibility rule) is about `published_at`, and the indexed column keeps the month's
  query cheap. Printed stories go online on the morning of their edition (the demo page:
  2024年1月23日 06:00), so for them both dates agree.
- **Stories come only from `Article.objects.published()`.** Activities count when they
  are `reported()`: told in at least one published story, like the figures readers see.
  An activity is in a period by its `start_date`.
- **Nothing is counted twice.** A story about three unions of one district counts once for
  that district, once per union level, once for the city. Per topic a story counts once,
  and a story filed under a sub-topic (职工书屋) also counts, once, for its parent
  (学习型组织), as the topic pages list it. Totals over overlapping groups (topics,
  districts, levels) are therefore not the sum of their rows; the tables say so.
- Every aggregate is one GROUP BY query with a conditional count per compared period
  (this period, the previous one, the same period last year), so the number of queries
  is fixed whatever the size of the archive.
- The story and activity lists are generators over keyset pages of plain values, so an
  export never holds more than one page of rows in memory.
"""

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.bylines import BylineCredit, render_byline
from articles.models import (
    Activity,
    ActivityKind,
    Article,
    ArticleKind,
    Credit,
    CreditRole,
    GiftLine,
    Topic,
)
from unions.models import Union, UnionLevel

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Years outside this window are typing mistakes, and would overflow date arithmetic.
FIRST_YEAR, LAST_YEAR = 1949, 2100
TREND_MONTHS = 12
# Rows per keyset page of the story and activity lists: one page is all an export holds.
CHUNK_SIZE = 1000

ArticleTopic = Article.topics.through
ArticleUnion = Article.unions.through


class SummaryError(ValueError):
    """A request for a summary that cannot be answered, with a message for staff."""


def format_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), SHANGHAI).date()


# ---------------------------------------------------------------------------------------
# Periods


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year_earlier(day: datetime.date) -> datetime.date:
    # 29 February has no twin a year earlier; the 28th stands in.
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


@dataclass(frozen=True)
class Period:
    """Dates from `start` to `end`, both included: a month, a 送温暖 season or any range."""

    start: datetime.date
    end: datetime.date
    kind: str = "range"  # "month", "season" or "range"

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(datetime.date(year, month, 1), _month_end(year, month), "month")

    @classmethod
    def season(cls, year: int) -> "Period":
        """The 送温暖 season of winter `year`: December `year` to February `year + 1`."""
        return cls(datetime.date(year, 12, 1), _month_end(year + 1, 2), "season")

    @classmethod
    def between(cls, start: datetime.date, end: datetime.date) -> "Period":
        return cls(start, end, "range")

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "season":
            return f"{self.start.year}—{self.end.year}年度送温暖季"
        return f"{format_date(self.start)}至{format_date(self.end)}"

    @property
    def short_label(self) -> str:
        """For a chart axis or a narrow column: 2024年1月, 2023—2024送温暖季, 1月1日—1月31日."""
        if self.kind == "season":
            return f"{self.start.year}—{self.end.year}送温暖季"
        if self.kind == "range" and self.start.year == self.end.year:
            return (
                f"{self.start.year}年{self.start.month}月{self.start.day}日"
                f"—{self.end.month}月{self.end.day}日"
            )
        return self.label

    @property
    def slug(self) -> str:
        """For file names: 2024-01, season-2023, 2024-01-01_2024-01-31."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "season":
            return f"season-{self.start.year}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period just before, of the same kind: last month, last season, or as many days."""
        if self.kind == "month":
            return Period.month(*_add_months(self.start.year, self.start.month, -1))
        if self.kind == "season":
            return Period.season(self.start.year - 1)
        end = self.start - datetime.timedelta(days=1)
        return Period.between(end - datetime.timedelta(days=self.days - 1), end)

    def last_year(self) -> "Period":
        if self.kind == "month":
            return Period.month(self.start.year - 1, self.start.month)
        if self.kind == "season":
            return Period.season(self.start.year - 1)
        return Period.between(_year_earlier(self.start), _year_earlier(self.end))

    def comparisons(self) -> list[tuple[str, "Period"]]:
        """The periods shown beside this one. A season's previous period *is* last year's
        season, so it is shown once."""
        if self.kind == "month":
            return [("上月", self.previous()), ("去年同月", self.last_year())]
        if self.kind == "season":
            return [("上一季", self.previous())]
        return [("上一时段", self.previous()), ("去年同期", self.last_year())]

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes [start, end) of the period's days in Asia/Shanghai."""
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=SHANGHAI)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=SHANGHAI
        )
        return start, end

    def trend_months(self, count: int = TREND_MONTHS) -> list["Period"]:
        """The `count` calendar months ending with the month of this period's last day."""
        return [
            Period.month(*_add_months(self.end.year, self.end.month, delta))
            for delta in range(-count + 1, 1)
        ]


_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def _check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise SummaryError(f"“{text}”的年份超出范围（{FIRST_YEAR}—{LAST_YEAR}年）。")


def parse_month(text: str) -> Period:
    text = (text or "").strip()
    match = _MONTH_RE.match(text)
    if not match:
        raise SummaryError(f"月份“{text}”格式不对，应写作 年-月，例如 2024-01。")
    year, month = int(match[1]), int(match[2])
    _check_year(year, text)
    if not 1 <= month <= 12:
        raise SummaryError(f"“{text}”不是有效的月份：月份应在 1 到 12 之间。")
    return Period.month(year, month)


def parse_date(text: str, what: str) -> datetime.date:
    text = (text or "").strip()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise SummaryError(
            f"{what}“{text}”不是有效的日期，应写作 年-月-日，例如 2024-01-31。"
        ) from None
    _check_year(day.year, text)
    return day


def parse_season(text: str) -> Period:
    text = (text or "").strip()
    if not re.fullmatch(r"\d{4}", text):
        raise SummaryError(f"送温暖季“{text}”应写作起始年份，例如 2023（2023年12月至2024年2月）。")
    year = int(text)
    _check_year(year, text)
    return Period.season(year)


def period_from_params(
    *,
    month: str | None = None,
    start: str | None = None,
    end: str | None = None,
    season: str | None = None,
    current_day: datetime.date | None = None,
) -> Period:
    """The period asked for by a month, a date range or a season; refuses a future one."""
    given = [name for name, value in (("month", month), ("season", season)) if value]
    if start or end:
        given.append("range")
    if len(given) > 1:
        raise SummaryError("请只选择一种时段：月份、起止日期或送温暖季。")
    if not given:
        raise SummaryError("请选择统计时段：月份、起止日期或送温暖季。")
    if month:
        period = parse_month(month)
    elif season:
        period = parse_season(season)
    else:
        if not (start and end):
            raise SummaryError("按起止日期统计时，开始日期和结束日期都要填写。")
        period = Period.between(parse_date(start, "开始日期"), parse_date(end, "结束日期"))
        if period.end < period.start:
            raise SummaryError("结束日期不能早于开始日期。")
    current_day = current_day or today()
    if period.start > current_day:
        raise SummaryError(
            f"{period.label}还没有开始（今天是{format_date(current_day)}），没有可统计的内容。"
        )
    return period


def default_period(current_day: datetime.date | None = None) -> Period:
    """The month a report is usually made for: the last complete one."""
    current_day = current_day or today()
    return Period.month(*_add_months(current_day.year, current_day.month, -1))


# ---------------------------------------------------------------------------------------
# Scope


@dataclass(frozen=True)
class Scope:
    """The whole city, or one union with everything below it."""

    union: Union | None = None

    @property
    def is_city(self) -> bool:
        return self.union is None

    @property
    def label(self) -> str:
        return "全市" if self.union is None else f"{self.union.name}及下属工会"

    @property
    def short_label(self) -> str:
        return "全市" if self.union is None else self.union.display_name

    def stories(self, queryset: QuerySet) -> QuerySet:
        return queryset if self.union is None else queryset.about_union(self.union)

    def activities(self, queryset: QuerySet) -> QuerySet:
        return queryset if self.union is None else queryset.in_subtree(self.union)

    def unions_filter(self, prefix: str = "union__") -> Q:
        """Rows whose union lies in the scope: a Huairou report lists no Changping union."""
        if self.union is None:
            return Q()
        return Q(**{f"{prefix}path__startswith": self.union.path})


def resolve_union(text: str) -> Union:
    """A union by id, full name, short name or alias (as staff type it)."""
    text = (text or "").strip()
    if not text:
        raise SummaryError("请填写工会名称。")
    if text.isdigit():
        union = Union.objects.filter(pk=int(text)).first()
        if union is None:
            raise SummaryError(f"没有编号为 {text} 的工会。")
        return union
    exact = Union.objects.filter(name=text).first()
    if exact is not None:
        return exact
    # Aliases live one per line in a text field: narrow down in SQL, confirm in Python.
    candidates = Union.objects.filter(Q(short_name=text) | Q(aliases__contains=text))
    matches = [u for u in candidates if text in u.all_names]
    if not matches:
        raise SummaryError(f"找不到名为“{text}”的工会，请填写全称、简称或其他称呼。")
    if len(matches) > 1:
        names = "、".join(u.name for u in matches)
        raise SummaryError(f"“{text}”可以指多个工会（{names}），请填写全称。")
    return matches[0]


def scope_for(union_text: str | None) -> Scope:
    """The scope named by `--union` / `?union=`; the city federation itself is the city."""
    if not union_text or not union_text.strip():
        return Scope()
    union = resolve_union(union_text)
    if union.parent_id is None and union.level == UnionLevel.CITY:
        # Its subtree is the whole city, and the city also takes in stories naming no union.
        return Scope()
    return Scope(union)


# ---------------------------------------------------------------------------------------
# Figures


@dataclass
class Row:
    """A labelled line of figures, one value per compared period (this period first)."""

    label: str
    values: list
    indent: int = 0
    key: object = None
    people: int | None = None  # credit roles: distinct people in this period

    @property
    def current(self):
        return self.values[0]


@dataclass
class DistrictRow:
    key: object  # the district union's pk; "city" for unions under no district; "none"
    name: str
    stories: list[int]
    activities: list[int]
    participants: int | None = None
    beneficiaries: int | None = None
    relief_money: Decimal | None = None
    unions_reached: int | None = None
    unions_active: int = 0

    @property
    def is_active(self) -> bool:
        return bool(self.stories[0] or self.activities[0])


@dataclass
class ContributorRow:
    name: str
    union: str
    role: str
    stories: int


@dataclass
class GiftRow:
    item: str
    unit: str
    quantity: int | None
    is_minimum: bool
    unknown_lines: int
    lines: int
    value: Decimal | None

    @property
    def quantity_text(self) -> str:
        """As the paper prints it: 1030份, 70余册; 未公布 when no line gave a quantity."""
        if self.quantity is None:
            return "未公布数量"
        text = f"{self.quantity}{'余' if self.is_minimum else ''}{self.unit}"
        if self.unknown_lines:
            text += f"（另有{self.unknown_lines}笔未公布数量）"
        return text


@dataclass
class TrendPoint:
    period: Period
    stories: int
    activities: int

    @property
    def label(self) -> str:
        return f"{self.period.start.month}月"


@dataclass
class Summary:
    period: Period
    scope: Scope
    columns: list[tuple[str, Period]]  # ("本期", period), ("上月", ...), ...
    headline: list[Row] = field(default_factory=list)
    story_totals: dict = field(default_factory=dict)
    by_kind: list[Row] = field(default_factory=list)
    by_topic: list[Row] = field(default_factory=list)
    by_level: list[Row] = field(default_factory=list)
    districts: list[DistrictRow] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)
    contributors: list[ContributorRow] = field(default_factory=list)
    activity_totals: dict = field(default_factory=dict)
    activity_kinds: list[Row] = field(default_factory=list)
    gifts: list[GiftRow] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def periods(self) -> list[Period]:
        return [period for _, period in self.columns]

    @property
    def column_labels(self) -> list[str]:
        return [f"{name}（{period.short_label}）" for name, period in self.columns]

    @property
    def is_empty(self) -> bool:
        return not (self.story_totals["stories"][0] or self.activity_totals["activities"][0])

    @property
    def empty_message(self) -> str:
        where = f"{self.period.label}（{self.scope.short_label}）"
        return f"{where}没有已发布的稿件，也没有见报的工会活动。"

    @property
    def active_districts(self) -> list[DistrictRow]:
        return [row for row in self.districts if row.is_active and isinstance(row.key, int)]


def _story_period(period: Period, prefix: str = "") -> Q:
    start, end = period.bounds()
    return Q(**{f"{prefix}published_at__gte": start, f"{prefix}published_at__lt": end})


def _activity_period(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__gte": period.start, f"{prefix}start_date__lte": period.end})


def _any_of(periods: list[Period], condition) -> Q:
    combined = Q()
    for period in periods:
        combined |= condition(period)
    return combined


def published_stories(period: Period, scope: Scope) -> QuerySet:
    """The period's stories in the scope: the report's whole universe of stories."""
    return scope.stories(Article.objects.published()).filter(_story_period(period))


def reported_activities(period: Period, scope: Scope) -> QuerySet:
    return scope.activities(Activity.objects.reported()).filter(_activity_period(period))


def _stories_over(periods: list[Period], scope: Scope) -> QuerySet:
    return scope.stories(Article.objects.published()).filter(_any_of(periods, _story_period))


def _activities_over(periods: list[Period], scope: Scope) -> QuerySet:
    return scope.activities(Activity.objects.reported()).filter(_any_of(periods, _activity_period))


def _counts(aggregate: str, periods: list[Period], condition, prefix: str = "", **extra):
    """`n0, n1, ...`: a distinct count of `aggregate` per period, as aggregate kwargs."""
    return {
        f"n{i}": Count(aggregate, distinct=True, filter=condition(period, prefix), **extra)
        for i, period in enumerate(periods)
    }


def _values(row: dict, periods: list[Period], name: str = "n") -> list:
    return [row.get(f"{name}{i}") or 0 for i in range(len(periods))]


def build_summary(period: Period, scope: Scope) -> Summary:
    """Every figure of the report for the period and scope, with its comparison periods."""
    summary = Summary(period=period, scope=scope, columns=[("本期", period), *period.comparisons()])
    periods = summary.periods
    stories = _stories_over(periods, scope)
    activities = _activities_over(periods, scope)

    summary.story_totals = _story_totals(stories, periods)
    summary.by_kind = _stories_by_kind(stories, periods)
    summary.by_topic = _stories_by_topic(stories, periods, summary.story_totals)
    summary.by_level = _stories_by_level(stories, periods, scope)
    summary.activity_totals = _activity_totals(activities, periods)
    summary.activity_kinds = _activities_by_kind(activities, periods)
    summary.districts = _districts(stories, activities, periods, scope, summary)
    summary.roles, summary.contributors = _contributors(stories, periods, summary)
    summary.gifts = _gifts(reported_activities(period, scope))
    summary.trend = _trend(period, scope)
    summary.headline = _headline(summary)
    return summary


def _story_totals(stories: QuerySet, periods: list[Period]) -> dict:
    has_topic = Exists(ArticleTopic.objects.filter(article_id=OuterRef("pk")))
    has_union = Exists(ArticleUnion.objects.filter(article_id=OuterRef("pk")))
    aggregates = {}
    for i, period in enumerate(periods):
        in_period = _story_period(period)
        aggregates[f"stories{i}"] = Count("pk", filter=in_period)
        aggregates[f"no_topic{i}"] = Count("pk", filter=in_period & Q(has_topic=False))
        aggregates[f"no_union{i}"] = Count("pk", filter=in_period & Q(has_union=False))
    row = stories.annotate(has_topic=has_topic, has_union=has_union).aggregate(**aggregates)
    return {name: _values(row, periods, name) for name in ("stories", "no_topic", "no_union")}


def _stories_by_kind(stories: QuerySet, periods: list[Period]) -> list[Row]:
    rows = {
        row["kind"]: _values(row, periods)
        for row in stories.order_by()
        .values("kind")
        .annotate(**_counts("pk", periods, _story_period))
    }
    zero = [0] * len(periods)
    return [Row(kind.label, rows.get(kind.value, zero), key=kind.value) for kind in ArticleKind]


def _stories_by_topic(stories: QuerySet, periods: list[Period], totals: dict) -> list[Row]:
    """Top-level topics (with their sub-topics' stories, once) and each sub-topic below."""
    links = ArticleTopic.objects.filter(article__in=stories.values("pk")).order_by()
    counts = _counts("article_id", periods, _story_period, "article__")
    rolled_up = {
        row["root_id"]: _values(row, periods)
        for row in links.annotate(root_id=Coalesce("topic__parent_id", "topic_id"))
        .values("root_id")
        .annotate(**counts)
    }
    direct = {
        row["topic_id"]: _values(row, periods)
        for row in links.values("topic_id").annotate(**counts)
    }
    topics = list(Topic.objects.order_by("order", "name").values("pk", "name", "parent_id"))
    zero = [0] * len(periods)
    rows = []
    for topic in topics:
        if topic["parent_id"] is not None:
            continue
        rows.append(Row(topic["name"], rolled_up.get(topic["pk"], zero), key=topic["pk"]))
        for child in topics:
            if child["parent_id"] == topic["pk"]:
                rows.append(
                    Row(child["name"], direct.get(child["pk"], zero), indent=1, key=child["pk"])
                )
    rows.append(Row("未归入专题", totals["no_topic"], key="none"))
    return rows


def _stories_by_level(stories: QuerySet, periods: list[Period], scope: Scope) -> list[Row]:
    links = (
        ArticleUnion.objects.filter(article__in=stories.values("pk"))
        .filter(scope.unions_filter())
        .order_by()
    )
    rows = {
        row["union__level"]: _values(row, periods)
        for row in links.values("union__level").annotate(
            **_counts("article_id", periods, _story_period, "article__")
        )
    }
    zero = [0] * len(periods)
    return [Row(level.label, rows.get(level.value, zero), key=level.value) for level in UnionLevel]


def _activity_totals(activities: QuerySet, periods: list[Period]) -> dict:
    aggregates = {}
    for i, period in enumerate(periods):
        in_period = _activity_period(period)
        aggregates |= {
            f"activities{i}": Count("pk", filter=in_period),
            f"participants{i}": Sum("participants", filter=in_period),
            f"beneficiaries{i}": Sum("beneficiaries", filter=in_period),
            f"relief_money{i}": Sum("relief_money", filter=in_period),
            f"unions_reached{i}": Sum("unions_reached", filter=in_period),
            f"unions_active{i}": Count("union_id", distinct=True, filter=in_period),
            # Relief money handed out with the amount unprinted (昌平: 4 unions, no sum).
            f"relief_unknown{i}": Count(
                "pk",
                filter=in_period & Q(kind=ActivityKind.RELIEF_MONEY, relief_money__isnull=True),
            ),
        }
    row = activities.aggregate(**aggregates)
    names = [
        "activities",
        "participants",
        "beneficiaries",
        "relief_money",
        "unions_reached",
        "unions_active",
        "relief_unknown",
    ]
    # A sum over no reported figure stays None: "not published" differs from zero.
    return {name: [row[f"{name}{i}"] for i in range(len(periods))] for name in names}


def _activities_by_kind(activities: QuerySet, periods: list[Period]) -> list[Row]:
    counts = {f"n{i}": Count("pk", filter=_activity_period(p)) for i, p in enumerate(periods)}
    rows = {
        row["kind"]: _values(row, periods)
        for row in activities.order_by().values("kind").annotate(**counts)
    }
    zero = [0] * len(periods)
    return [Row(kind.label, rows.get(kind.value, zero), key=kind.value) for kind in ActivityKind]


def _districts(
    stories: QuerySet,
    activities: QuerySet,
    periods: list[Period],
    scope: Scope,
    summary: Summary,
) -> list[DistrictRow]:
    """One row per district in the scope, then unions under no district, then no union."""
    links = (
        ArticleUnion.objects.filter(article__in=stories.values("pk"))
        .filter(scope.unions_filter())
        .order_by()
    )
    story_counts = {
        row["union__district_id"]: _values(row, periods)
        for row in links.values("union__district_id").annotate(
            **_counts("article_id", periods, _story_period, "article__")
        )
    }
    current = _activity_period(periods[0])
    activity_rows = {
        row["union__district_id"]: row
        for row in activities.order_by()
        .values("union__district_id")
        .annotate(
            **{f"n{i}": Count("pk", filter=_activity_period(p)) for i, p in enumerate(periods)},
            participants=Sum("participants", filter=current),
            beneficiaries=Sum("beneficiaries", filter=current),
            relief_money=Sum("relief_money", filter=current),
            unions_reached=Sum("unions_reached", filter=current),
            unions_active=Count("union_id", distinct=True, filter=current),
        )
    }
    districts = Union.objects.filter(level=UnionLevel.DISTRICT)
    if scope.union is not None:
        districts = districts.filter(
            Q(path__startswith=scope.union.path) | Q(pk=scope.union.district_id)
        )
    # In the order they were entered (the federation's own list order), not by path text.
    named = [(d.pk, d.name) for d in districts.order_by("pk").only("pk", "name")]
    # Unions hanging under no district: the city federation and city-level groups.
    named.append((None, "市属单位（不属于任何区）"))

    zero = [0] * len(periods)
    rows = []
    for pk, name in named:
        activity = activity_rows.get(pk, {})
        row = DistrictRow(
            key=pk if pk is not None else "city",
            name=name,
            stories=story_counts.get(pk, zero),
            activities=_values(activity, periods),
            participants=activity.get("participants"),
            beneficiaries=activity.get("beneficiaries"),
            relief_money=activity.get("relief_money"),
            unions_reached=activity.get("unions_reached"),
            unions_active=activity.get("unions_active") or 0,
        )
        if pk is not None or row.is_active or any(row.stories) or any(row.activities):
            rows.append(row)
    if scope.is_city and any(summary.story_totals["no_union"]):
        rows.append(
            DistrictRow(
                key="none",
                name="未标注工会的稿件",
                stories=summary.story_totals["no_union"],
                activities=zero,
            )
        )
    return rows


def _contributors(
    stories: QuerySet, periods: list[Period], summary: Summary
) -> tuple[list[Row], list[ContributorRow]]:
    credits = Credit.objects.filter(article__in=stories.values("pk")).order_by()
    role_rows = {
        row["role"]: row
        for row in credits.values("role").annotate(
            **_counts("article_id", periods, _story_period, "article__"),
            people=Count(
                "contributor_id", distinct=True, filter=_story_period(periods[0], "article__")
            ),
        )
    }
    people = credits.aggregate(**_counts("contributor_id", periods, _story_period, "article__"))
    summary.story_totals["contributors"] = _values(people, periods)
    roles = [
        Row(
            role.label,
            _values(role_rows.get(role.value, {}), periods),
            key=role.value,
            people=role_rows.get(role.value, {}).get("people") or 0,
        )
        for role in CreditRole
    ]
    in_period = credits.filter(_story_period(periods[0], "article__"))
    people_rows = (
        in_period.values("contributor_id", "contributor__name", "contributor__union__name", "role")
        .annotate(stories=Count("article_id", distinct=True))
        .order_by("-stories", "contributor__name", "contributor_id", "role")
    )
    labels = dict(CreditRole.choices)
    contributors = [
        ContributorRow(
            name=row["contributor__name"],
            union=row["contributor__union__name"] or "本报",
            role=labels.get(row["role"], row["role"]),
            stories=row["stories"],
        )
        for row in people_rows
    ]
    return roles, contributors


def _gifts(activities: QuerySet) -> list[GiftRow]:
    """Gift lines summed by item and unit over the period's activities."""
    rows = (
        GiftLine.objects.filter(activity__in=activities.values("pk"))
        .values("item", "unit")
        # Annotation names must not shadow the fields the filters below refer to.
        .annotate(
            total_quantity=Sum("quantity"),
            minimum_lines=Count("pk", filter=Q(quantity_is_minimum=True)),
            unknown_lines=Count("pk", filter=Q(quantity__isnull=True)),
            line_count=Count("pk"),
            total_value=Sum("value"),
        )
        .order_by("item", "unit")
    )
    gifts = [
        GiftRow(
            item=row["item"],
            unit=row["unit"],
            quantity=row["total_quantity"],
            is_minimum=bool(row["minimum_lines"]),
            unknown_lines=row["unknown_lines"] if row["total_quantity"] is not None else 0,
            lines=row["line_count"],
            value=row["total_value"],
        )
        for row in rows
    ]
    # Largest quantities first; goods whose amount was never printed (米、面、油) last.
    return sorted(gifts, key=lambda g: (g.quantity is None, -(g.quantity or 0)))


def _trend(period: Period, scope: Scope) -> list[TrendPoint]:
    months = period.trend_months()
    stories = _stories_over(months, scope).aggregate(
        **{f"n{i}": Count("pk", filter=_story_period(m)) for i, m in enumerate(months)}
    )
    activities = _activities_over(months, scope).aggregate(
        **{f"n{i}": Count("pk", filter=_activity_period(m)) for i, m in enumerate(months)}
    )
    return [
        TrendPoint(month, stories[f"n{i}"] or 0, activities[f"n{i}"] or 0)
        for i, month in enumerate(months)
    ]


def _headline(summary: Summary) -> list[Row]:
    """The summary sheet's first table: the figures the federation reports first."""
    stories, acts = summary.story_totals, summary.activity_totals
    columns = range(len(summary.periods))
    active_districts = [
        sum(
            1
            for row in summary.districts
            if isinstance(row.key, int) and (row.stories[i] or row.activities[i])
        )
        for i in columns
    ]
    return [
        Row("见报稿件（篇）", stories["stories"], key="stories"),
        *[Row(f"其中：{row.label}", row.values, indent=1, key=row.key) for row in summary.by_kind],
        Row("署名作者（人）", stories["contributors"], key="contributors"),
        Row("有报道或活动的区（个）", active_districts, key="districts"),
        Row("工会活动（项）", acts["activities"], key="activities"),
        Row("开展活动的工会（个）", acts["unions_active"], key="unions_active"),
        Row("参与人数（人次）", acts["participants"], key="participants"),
        Row("惠及职工（人）", acts["beneficiaries"], key="beneficiaries"),
        Row("慰问基层工会（家）", acts["unions_reached"], key="unions_reached"),
        Row("慰问金（元）", acts["relief_money"], key="relief_money"),
        Row("未公布金额的慰问金发放（项）", acts["relief_unknown"], key="relief_unknown"),
    ]


# ---------------------------------------------------------------------------------------
# Lists, streamed


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


@dataclass
class StoryRow:
    published_on: datetime.date
    headline: str
    kind: str
    page: str
    column: str
    byline: str
    unions: str
    districts: str
    topics: str
    url: str


@dataclass
class ActivityRow:
    start_date: datetime.date
    end_date: datetime.date | None
    title: str
    union: str
    district: str
    kind: str
    place: str
    participants: int | None
    beneficiaries: int | None
    unions_reached: int | None
    relief_money: Decimal | None
    gifts: str
    stories: str


def _keyset_pages(queryset: QuerySet, order: str, fields: list[str], size: int):
    """Rows of `queryset` as lists of dicts, `size` at a time, in (`order`, pk) order.

    Keyset pagination rather than OFFSET: every page is an index range scan however deep
    into the month it is, and a row published meanwhile cannot shift a page.
    """
    last = None
    while True:
        page = queryset.order_by(order, "pk")
        if last is not None:
            after, pk = last
            page = page.filter(Q(**{f"{order}__gt": after}) | Q(**{order: after, "pk__gt": pk}))
        rows = list(page.values("pk", order, *fields)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1][order], rows[-1]["pk"]


def _grouped(pairs) -> dict:
    grouped: dict = {}
    for key, *value in pairs:
        grouped.setdefault(key, []).append(value[0] if len(value) == 1 else value)
    return grouped


def story_rows(period: Period, scope: Scope, chunk_size: int = CHUNK_SIZE) -> Iterator[StoryRow]:
    """The period's published stories in publication order, read `chunk_size` at a time.

    Plain values and three look-ups per page (credits, unions, topics) instead of model
    instances with prefetches: a month of 10k stories is read about three times faster,
    and never more than one page is held in memory.
    """
    fields = [
        "slug",
        "kicker",
        "title",
        "subtitle",
        "kind",
        "dateline",
        "column__name",
        "print_page__edition_date",
        "print_page__number",
        "print_page__name",
    ]
    base = site_url()
    kinds = dict(ArticleKind.choices)
    for page in _keyset_pages(published_stories(period, scope), "published_at", fields, chunk_size):
        ids = [row["pk"] for row in page]
        credits = _grouped(
            Credit.objects.filter(article_id__in=ids)
            .order_by("order", "pk")
            .values_list("article_id", "role", "contributor__name", "label")
        )
        unions = _grouped(
            ArticleUnion.objects.filter(article_id__in=ids)
            .order_by("union__path")
            .values_list("article_id", "union__name", "union__district__name")
        )
        topics = _grouped(
            ArticleTopic.objects.filter(article_id__in=ids)
            .order_by("topic__order", "topic__name")
            .values_list("article_id", "topic__name")
        )
        for row in page:
            pk = row["pk"]
            named = unions.get(pk, [])
            districts = dict.fromkeys(district or "市属单位" for _, district in named)
            edition = row["print_page__edition_date"]
            yield StoryRow(
                published_on=timezone.localtime(row["published_at"], SHANGHAI).date(),
                headline=" ".join(
                    part for part in (row["kicker"], row["title"], row["subtitle"]) if part
                ),
                kind=kinds.get(row["kind"], row["kind"]),
                page=(
                    f"{format_date(edition)} 第{row['print_page__number']}版 "
                    f"{row['print_page__name']}".rstrip()
                    if edition
                    else "仅网站刊发"
                ),
                column=row["column__name"] or "",
                # The house byline exactly as Article.byline renders it.
                byline=render_byline(
                    row["kind"],
                    row["dateline"],
                    [BylineCredit(role, name, label) for role, name, label in credits.get(pk, [])],
                ),
                unions="、".join(name for name, _ in named),
                districts="、".join(districts),
                topics="、".join(topics.get(pk, [])),
                url=f"{base}{Article(pk=pk, slug=row['slug']).get_absolute_url()}",
            )


def activity_rows(
    period: Period, scope: Scope, chunk_size: int = CHUNK_SIZE
) -> Iterator[ActivityRow]:
    """The period's reported activities by start date. The internal note is never read."""
    fields = [
        "end_date",
        "title",
        "union__name",
        "union__district__name",
        "kind",
        "place",
        "participants",
        "beneficiaries",
        "unions_reached",
        "relief_money",
    ]
    kinds = dict(ActivityKind.choices)
    activities = reported_activities(period, scope)
    for page in _keyset_pages(activities, "start_date", fields, chunk_size):
        ids = [row["pk"] for row in page]
        gifts = _grouped(
            (line.activity_id, str(line))
            for line in GiftLine.objects.filter(activity_id__in=ids)
            .order_by("order", "pk")
            .only("activity_id", "item", "quantity", "quantity_is_minimum", "unit")
        )
        # Only published stories: a draft's headline is newsroom knowledge.
        stories = _grouped(
            Activity.articles.through.objects.filter(
                activity_id__in=ids, article__in=Article.objects.published()
            )
            .order_by("article__published_at", "article_id")
            .values_list("activity_id", "article__title")
        )
        for row in page:
            pk = row["pk"]
            yield ActivityRow(
                start_date=row["start_date"],
                end_date=row["end_date"],
                title=row["title"],
                union=row["union__name"],
                district=row["union__district__name"] or "市属单位",
                kind=kinds.get(row["kind"], row["kind"]),
                place=row["place"],
                participants=row["participants"],
                beneficiaries=row["beneficiaries"],
                unions_reached=row["unions_reached"],
                relief_money=row["relief_money"],
                gifts="；".join(gifts.get(pk, [])),
                stories="；".join(stories.get(pk, [])),
            )
