"""Which stories and activities a summary counts: those of its scope (the whole city, or one
union with everything below it) that fall in its periods."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from articles.models import Activity, Article
from articles.summaries.periods import SHANGHAI, Period, SummaryError, add_months, today
from unions.lookup import UnionLookupError, find_union
from unions.models import Union, UnionLevel


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

    def unions_filter(self) -> Q:
        """Links to a union in the scope: a Huairou report lists no Changping union."""
        if self.union is None:
            return Q()
        return Q(union__path__startswith=self.union.path)


def resolve_union(text: str) -> Union:
    """`unions.lookup.find_union`, its refusal as the summary's (the page answers 400)."""
    try:
        return find_union(text)
    except UnionLookupError as exc:
        raise SummaryError(str(exc)) from exc


def scope_for(union_text: str | None) -> Scope:
    """The scope named by `--union` / `?union=`; the city federation itself is the city."""
    if not union_text or not union_text.strip():
        return Scope()
    union = resolve_union(union_text)
    if union.parent_id is None and union.level == UnionLevel.CITY:
        # Its subtree is the whole city, and the city also takes in stories naming no union.
        return Scope()
    return Scope(union)


def published_in(period: Period, prefix: str = "") -> Q:
    """Stories of the period (`prefix` reaches them from a link table: "article__")."""
    start, end = period.bounds()
    return Q(**{f"{prefix}published_at__gte": start, f"{prefix}published_at__lt": end})


def started_in(period: Period) -> Q:
    return Q(start_date__gte=period.start, start_date__lte=period.end)


def _any_of(periods: list[Period], condition) -> Q:
    combined = Q()
    for period in periods:
        combined |= condition(period)
    return combined


def published_stories(scope: Scope, periods: list[Period]) -> QuerySet:
    """The scope's stories in any of the periods: the report's whole universe of stories.

    Every report published on the site, printed (见报) or not; corrections (更正, 说明) are
    notices about a story already counted, and count for no union, topic or author.
    """
    stories = Article.objects.published().without_corrections()
    return scope.stories(stories).filter(_any_of(periods, published_in))


def reported_activities(scope: Scope, periods: list[Period]) -> QuerySet:
    """The scope's activities told in a published story and started in any of the periods."""
    return scope.activities(Activity.objects.reported()).filter(_any_of(periods, started_in))


def default_period(current_day: datetime.date | None = None) -> Period:
    """The month a report is usually made for: the last complete one, or, when nothing
    was published in it, the latest earlier month that has stories, so the page does not
    open on an empty report while the archive has one to show."""
    current_day = current_day or today()
    month_start = datetime.datetime(current_day.year, current_day.month, 1, tzinfo=SHANGHAI)
    latest = (
        Article.objects.published()
        .without_corrections()
        .filter(published_at__lt=month_start)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if latest is None:
        return Period.month(*add_months(current_day.year, current_day.month, -1))
    latest = latest.astimezone(SHANGHAI)
    return Period.month(latest.year, latest.month)
