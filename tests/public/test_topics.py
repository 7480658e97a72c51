"""Topic pages: the 送温暖 and 学习型组织 landing pages with their season's figures."""

import datetime
from decimal import Decimal

import pytest

from articles.models import ArticleStatus, GiftLine
from articles.public.figures import Season
from tests.factories import make_activity, make_article, make_topic, make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

# nav topics, topic, story page (no COUNT: see UncountedPaginator), sub-topics, latest
# activity date, season figures, gift totals, most active unions.
TOPIC_QUERIES = 8


@pytest.fixture
def warmth():
    return make_topic(
        "送温暖", slug="song-wen-nuan", is_featured=True, intro="元旦春节“两节”前后走访慰问职工。"
    )


def reported(topic, union, *, day, title="", **figures):
    """An activity and the published story that reports it."""
    activity = make_activity(union=union, start_date=day, **figures)
    story = make_article(title or f"报道{activity.title}", topics=[topic], unions=[union])
    activity.articles.add(story)
    return activity


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (datetime.date(2024, 1, 22), datetime.date(2023, 12, 1), datetime.date(2024, 2, 29)),
        (datetime.date(2023, 12, 5), datetime.date(2023, 12, 1), datetime.date(2024, 2, 29)),
        (datetime.date(2023, 2, 28), datetime.date(2022, 12, 1), datetime.date(2023, 2, 28)),
        (datetime.date(2024, 4, 1), datetime.date(2024, 3, 1), datetime.date(2024, 5, 31)),
        (datetime.date(2024, 11, 30), datetime.date(2024, 9, 1), datetime.date(2024, 11, 30)),
    ],
)
def test_seasons_run_three_months_with_winter_from_december(day, start, end):
    season = Season.containing(day)

    assert (season.start, season.end) == (start, end)


def test_the_warmth_page_shows_intro_stories_and_this_seasons_figures(client, warmth):
    district = make_union("昌平区总工会", level=UnionLevel.DISTRICT)
    street = make_union("西城区天桥街道总工会", level=UnionLevel.STREET)
    reported(warmth, district, day=datetime.date(2024, 1, 20), unions_reached=4)
    reported(warmth, district, day=datetime.date(2024, 1, 21), relief_money=Decimal("120000"))
    gifts = reported(warmth, street, day=datetime.date(2024, 1, 22), beneficiaries=1030)
    GiftLine.objects.create(activity=gifts, item="温暖礼包", quantity=1030, unit="份")
    # Last winter's activity is outside this season.
    reported(warmth, street, day=datetime.date(2023, 1, 10), beneficiaries=99999)

    response = client.get(warmth.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>送温暖</h1>" in html
    assert "元旦春节“两节”前后走访慰问职工。" in html
    assert "冬季 · 2023年12月至2024年2月" in html
    figures = response.context["figures"]
    assert figures["activities"] == 3
    assert figures["beneficiaries"] == 1030
    assert figures["relief_money"] == Decimal("120000")
    assert figures["unions_reached"] == 4
    assert "12万元" in html
    assert "温暖礼包 <strong>1030份</strong>" in html
    active = response.context["active_unions"]
    assert [row["union__name"] for row in active] == ["昌平区总工会", "西城区天桥街道总工会"]
    assert active[0]["activities"] == 2
    assert len(response.context["stories"]) == 4


def test_figures_leave_out_activities_told_only_in_drafts(client, warmth):
    union = make_union("昌平区总工会", level=UnionLevel.DISTRICT)
    reported(warmth, union, day=datetime.date(2024, 1, 20), beneficiaries=10)
    unreported = make_activity(union=union, start_date=datetime.date(2024, 1, 21), beneficiaries=5)
    unreported.articles.add(make_article("草稿", status=ArticleStatus.DRAFT, topics=[warmth]))

    response = client.get(warmth.get_absolute_url())

    assert response.context["figures"]["beneficiaries"] == 10


def test_a_parent_topic_lists_its_sub_topics_and_their_stories(client):
    learning = make_topic("学习型组织", slug="xue-xi-xing-zu-zhi")
    library = make_topic("职工书屋", slug="zhi-gong-shu-wu", parent=learning)
    make_topic("学习型班组", slug="xue-xi-xing-ban-zu", parent=learning)
    union = make_union("北京建工一建水电分公司工会")
    activity = reported(library, union, day=datetime.date(2024, 1, 22), title="建工一建职工书屋")
    GiftLine.objects.create(
        activity=activity, item="图书", quantity=70, quantity_is_minimum=True, unit="册"
    )

    response = client.get(learning.get_absolute_url())

    html = response.content.decode()
    # A sub-topic without a published story (学习型班组) is not offered to readers.
    assert [t.name for t in response.context["sub_topics"]] == ["职工书屋"]
    assert "建工一建职工书屋" in html
    assert "图书 <strong>70余册</strong>" in html
    # The sub-topic's page links back up.
    child_html = client.get(library.get_absolute_url()).content.decode()
    assert f'href="{learning.get_absolute_url()}">学习型组织</a>' in child_html


def test_a_topic_without_activities_shows_no_figures(client, warmth):
    make_article("送温暖报道", topics=[warmth])

    response = client.get(warmth.get_absolute_url())

    assert "season" not in response.context
    assert "本季数据" not in response.content.decode()


def test_an_unknown_topic_is_a_404(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("99999", 2), ("-1", 1), ("0", 1), ("2", 2), ("3", 2), (str(10**30), 2)],
)
def test_a_bad_page_number_shows_the_nearest_page(client, warmth, page, shown):
    for n in range(25):
        make_article(f"稿件{n}", topics=[warmth])

    response = client.get(f"{warmth.get_absolute_url()}?page={page}")

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


@pytest.mark.parametrize("stories", [1, 15])
def test_its_query_count_does_not_grow(client, django_assert_num_queries, warmth, stories):
    make_topic("职工慰问", parent=warmth)
    union = make_union("昌平区总工会", level=UnionLevel.DISTRICT)
    for n in range(stories):
        activity = reported(warmth, union, day=datetime.date(2024, 1, 1 + n), beneficiaries=n)
        GiftLine.objects.create(activity=activity, item="温暖礼包", quantity=n, unit="份")
    client.get(warmth.get_absolute_url())

    with django_assert_num_queries(TOPIC_QUERIES):
        response = client.get(warmth.get_absolute_url())

    assert response.status_code == 200
