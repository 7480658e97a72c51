"""Every figure of the report, for the period and the periods it is compared with.

Each table is one GROUP BY query with a conditional count per compared period (this
period, the previous one, the same period last year), so the number of queries is fixed
whatever the size of the archive. Counted values come back as `n0, n1, ...`, one per period.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from articles.models import (
    ActivityKind,
    Article,
    ArticleKind,
    Credit,
    CreditRole,
    GiftLine,
    Topic,
    printed_quantity,
)
from articles.summaries.periods import Period
from articles.summaries.scope import (
    Scope,
    published_in,
    published_stories,
    reported_activities,
    started_in,
)
from unions.models import Union, UnionLevel

ArticleTopic = Article.topics.through
ArticleUnion = Article.unions.through
# The kinds a report's stories have: corrections are not counted (`published_stories`).
REPORT_KINDS = [kind for kind in ArticleKind if kind != ArticleKind.CORRECTION]
# A story printed on a page of the paper (见报), as opposed to one published on the site only.
PRINTED = Q(print_page__isnull=False)


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
    """A line of the district table: a district, or one of two lines that are not one (the
    unions under no district; in the city's report, the stories naming no union at all),
    which the headline's count of districts and the district chart must tell apart."""

    name: str
    stories: list[int]
    activities: list[int]
    district_id: int | None = None  # the district union's pk; None on the two other lines
    is_unassigned: bool = False  # the stories naming no union
    participants: int | None = None
    beneficiaries: int | None = None
    relief_money: Decimal | None = None
    unions_reached: int | None = None
    unions_active: int = 0

    @property
    def is_district(self) -> bool:
        return self.district_id is not None

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
        text = printed_quantity(self.quantity, self.unit, minimum=self.is_minimum)
        if self.unknown_lines:
            text += f"（另有{self.unknown_lines}笔未公布数量）"
        return text


@dataclass
class TrendPoint:
    period: Period
    stories: int  # published on the site, printed or not
    printed: int  # of those, printed on a page (见报)
    activities: int

    @property
    def label(self) -> str:
        return f"{self.period.start.month}月"


@dataclass
class Summary:
    period: Period
    scope: Scope
    # One list of values per name, one value per compared period: stories (published on
    # the site, corrections left out), printed (of those, the ones on a printed page:
    # 见报), no_topic, no_union, contributors.
    story_totals: dict
    by_kind: list[Row]
    by_topic: list[Row]
    by_level: list[Row]
    districts: list[DistrictRow]
    roles: list[Row]
    contributors: list[ContributorRow]
    # activities, participants, beneficiaries, relief_money, unions_reached, unions_active,
    # relief_unknown.
    activity_totals: dict
    activity_kinds: list[Row]
    gifts: list[GiftRow]
    trend: list[TrendPoint]

    @property
    def columns(self) -> list[tuple[str, Period]]:
        """("本期", period), ("上月", ...), ...: the periods the figures are given for."""
        return [("本期", self.period), *self.period.comparisons()]

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
        return f"{where}没有已发布的稿件，也没有已报道的工会活动。"

    @property
    def headline(self) -> list[Row]:
        """The summary sheet's first table: the figures the federation reports first."""
        stories, acts = self.story_totals, self.activity_totals
        districts = [row for row in self.districts if row.is_district]
        active_districts = [
            sum(1 for row in districts if row.stories[i] or row.activities[i])
            for i in range(len(self.columns))
        ]
        # 见报 is what the paper printed; the kinds below add up to what the site published.
        return [
            Row("见报稿件（篇）", stories["printed"], key="printed"),
            Row("网站发布稿件（篇）", stories["stories"], key="stories"),
            *[Row(f"其中：{row.label}", row.values, indent=1, key=row.key) for row in self.by_kind],
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


def build_summary(period: Period, scope: Scope) -> Summary:
    """Every figure of the report for the period and scope, with its comparison periods."""
    periods = [period, *(compared for _, compared in period.comparisons())]
    stories = published_stories(scope, periods)
    activities = reported_activities(scope, periods)
    # The link tables, restricted to those stories. A story has several rows in them, so
    # they are counted with COUNT(DISTINCT article_id).
    topic_links = ArticleTopic.objects.filter(article__in=stories.values("pk")).order_by()
    union_links = (
        ArticleUnion.objects.filter(article__in=stories.values("pk"))
        .filter(scope.unions_filter())
        .order_by()
    )
    credits = Credit.objects.filter(article__in=stories.values("pk")).order_by()

    story_totals = _story_totals(stories, periods)
    story_totals["contributors"] = _values(
        credits.aggregate(**_distinct_per_period("contributor_id", periods)), periods
    )
    return Summary(
        period=period,
        scope=scope,
        story_totals=story_totals,
        by_kind=_rows_per_choice(
            stories, "kind", REPORT_KINDS, _per_period(periods, published_in), periods
        ),
        by_topic=_stories_by_topic(topic_links, periods, story_totals["no_topic"]),
        by_level=_rows_per_choice(
            union_links,
            "union__level",
            UnionLevel,
            _distinct_per_period("article_id", periods),
            periods,
        ),
        districts=_districts(union_links, activities, periods, scope, story_totals["no_union"]),
        roles=_roles(credits, periods),
        contributors=_contributors(credits, period),
        activity_totals=_activity_totals(activities, periods),
        activity_kinds=_rows_per_choice(
            activities, "kind", ActivityKind, _per_period(periods, started_in), periods
        ),
        gifts=_gifts(reported_activities(scope, [period])),
        trend=_trend(period, scope),
    )


def _per_period(periods: list[Period], in_period, name: str = "n") -> dict:
    """Rows per period, as `n0, n1, ...` aggregates; `in_period` makes a period's filter."""
    return {f"{name}{i}": Count("pk", filter=in_period(period)) for i, period in enumerate(periods)}


def _distinct_per_period(field: str, periods: list[Period]) -> dict:
    """Distinct `field` values per period over rows linked to a story, as `n0, n1, ...`."""
    return {
        f"n{i}": Count(field, distinct=True, filter=published_in(period, "article__"))
        for i, period in enumerate(periods)
    }


def _values(row: dict, periods: list[Period], name: str = "n") -> list:
    """The `name0, name1, ...` of a result row as a list; 0 where the row has none."""
    return [row.get(f"{name}{i}") or 0 for i in range(len(periods))]


def _rows_per_choice(
    queryset: QuerySet, field: str, choices, counts: dict, periods: list[Period]
) -> list[Row]:
    """One row per choice of `field` (every kind, every level) in the choices' order."""
    found = {row[field]: row for row in queryset.order_by().values(field).annotate(**counts)}
    return [
        Row(choice.label, _values(found.get(choice.value, {}), periods), key=choice.value)
        for choice in choices
    ]


def _story_totals(stories: QuerySet, periods: list[Period]) -> dict:
    has_topic = Exists(ArticleTopic.objects.filter(article_id=OuterRef("pk")))
    has_union = Exists(ArticleUnion.objects.filter(article_id=OuterRef("pk")))
    aggregates = {}
    for i, period in enumerate(periods):
        in_period = published_in(period)
        aggregates[f"stories{i}"] = Count("pk", filter=in_period)
        aggregates[f"printed{i}"] = Count("pk", filter=in_period & PRINTED)
        aggregates[f"no_topic{i}"] = Count("pk", filter=in_period & Q(has_topic=False))
        aggregates[f"no_union{i}"] = Count("pk", filter=in_period & Q(has_union=False))
    row = stories.annotate(has_topic=has_topic, has_union=has_union).aggregate(**aggregates)
    names = ("stories", "printed", "no_topic", "no_union")
    return {name: _values(row, periods, name) for name in names}


def _stories_by_topic(topic_links: QuerySet, periods: list[Period], no_topic: list) -> list[Row]:
    """Top-level topics (with their sub-topics' stories, once) and each sub-topic below."""
    counts = _distinct_per_period("article_id", periods)
    rolled_up = {
        row["root_id"]: row
        for row in topic_links.annotate(root_id=Coalesce("topic__parent_id", "topic_id"))
        .values("root_id")
        .annotate(**counts)
    }
    direct = {row["topic_id"]: row for row in topic_links.values("topic_id").annotate(**counts)}
    topics = list(Topic.objects.order_by("order", "name").values("pk", "name", "parent_id"))
    rows = []
    for topic in topics:
        if topic["parent_id"] is not None:
            continue
        values = _values(rolled_up.get(topic["pk"], {}), periods)
        rows.append(Row(topic["name"], values, key=topic["pk"]))
        for child in topics:
            if child["parent_id"] == topic["pk"]:
                values = _values(direct.get(child["pk"], {}), periods)
                rows.append(Row(child["name"], values, indent=1, key=child["pk"]))
    rows.append(Row("未归入专题", no_topic, key="none"))
    return rows


def _activity_figures(in_period: Q) -> dict:
    """The figures reports give for activities, summed over those `in_period`. A sum over
    no reported figure stays None: "not published" differs from zero."""
    return {
        "participants": Sum("participants", filter=in_period),
        "beneficiaries": Sum("beneficiaries", filter=in_period),
        "relief_money": Sum("relief_money", filter=in_period),
        "unions_reached": Sum("unions_reached", filter=in_period),
        "unions_active": Count("union_id", distinct=True, filter=in_period),
    }


def _activity_totals(activities: QuerySet, periods: list[Period]) -> dict:
    aggregates = {}
    for i, period in enumerate(periods):
        in_period = started_in(period)
        figures = {
            "activities": Count("pk", filter=in_period),
            **_activity_figures(in_period),
            # Relief money handed out with the amount unprinted (昌平: 4 unions, no sum).
            "relief_unknown": Count(
                "pk",
                filter=in_period & Q(kind=ActivityKind.RELIEF_MONEY, relief_money__isnull=True),
            ),
        }
        aggregates |= {f"{name}{i}": aggregate for name, aggregate in figures.items()}
    row = activities.aggregate(**aggregates)
    return {name: [row[f"{name}{i}"] for i in range(len(periods))] for name in figures}


def _districts(
    union_links: QuerySet,
    activities: QuerySet,
    periods: list[Period],
    scope: Scope,
    no_union: list[int],
) -> list[DistrictRow]:
    """One row per district in the scope, then unions under no district, then no union."""
    story_counts = {
        row["union__district_id"]: row
        for row in union_links.values("union__district_id").annotate(
            **_distinct_per_period("article_id", periods)
        )
    }
    activity_figures = {
        row["union__district_id"]: row
        for row in activities.order_by()
        .values("union__district_id")
        .annotate(**_per_period(periods, started_in), **_activity_figures(started_in(periods[0])))
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

    rows = []
    for pk, name in named:
        figures = activity_figures.get(pk, {})
        row = DistrictRow(
            name=name,
            stories=_values(story_counts.get(pk, {}), periods),
            activities=_values(figures, periods),
            district_id=pk,
            participants=figures.get("participants"),
            beneficiaries=figures.get("beneficiaries"),
            relief_money=figures.get("relief_money"),
            unions_reached=figures.get("unions_reached"),
            unions_active=figures.get("unions_active") or 0,
        )
        if pk is not None or row.is_active or any(row.stories) or any(row.activities):
            rows.append(row)
    if scope.is_city and any(no_union):
        rows.append(
            DistrictRow(
                name="未标注工会的稿件",
                stories=no_union,
                activities=[0] * len(periods),
                is_unassigned=True,
            )
        )
    return rows


def _roles(credits: QuerySet, periods: list[Period]) -> list[Row]:
    """Stories per credit role (a story with two reporters counts once), and the people."""
    found = {
        row["role"]: row
        for row in credits.values("role").annotate(
            **_distinct_per_period("article_id", periods),
            people=Count(
                "contributor_id", distinct=True, filter=published_in(periods[0], "article__")
            ),
        )
    }
    return [
        Row(
            role.label,
            _values(found.get(role.value, {}), periods),
            key=role.value,
            people=found.get(role.value, {}).get("people") or 0,
        )
        for role in CreditRole
    ]


def _contributors(credits: QuerySet, period: Period) -> list[ContributorRow]:
    """Each person and role of the period, with the number of stories, most first."""
    rows = (
        credits.filter(published_in(period, "article__"))
        .values("contributor_id", "contributor__name", "contributor__union__name", "role")
        .annotate(stories=Count("article_id", distinct=True))
        .order_by("-stories", "contributor__name", "contributor_id", "role")
    )
    labels = dict(CreditRole.choices)
    return [
        ContributorRow(
            name=row["contributor__name"],
            union=row["contributor__union__name"] or "本报",
            role=labels.get(row["role"], row["role"]),
            stories=row["stories"],
        )
        for row in rows
    ]


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
    stories = published_stories(scope, months).aggregate(
        **_per_period(months, published_in),
        **_per_period(months, lambda month: published_in(month) & PRINTED, "printed"),
    )
    activities = reported_activities(scope, months).aggregate(**_per_period(months, started_in))
    return [
        TrendPoint(month, story_count, printed_count, activity_count)
        for month, story_count, printed_count, activity_count in zip(
            months,
            _values(stories, months),
            _values(stories, months, "printed"),
            _values(activities, months),
            strict=True,
        )
    ]
