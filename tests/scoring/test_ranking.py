"""Rankings: the tree's roll-up without double counting, what is recounted when a story
changes, filed against adopted, the fee list, the year's honours, flat query counts."""

import datetime
from decimal import Decimal

import pytest

from articles.models import ArticleKind, ArticleStatus, Credit, CreditRole
from articles.scoring.models import ScoringPolicy, SharedCredit
from articles.scoring.periods import Period
from articles.scoring.ranking import build_ranking
from articles.scoring.scope import Scope
from tests.factories import SHANGHAI, make_print_page, make_union
from tests.scoring.pieces import JAN_23, correspondent, piece
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

Q1 = Period(2024, 1)


def union_points(ranking) -> dict[str, Decimal]:
    return {row.name: row.points for table in ranking.levels for row in table.rows}


def union_rows(ranking) -> dict:
    return {row.name: row for table in ranking.levels for row in table.rows}


def people(ranking) -> dict:
    return {row.name: row for row in ranking.correspondents}


@pytest.fixture
def shared_pieces(tree):
    """Company's 头版头条; two street correspondents on one inside piece; a company and a
    Changping correspondent on one 头版 piece."""
    a = correspondent("甲", tree["company"])
    b, c = correspondent("乙", tree["street"]), correspondent("丙", tree["street"])
    d = correspondent("丁", tree["changping"])
    piece(a, page=(1, 1))  # 10
    piece(b, c, page=(3, 1))  # 4
    piece(a, d, page=(1, 2))  # 6
    return a, b, c, d


def test_points_roll_up_the_tree_once_per_piece(shared_pieces):
    ranking = build_ranking(Q1, Scope())
    assert union_points(ranking) == {
        "怀柔区总工会": Decimal(17),  # 10 + 4 (once, two street correspondents) + 3 (half)
        "昌平区总工会": Decimal(3),
        "龙山街道总工会": Decimal(17),
        "龙山建工公司工会": Decimal(13),
    }
    rows = union_rows(ranking)
    assert rows["怀柔区总工会"].adopted == 3  # three pieces, each counted once
    assert rows["龙山建工公司工会"].adopted == 2
    assert {name: row.points for name, row in people(ranking).items()} == {
        "甲": Decimal(13),
        "乙": Decimal(2),
        "丙": Decimal(2),
        "丁": Decimal(3),
    }
    assert ranking.totals.points == Decimal(20)  # each piece once for the city
    assert ranking.totals.adopted == 3
    assert [t.label for t in ranking.levels] == ["区总工会", "街道总工会", "企业工会"]
    assert [(r.name, r.rank) for r in ranking.levels[0].rows] == [
        ("怀柔区总工会", 1),
        ("昌平区总工会", 2),
    ]


def test_with_full_points_each_union_still_counts_a_piece_once(shared_pieces):
    ScoringPolicy.objects.filter(pk=1).update(shared_credit=SharedCredit.FULL)
    ranking = build_ranking(Q1, Scope())
    assert union_points(ranking) == {
        "怀柔区总工会": Decimal(20),  # 10 + 4 + 6: the shared piece once, in full
        "昌平区总工会": Decimal(6),
        "龙山街道总工会": Decimal(20),
        "龙山建工公司工会": Decimal(16),
    }
    assert people(ranking)["乙"].points == people(ranking)["丙"].points == Decimal(4)


def test_a_union_scope_ranks_the_unions_below_it(shared_pieces, tree):
    ranking = build_ranking(Q1, Scope(tree["huairou"]))
    assert union_points(ranking) == {"龙山街道总工会": Decimal(17), "龙山建工公司工会": Decimal(13)}
    assert ranking.totals.points == Decimal(17)
    assert set(people(ranking)) == {"甲", "乙", "丙"}  # 丁 is Changping's
    assert people(ranking)["甲"].points == Decimal(13)


def test_a_piece_filed_for_a_union_scores_there_not_at_the_writers_own(tree):
    person = correspondent("戊", tree["changping"])
    piece(person, source_union=tree["street"])
    ranking = build_ranking(Q1, Scope())
    assert union_points(ranking) == {
        "怀柔区总工会": Decimal(4),
        "龙山街道总工会": Decimal(4),
    }
    assert people(ranking)["戊"].union_name == "昌平区总工会"


