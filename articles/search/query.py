"""Queries over the index: a match condition for any story queryset, and the ranked page
of results with a capped count.

Ranking is deliberately simple: stories whose headline stack holds every term come first,
then the others; newest first within each group (or newest first overall with `by_date`).

How a page is found, in at most a handful of queries whose cost does not depend on what
the planner guesses about a term (it cannot guess well: it does not cost reading a
story's tsvector, and it guesses phrases from their pairs):

1. the window: the ids of the newest stories the filters allow (an index walk, as on
   every list page), and which of them hold the terms, each checked on its own row:
   a quarter of WINDOW first, then as many more as the hits so far promise, up to
   WINDOW. A term in more than about 2% of the stories fills the first page from the
   window, and the window alone is the whole answer when the filters leave fewer stories;
2. otherwise the term is rare: the index lists every story holding it (at most
   SPARSE_LIMIT; one GIN or FTS5 lookup), and those stories are put in order by date;
3. a term common in the archive but rare in the newest stories, or a page far beyond
   the window, falls back to one ordinary query (`ORDER BY published_at DESC LIMIT`).

The count stops at COUNT_CAP: the page says "more than 200" rather than counting 50,000
stories, and usually the window or the list of step 2 already tells it; otherwise one
query counts no further than the cap.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from articles.search.analyzer import Term, parse_query
from articles.search.backends import backend_for

COUNT_CAP = 200
ORDER = ("-published_at", "-id")
# The newest stories are checked one by one (1,000 take 3-5 ms at 100k stories,
# bench/search.py): at most WINDOW for a page, twice that for a count.
WINDOW = 1000
# Putting 3,000 ids in order by date takes a few ms; a term in more stories than that is
# common enough for the window or the date walk.
SPARSE_LIMIT = 3000

__all__ = ["COUNT_CAP", "ResultPage", "match", "parse_query", "ranked_page", "search"]


def _id_column(queryset: QuerySet) -> str:
    quote = connections[queryset.db].ops.quote_name
    meta = queryset.model._meta
    return f"{quote(meta.db_table)}.{quote(meta.pk.column)}"


def match(queryset: QuerySet, terms: list[Term], *, head_only: bool = False) -> RawSQL:
    """A condition for `queryset.filter()`: the story holds every term (in its headline
    stack only, with `head_only`)."""
    backend = backend_for(connections[queryset.db])
    sql, params = backend.match(_id_column(queryset), terms, head_only=head_only)
    # The SQL is the backend's, built from constants; the query's tokens are parameters.
    return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611


def _among(queryset: QuerySet, ids: list[int]) -> RawSQL:
    """`pk__in=ids` as one parameter: thousands of placeholders cost more than the query."""
    sql, params = backend_for(connections[queryset.db]).id_in(_id_column(queryset), ids)
    return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611


def search(queryset: QuerySet, terms: list[Term]) -> QuerySet:
    return queryset.filter(match(queryset, terms)) if terms else queryset.none()


@dataclass
class ResultPage:
    stories: list
    number: int
    per_page: int
    has_next: bool
    count: int  # capped: COUNT_CAP + 1 stands for "more than COUNT_CAP"

    @property
    def count_capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def shown_count(self) -> int:
        return min(self.count, COUNT_CAP)

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
    """One page of results (headline hits first unless `by_date`), and the capped count.
    One story more than shown is looked for, to know if more follow."""
    offset = (number - 1) * per_page
    hits = Hits(queryset, terms)
    ordered = hits.newest(offset + per_page + 1) if by_date else hits.ranked(offset + per_page + 1)
    ids = ordered[offset : offset + per_page]
    # No ORDER BY: SQLite would walk the date index for the 20 ids rather than look them up.
    found = queryset.filter(pk__in=ids).order_by() if ids else []
    stories = {story.pk: story for story in found}
    return ResultPage(
        stories=[stories[pk] for pk in ids],
        number=number,
        per_page=per_page,
        has_next=len(ordered) > offset + per_page,
        count=hits.count(),
    )


class Hits:
    """The ids of the stories of `queryset` holding every term, in the order of a page.

    Each method returns ids in order, at least `need` of them when there are that many,
    and all of them otherwise."""

    def __init__(self, queryset: QuerySet, terms: list[Term]):
        self.queryset = queryset.order_by(*ORDER)
        self.terms = terms
        self.connection = connections[queryset.db]
        self.backend = backend_for(self.connection)
        self.window: list[int] = []  # the newest stories, hits or not
        self.in_window: dict[int, bool] = {}  # their hits in order: id → in the headline
        self.window_is_everything = False
        self._everywhere: dict[bool, list[int] | None] = {}

    def _grow_window(self, hits_wanted: int, *, largest: int) -> None:
        """Check more of the newest stories, up to `largest`, until the window holds
        `hits_wanted` hits: first a quarter of WINDOW, then as many more as the hits so far
        say are needed. Stop when they say even `largest` stories would not hold them (a
        rare term: the index lists it faster)."""
        while len(self.in_window) < hits_wanted and not self.window_is_everything:
            if not self.window:
                size = max(WINDOW // 4, 1)
            elif len(self.in_window) * largest < hits_wanted * len(self.window):
                return
            else:
                # A fifth more than the hits so far promise, at most `largest`.
                promised = len(self.window) * hits_wanted // len(self.in_window)
                size = min(largest, promised + promised // 5)
            if size <= len(self.window):
                return
            more = list(self.queryset.values_list("pk", flat=True)[len(self.window) : size])
            self.window_is_everything = len(self.window) + len(more) < size
            if more:
                with self.connection.cursor() as cursor:
                    found = self.backend.hits_among(cursor, more, self.terms)
                self.in_window.update((pk, found[pk]) for pk in more if pk in found)
            self.window += more

    def everywhere(self, *, head_only: bool) -> list[int] | None:
        """Every hit newest first, when the index holds at most SPARSE_LIMIT; else None."""
        if head_only not in self._everywhere:
            with self.connection.cursor() as cursor:
                ids = self.backend.hit_ids(
                    cursor, self.terms, head_only=head_only, limit=SPARSE_LIMIT + 1
                )
            if len(ids) > SPARSE_LIMIT:
                self._everywhere[head_only] = None
            elif not ids:
                self._everywhere[head_only] = []
            else:
                # Ordered by the database: reading a thousand dates into Python costs
                # more than the query (SQLite needs ANALYZE to look the ids up first).
                found = self.queryset.filter(_among(self.queryset, ids))
                self._everywhere[head_only] = list(found.values_list("pk", flat=True))
        return self._everywhere[head_only]

    def walked(self, need: int, *, head_only: bool, exclude: Sequence[int] = ()) -> list[int]:
        """The newest `need` hits by one ordinary query: for common terms."""
        found = self.queryset.filter(match(self.queryset, self.terms, head_only=head_only))
        if exclude:
            found = found.exclude(_among(self.queryset, list(exclude)))
        return list(found.values_list("pk", flat=True)[:need])

    def newest(self, need: int) -> list[int]:
        self._grow_window(need, largest=WINDOW)
        hits = list(self.in_window)
        if len(hits) >= need or self.window_is_everything:
            return hits
        everything = self.everywhere(head_only=False)
        return everything if everything is not None else self.walked(need, head_only=False)

    def ranked(self, need: int) -> list[int]:
        self._grow_window(need, largest=WINDOW)
        heads = [pk for pk, in_head in self.in_window.items() if in_head]
        if self.window_is_everything:
            return heads + [pk for pk, in_head in self.in_window.items() if not in_head]
        if len(heads) < need:
            # Headline hits older than the window come before any other hit.
            all_heads = self.everywhere(head_only=True)
            heads = all_heads if all_heads is not None else self.walked(need, head_only=True)
        if len(heads) >= need:
            return heads
        # `heads` holds every headline hit; the others follow, newest first.
        missing = need - len(heads)
        known = set(heads)
        others = [pk for pk in self.in_window if pk not in known]
        if len(others) < missing:
            everything = self.everywhere(head_only=False)
            if everything is not None:
                others = [pk for pk in everything if pk not in known]
            else:
                others = self.walked(missing, head_only=False, exclude=heads)
        return heads + others

    def count(self) -> int:
        """How many stories hold the terms, counting no further than COUNT_CAP + 1."""
        if self._everywhere.get(False) is not None:
            return min(len(self._everywhere[False]), COUNT_CAP + 1)
        if len(self._everywhere.get(True) or ()) > COUNT_CAP:
            return COUNT_CAP + 1  # more headline hits than the cap, so more hits too
        if sum(len(term.tokens) or 1 for term in self.terms) > 1:
            # The index would intersect the lists of several pairs or words, one of them
            # perhaps in every story (9-13 ms at 100k); checking up to twice the window
            # one by one is cheaper when the window's hits promise the cap.
            self._grow_window(COUNT_CAP + 1, largest=2 * WINDOW)
        if self.window_is_everything or len(self.in_window) > COUNT_CAP:
            return min(len(self.in_window), COUNT_CAP + 1)
        # No ORDER BY: the count stops at the cap instead of sorting every match first.
        return search(self.queryset, self.terms).order_by()[: COUNT_CAP + 1].count()
