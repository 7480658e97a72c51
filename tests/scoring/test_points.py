"""Points per piece: the table by kind and placement, shares among several correspondents,
and the API other rooms call (`points_for`)."""

import datetime
from decimal import Decimal

import pytest

from articles.models import ArticleKind, ArticleStatus
from articles.scoring.awards import points_for
from articles.scoring.models import (
    DEFAULT_RULES,
    KIND_GROUPS,
    UNSCORED_KINDS,
    KindGroup,
    Placement,
    PointsRule,
    ScoringPolicy,
    SharedCredit,
    placement_of,
)
from tests.scoring.pieces import JAN_23, correspondent, piece
from unions.vocabulary import ARTICLE_KINDS

pytestmark = pytest.mark.django_db

# (kind, page) → the table row it is scored by.
PAGES = {
    Placement.FRONT_LEAD: (1, 1),
    Placement.FRONT: (1, 3),
    Placement.INSIDE: (3, 1),
    Placement.WEB: None,
}
KINDS = {
    KindGroup.NEWS: ArticleKind.NEWS,
    KindGroup.BRIEF: ArticleKind.BRIEF,
    KindGroup.PHOTO: ArticleKind.PHOTO,
}


def test_every_kind_of_the_vocabulary_has_a_group_or_is_left_out_on_purpose():
    assert set(KIND_GROUPS) | UNSCORED_KINDS == set(ARTICLE_KINDS)
    assert KIND_GROUPS["feature"] == KindGroup.NEWS


def test_the_migration_gives_the_default_table():
    table = {(r.kind_group, r.placement): (r.points, r.fee) for r in PointsRule.objects.all()}
    assert table == {key: (Decimal(p), Decimal(f)) for key, (p, f) in DEFAULT_RULES.items()}
    assert ScoringPolicy.load().shared_credit == SharedCredit.SPLIT


def test_placement_reads_the_page_and_the_order():
    assert placement_of(1, 1) == Placement.FRONT_LEAD
    assert placement_of(1, 2) == Placement.FRONT
    assert placement_of(1, None) == Placement.FRONT
    assert placement_of(2, 1) == Placement.INSIDE
    assert placement_of(None, None) == Placement.WEB


@pytest.mark.parametrize("group", list(KindGroup))
@pytest.mark.parametrize("placement", list(Placement))
def test_points_per_kind_and_placement(tree, group, placement):
    story = piece(correspondent("蔡洪玉", tree["street"]), kind=KINDS[group], page=PAGES[placement])
    assert points_for([story.pk]) == {story.pk: Decimal(DEFAULT_RULES[(group, placement)][0])}


def test_a_brief_is_half_a_news_report_and_a_feature_counts_as_news(tree):
    person = correspondent("蔡洪玉", tree["street"])
    news = piece(person, kind=ArticleKind.NEWS)
    brief = piece(person, kind=ArticleKind.BRIEF, page=(3, 3))
    feature = piece(person, kind=ArticleKind.FEATURE, page=(3, 4))
    points = points_for([news.pk, brief.pk, feature.pk])
    assert points[brief.pk] * 2 == points[news.pk] == points[feature.pk] == Decimal(4)


def test_staff_edits_to_the_table_count_at_once(tree):
    story = piece(correspondent("蔡洪玉", tree["street"]), page=(1, 1))
    PointsRule.objects.filter(kind_group="news", placement="front_lead").update(points=12)
    assert points_for([story.pk]) == {story.pk: Decimal(12)}


def test_several_correspondents_share_the_points_equally_by_default(tree):
    a, b, c = (correspondent(name, tree["street"]) for name in ("甲", "乙", "丙"))
    story = piece(a, b, c, page=(1, 1))  # 10 points
    assert points_for([story.pk]) == {story.pk: Decimal(10)}
    assert points_for([story.pk], contributor_id=a.pk) == {story.pk: Decimal("3.33")}
    two = piece(a, b, page=(3, 1))  # 4 points
    assert points_for([two.pk], contributor_id=b.pk) == {two.pk: Decimal(2)}


def test_each_correspondent_gets_the_full_points_when_the_policy_says_so(tree):
    ScoringPolicy.objects.filter(pk=1).update(shared_credit=SharedCredit.FULL)
    a, b = correspondent("甲", tree["street"]), correspondent("乙", tree["company"])
    story = piece(a, b, page=(1, 1))
    assert points_for([story.pk], contributor_id=a.pk) == {story.pk: Decimal(10)}
    assert points_for([story.pk], contributor_id=b.pk) == {story.pk: Decimal(10)}


def test_only_adopted_pieces_have_points(tree, clock):
    person = correspondent("蔡洪玉", tree["street"])
    public = piece(person)
    draft = piece(person, status=ArticleStatus.REVIEW)
    declined = piece(person, status=ArticleStatus.DECLINED)
    withdrawn = piece(person, status=ArticleStatus.WITHDRAWN)
    scheduled = piece(person, at=clock.now + datetime.timedelta(hours=2))
    newsroom = piece(page=(3, 9))  # no correspondent, no 来稿单位: the paper's own copy
    correction = piece(person, kind=ArticleKind.CORRECTION, page=(3, 8))
    ids = [s.pk for s in (public, draft, declined, withdrawn, scheduled, newsroom, correction)]
    assert points_for(ids) == {public.pk: Decimal(4)}
    clock.advance(hours=3)  # the scheduled story is public now: it counts from its time
    assert set(points_for(ids)) == {public.pk, scheduled.pk}


def test_a_piece_filed_for_a_union_without_a_correspondent_credit_scores_for_it(tree):
    story = piece(source_union=tree["street"], page=(1, 2))
    assert points_for([story.pk]) == {story.pk: Decimal(6)}


def test_points_for_a_correspondent_leaves_out_other_peoples_pieces(tree):
    a, b = correspondent("甲", tree["street"]), correspondent("乙", tree["street"])
    mine, theirs = piece(a), piece(b)
    assert points_for([mine.pk, theirs.pk], contributor_id=a.pk) == {mine.pk: Decimal(4)}
    assert points_for([]) == {}


def test_points_for_reads_three_queries_however_many_stories(tree, django_assert_num_queries):
    person = correspondent("甲", tree["street"])
    one = [piece(person).pk]
    with django_assert_num_queries(3):
        points_for(one)
    many = one + [piece(person, page=(3, n + 3), at=JAN_23).pk for n in range(10)]
    with django_assert_num_queries(3):
        assert len(points_for(many)) == 11
