"""Which stories and activities a summary counts: those of its scope (the whole city, or one
union with everything below it) that fall in its periods."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from articles.models import Activity, Article
from articles.summaries.periods import SHANGHAI, Period, SummaryError, add_months, today
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


# Longer than any union's name or alias; an id beyond a 64-bit key is none of ours.
MAX_UNION_TEXT = 200
MAX_UNION_ID_DIGITS = 18
# A part of a name matching more unions than this is too vague to look through; a message
# names this many of the unions a name could mean.
MAX_PARTIAL_MATCHES = 50
NAMED_CANDIDATES = 8


def resolve_union(text: str) -> Union:
    """A union by id, full name, short name or alias (as staff type it), or by a part of
    one of them that points to one union: 西城 finds 西城区总工会.

    A part found in several names still means one union when one of them starts with it
    and holds all the others below it: 西城 is also in 西城区天桥街道总工会, which lies under
    西城区总工会, and a report on the district takes in its streets anyway. Otherwise the
    message names the candidates (`SummaryError`: the page answers 400 with it).
    """
    text = (text or "").strip()
    if not text:
        raise SummaryError("请填写工会名称。")
    if len(text) > MAX_UNION_TEXT:
        raise SummaryError("工会名称过长，请填写全称、简称或其他称呼。")
    # ASCII digits only: "²" and "①" are digits to str.isdigit() but not to int().
    if text.isascii() and text.isdigit():
        if len(text) > MAX_UNION_ID_DIGITS:
            raise SummaryError(f"没有编号为 {text} 的工会。")
        union = Union.objects.filter(pk=int(text)).first()
        if union is None:
            raise SummaryError(f"没有编号为 {text} 的工会。")
        return union
    exact = Union.objects.filter(name=text).first()
    if exact is not None:
        return exact
    # Aliases live one per line in a text field: narrow down in SQL, confirm in Python.
    candidates = Union.objects.filter(Q(short_name=text) | Q(aliases__contains=text))
    named = [u for u in candidates.order_by("path") if text in u.all_names]
    if len(named) == 1:
        return named[0]
    if named:
        raise SummaryError(f"“{text}”可以指多个工会：{_names(named)}。请填写全称。")
    return _by_part_of_a_name(text)


def _by_part_of_a_name(text: str) -> Union:
    """The one union a part of a name points to (see `resolve_union`)."""
    found = list(
        Union.objects.filter(
            Q(name__contains=text) | Q(short_name__contains=text) | Q(aliases__contains=text)
        ).order_by("path")[: MAX_PARTIAL_MATCHES + 1]
    )
    matches = [u for u in found if any(text in name for name in u.all_names)]
    if not matches:
        raise SummaryError(f"找不到名为“{text}”的工会，请填写全称、简称或其他称呼。")
    if len(found) > MAX_PARTIAL_MATCHES:
        raise SummaryError(
            f"“{text}”出现在{MAX_PARTIAL_MATCHES}个以上工会的名称中，"
            f"例如{_names(matches, counted=False)}。请填写更完整的名称。"
        )
    if len(matches) == 1:
        return matches[0]
    for union in matches:
        starts = any(name.startswith(text) for name in union.all_names)
        if starts and all(other.path.startswith(union.path) for other in matches):
            return union
    raise SummaryError(f"“{text}”可以指多个工会：{_names(matches)}。请填写全称或简称。")


def _names(unions: list[Union], *, counted: bool = True) -> str:
    """The unions' full names for a message: the first few, and how many in all."""
    names = "、".join(union.name for union in unions[:NAMED_CANDIDATES])
    if len(unions) > NAMED_CANDIDATES:
        names += f"等{len(unions)}个工会" if counted else "等"
    return names


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