def test_a_deeper_tree_counts_each_ancestor_once(tree):
    branch = make_union("龙山建工一分会", level=UnionLevel.BRANCH, parent=tree["company"])
    a, b = correspondent("甲", branch), correspondent("乙", tree["company"])
    piece(a, b, page=(1, 1))
    points = union_points(build_ranking(Q1, Scope()))
    assert points["龙山建工一分会"] == Decimal(5)  # one of two shares
    assert points["龙山建工公司工会"] == points["龙山街道总工会"] == Decimal(10)
    assert points["怀柔区总工会"] == Decimal(10)


def test_moving_a_story_to_the_front_page_lead_recounts_it(tree):
    person = correspondent("甲", tree["street"])
    story = piece(person, page=(3, 1))
    assert people(build_ranking(Q1, Scope()))["甲"].points == Decimal(4)
    story.print_page = make_print_page(edition_date=datetime.date(2024, 1, 23), number=1)
    story.print_order = 1
    story.save()
    ranking = build_ranking(Q1, Scope())
    assert people(ranking)["甲"].points == Decimal(10)
    assert union_points(ranking)["怀柔区总工会"] == Decimal(10)
    assert ranking.fee_preview[0].placement == "头版头条"
    assert ranking.fee_preview[0].fee == Decimal(200)


def test_a_withdrawn_story_loses_its_points(tree):
    person = correspondent("甲", tree["street"])
    story = piece(person)
    story.status = ArticleStatus.WITHDRAWN
    story.save()
    ranking = build_ranking(Q1, Scope())
    assert ranking.totals.adopted == 0
    assert union_points(ranking)["龙山街道总工会"] == 0  # still listed: it filed the piece
    assert people(ranking)["甲"].filed == 1


def test_a_credit_added_later_shares_the_piece(tree):
    a, b = correspondent("甲", tree["street"]), correspondent("乙", tree["changping"])
    story = piece(a, page=(1, 1))
    Credit.objects.create(article=story, contributor=b, role=CreditRole.CORRESPONDENT, order=2)
    points = {row.name: row.points for row in build_ranking(Q1, Scope()).correspondents}
    assert points == {"甲": Decimal(5), "乙": Decimal(5)}


def test_a_scheduled_story_counts_from_its_time(tree, clock):
    clock.now = datetime.datetime(2024, 3, 31, 20, 0, tzinfo=SHANGHAI)
    person = correspondent("甲", tree["street"])
    piece(person, at=datetime.datetime(2024, 3, 31, 22, 0, tzinfo=SHANGHAI))
    assert build_ranking(Q1, Scope()).totals.adopted == 0
    clock.advance(hours=3)
    assert build_ranking(Q1, Scope()).totals.adopted == 1


def test_filed_adopted_and_the_rate(tree):
    person = correspondent("甲", tree["street"])
    reporter = correspondent("本报记者")
    in_q1 = datetime.datetime(2024, 2, 1, 9, tzinfo=SHANGHAI)
    piece(person, at=in_q1)  # filed and adopted in the quarter
    piece(person, status=ArticleStatus.DECLINED, created=in_q1)  # 未采用
    piece(person, status=ArticleStatus.REVIEW, created=in_q1)  # waiting
    piece(person, status=ArticleStatus.DRAFT, created=in_q1)  # not sent: not filed
    piece(  # filed in December, adopted in January: adopted, not filed, in Q1
        person, created=datetime.datetime(2023, 12, 30, tzinfo=SHANGHAI)
    )
    piece(  # filed at the end of March, adopted in April
        person,
        created=datetime.datetime(2024, 3, 30, tzinfo=SHANGHAI),
        at=datetime.datetime(2024, 4, 2, 6, tzinfo=SHANGHAI),
    )
    piece(reporter=reporter, page=(3, 20))  # the newsroom's own copy: nobody's piece
    ranking = build_ranking(Q1, Scope())
    row = people(ranking)["甲"]
    assert (row.filed, row.filed_adopted, row.adopted) == (4, 2, 2)
    assert row.rate == Decimal("50.0")
    street = union_rows(ranking)["龙山街道总工会"]
    assert (street.filed, street.filed_adopted, street.adopted, street.rate) == (
        4,
        2,
        2,
        Decimal("50.0"),
    )
    assert (ranking.totals.filed, ranking.totals.adopted) == (4, 2)
    assert "本报记者" not in people(ranking)


