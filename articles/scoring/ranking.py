"""Rankings for a period: unions per level (with the tree's roll-up), correspondents, the
fee list (稿费清单) and, for a year, the 优秀通讯员 and 先进单位.

`build_ranking` reads five queries whatever the size of the archive (the points table,
the policy, the unions of the scope, the period's adopted pieces, the period's filed
pieces); the pieces stream (`iter_pieces`) and are summed as they come, so memory holds
one row per union and per correspondent, not one per story. The fee list is read again
when a file asks for it (`fee_rows`), streamed the same way.

The roll-up: a union's figures are its own and every union's below it. Each piece counts
once for every union on the way up from the unions it was filed for (the materialized
path gives them, no recursion): a street's piece counts for its district once, and a piece
by two correspondents of one street counts once for the street and once for the district
(`Rules.union_share`).
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from articles.scoring.awards import (
    ZERO,
    Piece,
    Rules,
    adopted_pieces,
    adopted_rows,
    filed_pieces,
    filed_rows,
    iter_filed,
    iter_pieces,
)
from articles.scoring.models import Placement
from articles.scoring.periods import SHANGHAI, Period
from articles.scoring.scope import Scope
from unions.models import PATH_SEPARATOR, Union, UnionLevel
from unions.vocabulary import UNION_LEVELS

# How many rows of the fee list the page shows; the files hold all of them.
FEE_PREVIEW = 100
# Rows fetched at a time from the database's cursor.
CHUNK = 5000


def percent(part: int, whole: int) -> Decimal | None:
    """A rate in percent with one decimal, or None when nothing was filed."""
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"))


@dataclass
class UnionRow:
    union_id: int
    name: str
    level: str
    path: str
    filed: int = 0  # pieces that came in during the period
    filed_adopted: int = 0  # of those, adopted by now
    adopted: int = 0  # pieces published in the period: what earns points
    points: Decimal = ZERO
    fee: Decimal = ZERO  # the 稿费 of its correspondents' shares
    rank: int = 0

    @property
    def rate(self) -> Decimal | None:
        return percent(self.filed_adopted, self.filed)

    @property
    def is_active(self) -> bool:
        return bool(self.filed or self.adopted)


@dataclass
class CorrespondentRow:
    contributor_id: int
    name: str
    union_name: str
    filed: int = 0
    filed_adopted: int = 0
    adopted: int = 0
    points: Decimal = ZERO
    fee: Decimal = ZERO
    rank: int = 0

    @property
    def rate(self) -> Decimal | None:
        return percent(self.filed_adopted, self.filed)


@dataclass
class LevelTable:
    level: str
    label: str  # 区总工会
    rows: list[UnionRow]


@dataclass
class Totals:
    filed: int = 0
    filed_adopted: int = 0
    adopted: int = 0
    points: Decimal = ZERO
    fee: Decimal = ZERO
    by_placement: Counter = field(default_factory=Counter)

    @property
    def rate(self) -> Decimal | None:
        return percent(self.filed_adopted, self.filed)

    def placements(self) -> list[tuple[str, int]]:
        return [(label, self.by_placement[value]) for value, label in Placement.choices]


@dataclass
class FeeRow:
    """One line of the 稿费清单: one adopted piece and one correspondent."""

    day: datetime.date  # the edition's date, or the day it went online
    page: str  # 第3版, 网站
    title: str
    kind: str
    placement: str
    name: str
    union: str
    points: Decimal
    fee: Decimal
    article_id: int


@dataclass
class Honours:
    """The year's 优秀通讯员 and 先进单位 (per level): the top places, ties included."""

    correspondents: list[CorrespondentRow]
    units: list[LevelTable]


@dataclass
class Ranking:
    period: Period
    scope: Scope
    now: datetime.datetime
    rules: Rules
    totals: Totals
    levels: list[LevelTable]
    correspondents: list[CorrespondentRow]
    fee_preview: list[FeeRow]
    fee_count: int
    _unions: dict = field(repr=False, default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.totals.filed or self.totals.adopted)

    @property
    def empty_message(self) -> str:
        return f"{self.period.label}{self.scope.label}没有通讯员来稿，也没有采用的稿件。"

    @property
    def honours(self) -> Honours | None:
        if not self.period.is_year:
            return None
        policy = self.rules.policy
        return Honours(
            [
                row
                for row in self.correspondents
                if row.points > 0 and row.rank <= policy.excellent_correspondents
            ],
            [
                LevelTable(
                    table.level,
                    table.label,
                    [r for r in table.rows if r.points > 0 and r.rank <= policy.advanced_units],
                )
                for table in self.levels
            ],
        )

    def fee_rows(self) -> Iterator[FeeRow]:
        """The whole 稿费清单, read again from the database and streamed."""
        start, end = self.period.bounds()
        rows = adopted_rows(adopted_pieces(start, end, self.now)).iterator(CHUNK)
        for piece in iter_pieces(rows, self.rules):
            yield from _fee_rows(piece, self.scope, self._unions)


def _rank(rows: list, key) -> list:
    """Sorted by points, ties sharing a place (1, 2, 2, 4)."""
    rows.sort(key=key)
    previous, place = None, 0
    for position, row in enumerate(rows, start=1):
        if row.points != previous:
            place, previous = position, row.points
        row.rank = place
    return rows


