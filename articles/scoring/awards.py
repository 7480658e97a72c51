"""Points and fees of adopted pieces, read from the stories when asked: nothing is stored.

A piece is a story a union's correspondent wrote or filed: a 通讯员 credit, or a 来稿单位
(`Article.source_union`). It is adopted (采用) when `ArticleQuerySet.published()` (the one
visibility rule) shows it, and its points are the points table's for its kind group and its
placement now: a story moved from 第3版 to 头版头条, withdrawn, re-credited, or a rule
changed, counts anew in the next ranking, whoever made the change and however (the admin,
the workflow, the page import, a console `update()`). An award is one correspondent's share
of a piece (`ScoringPolicy.shared_credit`); a piece with a 来稿单位 and no 通讯员 credit
gives its union one award with nobody to pay.

Every reader of pieces goes through `iter_pieces` (adopted) or `iter_filed`: one query of
plain values, ordered by story, grouped in Python, so the number of queries is fixed and
rows stream.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, ExpressionWrapper, FilteredRelation, Q, QuerySet
from django.utils import timezone

from articles.models import Article, ArticleKind, CreditRole
from articles.scoring.models import (
    KIND_GROUPS,
    Placement,
    PointsRule,
    ScoringPolicy,
    SharedCredit,
    placement_of,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
KIND_LABELS = dict(ArticleKind.choices)
PLACEMENT_LABELS = dict(Placement.choices)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rules:
    """The points table and the policy, read once per ranking."""

    table: dict[tuple[str, str], tuple[Decimal, Decimal]]
    policy: ScoringPolicy

    @classmethod
    def load(cls) -> "Rules":
        table = {
            (group, placement): (points, fee)
            for group, placement, points, fee in PointsRule.objects.values_list(
                "kind_group", "placement", "points", "fee"
            )
        }
        return cls(table, ScoringPolicy.load())

    @property
    def split(self) -> bool:
        return self.policy.shared_credit != SharedCredit.FULL

    def value(self, group: str | None, placement: str) -> tuple[Decimal, Decimal]:
        """(points, fee) of one piece; a row staff removed counts nothing."""
        if group is None:
            return ZERO, ZERO
        return self.table.get((group, placement), (ZERO, ZERO))

    def share(self, amount: Decimal, shares: int) -> Decimal:
        """One correspondent's part of a piece's points or fee."""
        if not self.split or shares <= 1:
            return amount
        return cents(amount / shares)

    def union_share(self, amount: Decimal, held: int, shares: int) -> Decimal:
        """A union's part of a piece when `held` of its `shares` awards are in its tree:
        counted once however many of its correspondents wrote it (see SHARED_CREDIT_HELP)."""
        if not self.split or held >= shares:
            return amount
        return cents(amount * held / shares)


@dataclass
class Award:
    """One correspondent's share of an adopted piece (contributor None: the 来稿单位's own)."""

    contributor_id: int | None
    contributor_name: str
    contributor_union: str  # the correspondent's own union (所在单位), as the credit names it
    union_id: int | None  # whose tree the points go to: the 来稿单位, else 所在单位
    points: Decimal = ZERO
    fee: Decimal = ZERO


@dataclass
class Piece:
    """A story with its correspondents, its placement and its value under the rules."""

    article_id: int
    title: str
    kind: str
    published_at: datetime.datetime | None
    edition_date: datetime.date | None
    page_number: int | None
    print_order: int | None
    source_union_id: int | None
    adopted: bool  # public now (`published()`); a filed piece may not be
    placement: str = Placement.WEB
    points: Decimal = ZERO
    fee: Decimal = ZERO
    awards: list[Award] = field(default_factory=list)

    @property
    def awarded_at(self) -> datetime.datetime | None:
        return self.published_at

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def placement_label(self) -> str:
        return PLACEMENT_LABELS[self.placement]

    @property
    def page_label(self) -> str:
        return "网站" if self.page_number is None else f"第{self.page_number}版"

    @property
    def union_ids(self) -> set[int]:
        return {a.union_id for a in self.awards if a.union_id is not None}


def correspondents_copy(stories: QuerySet) -> QuerySet:
    """The pieces among `stories`: a 通讯员 credit or a 来稿单位; corrections are notices,
    not pieces. One row per correspondent (a LEFT JOIN on the correspondents' credits)."""
    return (
        stories.without_corrections()
        .annotate(
            byline=FilteredRelation("credits", condition=Q(credits__role=CreditRole.CORRESPONDENT))
        )
        .filter(Q(byline__isnull=False) | Q(source_union__isnull=False))
    )


def adopted_pieces(start, end, now: datetime.datetime) -> QuerySet:
    """Pieces public now and published in [start, end): what earns points in a period."""
    stories = Article.objects.published(now).filter(published_at__gte=start, published_at__lt=end)
    return correspondents_copy(stories)


def filed_pieces(start, end) -> QuerySet:
    """Pieces that came in during [start, end), whatever became of them; drafts are not
    sent yet. Ordered by story, as `iter_pieces` needs."""
    stories = Article.objects.exclude(status="draft").filter(
        created_at__gte=start, created_at__lt=end
    )
    return correspondents_copy(stories)


# A story's own fields, then one correspondent's (a story has as many rows as it has
# correspondents, at least one).
STORY_FIELDS = (
    "title",
    "kind",
    "published_at",
    "print_page__edition_date",
    "print_page__number",
    "print_order",
)
PEOPLE_FIELDS = (
    "source_union_id",
    "byline__contributor_id",
    "byline__contributor__name",
    "byline__contributor__union__name",
    "byline__contributor__union_id",
)


def adopted_rows(pieces: QuerySet, *, by_date: bool = True) -> QuerySet:
    """Plain rows of adopted pieces, a story's rows together: by publication (the fee
    list's order) or by story."""
    order = ("published_at", "pk") if by_date else ("pk",)
    return pieces.order_by(*order, "byline__order", "byline__id").values_list(
        "pk", *STORY_FIELDS, *PEOPLE_FIELDS
    )


def filed_rows(pieces: QuerySet, now: datetime.datetime) -> QuerySet:
    """Plain rows of filed pieces by story: who filed them and whether they are adopted
    by now (`published()`: the key in its list); no points are read.

    `pk IN (published)` rather than `EXISTS (… pk = outer pk)`: the same rows, but
    PostgreSQL costs the correlated EXISTS per row (860k for a year of 100k stories), past
    `jit_above_cost`, and spent 0.2–0.3 s compiling it; the IN is one hashed list (55k)."""
    public = Article.objects.published(now).values("pk")
    return (
        pieces.annotate(is_adopted=ExpressionWrapper(Q(pk__in=public), output_field=BooleanField()))
        .order_by("pk", "byline__order", "byline__id")
        .values_list("pk", "is_adopted", *PEOPLE_FIELDS)
    )


def iter_pieces(rows: Iterable[tuple], rules: Rules) -> Iterator[Piece]:
    """Adopted pieces from `adopted_rows`, each valued, its awards shared out."""
    piece = None
    for row in rows:
        pk, title, kind, published_at, edition_date, number, order = row[:7]
        source_union_id, contributor_id, name, own_union, own_union_id = row[7:]
        if piece is None or piece.article_id != pk:
            if piece is not None:
                yield _valued(piece, rules)
            piece = Piece(
                pk, title, kind, published_at, edition_date, number, order, source_union_id, True
            )
        if contributor_id is not None:
            union_id = source_union_id if source_union_id is not None else own_union_id
            piece.awards.append(Award(contributor_id, name, own_union or "", union_id))
    if piece is not None:
        yield _valued(piece, rules)


def iter_filed(rows: Iterable[tuple]) -> Iterator[Piece]:
    """Filed pieces from `filed_rows`: who filed them, not what they are worth."""
    piece = None
    for pk, adopted, source_union_id, contributor_id, name, own_union, own_union_id in rows:
        if piece is None or piece.article_id != pk:
            if piece is not None:
                yield _with_union_award(piece)
            piece = Piece(pk, "", "", None, None, None, None, source_union_id, adopted)
        if contributor_id is not None:
            union_id = source_union_id if source_union_id is not None else own_union_id
            piece.awards.append(Award(contributor_id, name, own_union or "", union_id))
    if piece is not None:
        yield _with_union_award(piece)


def _with_union_award(piece: Piece) -> Piece:
    if not piece.awards:  # a 来稿单位 with no correspondent credited
        piece.awards.append(Award(None, "", "", piece.source_union_id))
    return piece


def _valued(piece: Piece, rules: Rules) -> Piece:
    piece.placement = placement_of(piece.page_number, piece.print_order)
    piece.points, piece.fee = rules.value(KIND_GROUPS.get(piece.kind), piece.placement)
    _with_union_award(piece)
    shares = len(piece.awards)
    for award in piece.awards:
        award.points = rules.share(piece.points, shares)
        award.fee = rules.share(piece.fee, shares) if award.contributor_id is not None else ZERO
    return piece


def points_for(
    article_ids: Iterable[int],
    *,
    contributor_id: int | None = None,
    now: datetime.datetime | None = None,
) -> dict[int, Decimal]:
    """The points of these stories that are adopted pieces: {article_id: points}.

    With `contributor_id`, that correspondent's share (the contribution desk shows a
    correspondent theirs); stories not adopted (not public yet, withdrawn, declined), not
    pieces, or not theirs are left out. Three queries, however many stories.
    """
    ids = list(article_ids)
    if not ids:
        return {}
    now = timezone.now() if now is None else now
    rules = Rules.load()
    pieces = correspondents_copy(Article.objects.published(now).filter(pk__in=ids))
    result = {}
    for piece in iter_pieces(adopted_rows(pieces, by_date=False), rules):
        if contributor_id is None:
            result[piece.article_id] = piece.points
            continue
        for award in piece.awards:
            if award.contributor_id == contributor_id:
                result[piece.article_id] = award.points
    return result