def test_corrections_are_not_pieces(tree):
    piece(correspondent("甲", tree["street"]), kind=ArticleKind.CORRECTION)
    assert build_ranking(Q1, Scope()).is_empty


def test_the_fee_list_has_a_row_per_piece_and_correspondent(shared_pieces):
    ranking = build_ranking(Q1, Scope())
    rows = list(ranking.fee_rows())
    assert ranking.fee_count == len(rows) == 5
    assert [r.title for r in rows] == [r.title for r in ranking.fee_preview]
    lead = next(r for r in rows if r.placement == "头版头条")
    assert (lead.day, lead.page, lead.kind, lead.name, lead.union) == (
        datetime.date(2024, 1, 23),
        "第1版",
        "消息",
        "甲",
        "龙山建工公司工会",
    )
    assert (lead.points, lead.fee) == (Decimal(10), Decimal(200))
    halves = [r for r in rows if r.placement == "头版"]
    assert [(r.name, r.points, r.fee) for r in halves] == [
        ("甲", Decimal(3), Decimal(60)),
        ("丁", Decimal(3), Decimal(60)),
    ]
    assert sum(r.fee for r in rows) == ranking.totals.fee == Decimal(400)  # 200 + 2×40 + 2×60


def test_a_web_piece_is_dated_by_its_publication(tree):
    piece(
        correspondent("甲", tree["street"]),
        page=None,
        at=datetime.datetime(2024, 2, 29, 23, 30, tzinfo=SHANGHAI),
    )
    (row,) = build_ranking(Q1, Scope()).fee_rows()
    assert (row.day, row.page, row.placement, row.points) == (
        datetime.date(2024, 2, 29),
        "网站",
        "网站",
        Decimal(2),
    )


def test_the_year_names_its_honours_ties_included(tree):
    ScoringPolicy.objects.filter(pk=1).update(excellent_correspondents=1, advanced_units=1)
    a, b = correspondent("甲", tree["street"]), correspondent("乙", tree["changping"])
    c = correspondent("丙", tree["company"])
    piece(a, page=(1, 1))
    piece(b, page=(1, 1), at=JAN_23 + datetime.timedelta(days=1))
    piece(c, page=(3, 1))
    year = build_ranking(Period(2024), Scope())
    honours = year.honours
    assert [row.name for row in honours.correspondents] == ["乙", "甲"]  # tied first
    units = {t.label: [row.name for row in t.rows] for t in honours.units}
    assert units["区总工会"] == ["怀柔区总工会"]  # 14 against 10
    assert build_ranking(Q1, Scope()).honours is None


def test_an_empty_period_is_empty(tree):
    ranking = build_ranking(Period(2023, 4), Scope())
    assert ranking.is_empty and ranking.levels == [] and ranking.correspondents == []


def test_queries_stay_flat_as_pieces_and_unions_grow(tree, django_assert_num_queries):
    person = correspondent("甲", tree["company"])
    piece(person, page=(1, 1))
    with django_assert_num_queries(5):
        build_ranking(Q1, Scope())
    for n in range(15):
        union = make_union(f"怀柔第{n}公司工会", parent=tree["street"])
        people_ = [correspondent(f"通讯员{n}", union), correspondent(f"通讯员{n}乙", union)]
        piece(*people_, page=(2, n + 1), at=JAN_23 + datetime.timedelta(days=n))
        piece(people_[0], status=ArticleStatus.DECLINED, created=JAN_23)
    with django_assert_num_queries(5):
        ranking = build_ranking(Q1, Scope())
    assert ranking.totals.adopted == 16
    with django_assert_num_queries(1):  # the ranking's rules, one streamed query
        assert len(list(ranking.fee_rows())) == 31
