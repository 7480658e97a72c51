"""Queries over the index: a match condition for any story queryset, the ranked page of
results, and a capped count.

Ranking is deliberately simple and index-friendly: stories whose headline stack holds
every term come first, then the others; newest first within each group (or newest first
overall with `by_date`). Each group is an ordinary `ORDER BY published_at DESC LIMIT`
query, so a page costs the same at 10 hits or 50,000 and nothing counts the whole set.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from articles.search.analyzer import Term, parse_query
from articles.search.backends import backend_for

# The results page says "more than 200" rather than counting 50,000 rows.
COUNT_CAP = 200
ORDER = ("-published_at", "-id")
HEADLINE_IDS = 2000

__all__ = ["COUNT_CAP", "ResultPage", "capped_count", "match", "parse_query", "ranked_page"]


def match(queryset: QuerySet, terms: list[Term], *, head_only: bool = False) -> RawSQL:
    """A condition for `queryset.filter()`: the story holds every term (in its headline
    stack only, with `head_only`)."""
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    meta = queryset.model._meta
    id_column = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
    sql, params = backend_for(connection).match(id_column, terms, head_only=head_only)
    # The SQL is the backend's, built from constants; the query's tokens are parameters.
    return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611


def search(queryset: QuerySet, terms: list[Term]) -> QuerySet:
    return queryset.filter(match(queryset, terms)) if terms else queryset.none()


@dataclass
class ResultPage:
    stories: list
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.stories else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.stories) - 1 if self.stories else 0


def ranked_page(
    queryset: QuerySet, terms: list[Term], *, number: int, per_page: int, by_date: bool = False
) -> ResultPage:
    """One page of results, fetching one story more than shown to know if more follow."""
    offset = (number - 1) * per_page
    wanted = per_page + 1
    found = search(queryset, terms)
    if by_date:
        rows = list(found.order_by(*ORDER)[offset : offset + wanted])
    else:
        in_headline, elsewhere = _split_by_headline(queryset, found, terms)
        rows = list(in_headline.order_by(*ORDER)[offset : offset + wanted])
        if len(rows) < wanted:
            # Where the headline hits end: known from this page, or (past them) counted,
            # which is cheap because there are fewer of them than the offset.
            headline_total = offset + len(rows) if rows or not offset else in_headline.count()
            start = max(offset - headline_total, 0)
            rows += list(elsewhere.order_by(*ORDER)[start : start + wanted - len(rows)])
    return ResultPage(
        stories=rows[:per_page], number=number, per_page=per_page, has_next=len(rows) > per_page
    )


def _split_by_headline(queryset: QuerySet, found: QuerySet, terms: list[Term]):
    """Stories with every term in the headline stack, and the other matches.

    The headline hits are first asked of the index alone. Up to HEADLINE_IDS of them, the
    two lists are filters on those ids; the planner cannot misjudge them (two words common
    in headlines but rarely together once made it walk all 100,000 stories for none).
    More than that, and the hits are common enough that walking by date finds a page fast.
    """
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        ids = backend_for(connection).headline_ids(cursor, terms, HEADLINE_IDS + 1)
    if len(ids) <= HEADLINE_IDS:
        return queryset.filter(pk__in=ids), found.exclude(pk__in=ids)
    in_headline = match(queryset, terms, head_only=True)
    return queryset.filter(in_headline), found.exclude(in_headline)


def capped_count(queryset: QuerySet, terms: list[Term]) -> int:
    """How many stories match, counting no further than COUNT_CAP + 1."""
    # No ORDER BY: the count stops at the cap instead of sorting every match first.
    return search(queryset, terms).order_by()[: COUNT_CAP + 1].count()