def _ancestors(path: str) -> list[int]:
    return [int(pk) for pk in path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR) if pk]


def _fee_rows(piece: Piece, scope: Scope, unions: dict) -> Iterator[FeeRow]:
    day = piece.edition_date or timezone.localtime(piece.published_at, SHANGHAI).date()
    for award in piece.awards:
        if award.contributor_id is None:
            continue
        union = unions.get(award.union_id)
        if not scope.is_city and union is None:
            continue
        yield FeeRow(
            day,
            piece.page_label,
            piece.title,
            piece.kind_label,
            piece.placement_label,
            award.contributor_name,
            union.name if union else award.contributor_union,
            award.points,
            award.fee,
            piece.article_id,
        )


def build_ranking(
    period: Period,
    scope: Scope,
    now: datetime.datetime | None = None,
    *,
    on_fee_row: Callable[[FeeRow], None] | None = None,
) -> Ranking:
    """The period's ranking in the scope. `on_fee_row` is handed every line of the fee
    list as the pieces are read (the workbook writes it in the same pass)."""
    now = timezone.now() if now is None else now
    rules = Rules.load()
    unions_qs = Union.objects.all() if scope.is_city else Union.objects.subtree(scope.union)
    unions = {
        pk: UnionRow(pk, name, level, path)
        for pk, name, level, path in unions_qs.values_list("pk", "name", "level", "path")
    }
    # A union's ancestors inside the scope, itself included: where its pieces count.
    chains: dict[int, list[int]] = {}

    def chain(union_id: int | None) -> list[int]:
        if union_id is None or union_id not in unions:
            return []
        if union_id not in chains:
            chains[union_id] = [pk for pk in _ancestors(unions[union_id].path) if pk in unions]
        return chains[union_id]

    people: dict[int, CorrespondentRow] = {}

    def person(award) -> CorrespondentRow:
        row = people.get(award.contributor_id)
        if row is None:
            row = people[award.contributor_id] = CorrespondentRow(
                award.contributor_id, award.contributor_name, award.contributor_union
            )
        return row

    def in_scope(award) -> bool:
        return scope.is_city or award.union_id in unions

    totals = Totals()
    fee_preview: list[FeeRow] = []
    fee_count = 0
    start, end = period.bounds()

    adopted = adopted_rows(adopted_pieces(start, end, now)).iterator(CHUNK)
    for piece in iter_pieces(adopted, rules):
        awards = [a for a in piece.awards if in_scope(a)]
        if not awards:
            continue
        totals.adopted += 1
        totals.by_placement[piece.placement] += 1
        shares = len(piece.awards)
        if len(awards) == 1:  # most pieces: one award, its union's tree gets it whole
            held = dict.fromkeys(chain(awards[0].union_id), 1)
        else:
            held = Counter(pk for a in awards for pk in chain(a.union_id))
        for pk, count in held.items():
            row = unions[pk]
            row.adopted += 1
            row.points += rules.union_share(piece.points, count, shares)
        if scope.is_city:
            totals.points += piece.points
        else:
            totals.points += rules.union_share(piece.points, held.get(scope.union.pk, 0), shares)
        for award in awards:
            if award.contributor_id is None:
                continue
            totals.fee += award.fee
            for pk in chain(award.union_id):
                unions[pk].fee += award.fee
            row = person(award)
            row.adopted += 1
            row.points += award.points
            row.fee += award.fee
            fee_count += 1
        if on_fee_row is not None:
            for fee_row in _fee_rows(piece, scope, unions):
                on_fee_row(fee_row)
        if len(fee_preview) < FEE_PREVIEW:
            fee_preview.extend(_fee_rows(piece, scope, unions))
            del fee_preview[FEE_PREVIEW:]

    filed = filed_rows(filed_pieces(start, end), now).iterator(CHUNK)
    for piece in iter_filed(filed):
        awards = [a for a in piece.awards if in_scope(a)]
        if not awards:
            continue
        totals.filed += 1
        totals.filed_adopted += piece.adopted
        for pk in {pk for a in awards for pk in chain(a.union_id)}:
            unions[pk].filed += 1
            unions[pk].filed_adopted += piece.adopted
        for award in awards:
            if award.contributor_id is not None:
                row = person(award)
                row.filed += 1
                row.filed_adopted += piece.adopted

    by_points = lambda row: (-row.points, -row.adopted, -row.filed, row.name)  # noqa: E731
    levels = []
    root = None if scope.is_city else scope.union.pk
    for level, label in UNION_LEVELS.items():
        rows = [
            row
            for row in unions.values()
            if row.level == level
            and level != UnionLevel.CITY
            and row.union_id != root
            and row.is_active
        ]
        if rows:
            levels.append(LevelTable(level, label, _rank(rows, by_points)))
    return Ranking(
        period=period,
        scope=scope,
        now=now,
        rules=rules,
        totals=totals,
        levels=levels,
        correspondents=_rank(list(people.values()), by_points),
        fee_preview=fee_preview,
        fee_count=fee_count,
        _unions=unions,
    )
