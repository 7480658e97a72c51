"""`/api/v1/unions/`, `/api/v1/unions/<id>/` and `/api/v1/topics/`: the union tree, a
union's figures (the numbers its page prints), the topics readers can open."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.public.figures import union_figures as page_figures
from tests.factories import make_article, make_union
from unions.models import Union, UnionLevel

pytestmark = pytest.mark.django_db

UNIONS = reverse("api:union-list")
TOPICS = reverse("api:topic-list")


def union_url(union) -> str:
    return reverse("api:union-detail", kwargs={"pk": union.pk})


@pytest.fixture
def api():
    return Client()


def test_the_tree_is_one_flat_list_in_tree_order(api, newsroom):
    unions = api.get(UNIONS).json()
    assert [u["name"] for u in unions] == [u.name for u in Union.objects.order_by("path")]
    by_name = {u["name"]: u for u in unions}
    assert by_name["北京市总工会"] == {
        "id": newsroom.city.pk,
        "name": "北京市总工会",
        "short_name": "市总工会",
        "slug": newsroom.city.slug,
        "level": "city",
        "level_name": "市总工会",
        "parent": None,
        "depth": 1,
        "url": "http://testserver" + newsroom.city.get_absolute_url(),
    }
    assert by_name["天桥街道总工会"]["parent"] == newsroom.district.pk
    assert by_name["天桥街道总工会"]["depth"] == 3
    # Each union comes after its parent: a client builds the tree in one pass.
    seen = set()
    for union in unions:
        assert union["parent"] is None or union["parent"] in seen
        seen.add(union["id"])


def test_parent_lists_the_unions_directly_under_one(api, newsroom):
    children = api.get(UNIONS, {"parent": newsroom.city.pk}).json()
    assert [u["id"] for u in children] == [newsroom.district.pk, newsroom.other_district.pk]
    assert api.get(UNIONS, {"parent": newsroom.street.pk}).json() == []


@pytest.mark.parametrize(
    ("parent", "message"),
    [
        ("99999", "没有这个工会：99999。"),
        ("xicheng", "参数 parent 应为编号（数字），收到“xicheng”。"),
        ("99999999999999999999", "参数 parent 应为编号（数字）"),
    ],
)
def test_a_parent_that_names_no_union_is_a_400(api, newsroom, parent, message):
    response = api.get(UNIONS, {"parent": parent})
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_the_tree_costs_one_query_however_large(api, newsroom, django_assert_num_queries):
    for n in range(20):
        make_union(f"测试企业{n}工会", parent=newsroom.street)
    with django_assert_num_queries(1):
        assert len(api.get(UNIONS).json()) == 24


def test_a_union_carries_the_figures_its_page_prints(api, newsroom):
    union = api.get(union_url(newsroom.district)).json()
    assert union["name"] == "西城区总工会"
    assert union["figures"] == {
        # The street's activity rolls up; the one only a draft tells does not count.
        "activities": 1,
        "beneficiaries": 1030,
        "relief_money": "8500.00",
        "unions_reached": 4,
        "by_kind": [{"kind": "warmth_visit", "name": "送温暖走访慰问", "activities": 1}],
        "gifts": [
            {
                "item": "温暖礼包",
                "unit": "份",
                "quantity": 1030,
                "approximate": False,
                "printed": "1030份",
            },
            {
                "item": "图书",
                "unit": "册",
                "quantity": 70,
                "approximate": True,
                "printed": "70余册",
            },
            {
                "item": "米、面、油",
                "unit": "",
                "quantity": None,
                "approximate": False,
                "printed": "",
            },
        ],
    }


@pytest.mark.parametrize("name", ["city", "district", "street", "other_district"])
def test_the_figures_are_the_union_pages_numbers(api, newsroom, name):
    union = getattr(newsroom, name)
    figures = api.get(union_url(union)).json()["figures"]
    page = page_figures(union)
    assert figures["activities"] == page["figures"]["activities"]
    for figure in ("beneficiaries", "unions_reached"):
        assert figures[figure] == page["figures"][figure]
    money = page["figures"]["relief_money"]
    assert figures["relief_money"] == (None if money is None else f"{money:.2f}")
    assert [(k["name"], k["activities"]) for k in figures["by_kind"]] == page["figures"]["by_kind"]
    assert [(g["item"], g["quantity"]) for g in figures["gifts"]] == [
        (line["item"], line["quantity"]) for line in page["gifts"]
    ]


def test_a_union_without_reported_activities_has_no_figures_to_show(api, newsroom):
    figures = api.get(union_url(newsroom.other_district)).json()["figures"]
    assert figures == {
        "activities": 0,
        "beneficiaries": None,
        "relief_money": None,
        "unions_reached": None,
        "by_kind": [],
        "gifts": [],
    }


@pytest.mark.parametrize("pk", ["99999", "abc", "٣", "99999999999999999999"])
def test_an_id_that_names_no_union_is_a_json_404(api, newsroom, pk):
    response = api.get(f"{UNIONS}{pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "没有这个工会。"}


def test_a_union_costs_three_queries(api, newsroom, django_assert_num_queries):
    with django_assert_num_queries(3):  # the union, its figures, its goods
        api.get(union_url(newsroom.city))


def test_the_topics_are_those_readers_can_open(api, newsroom):
    topics = api.get(TOPICS).json()
    assert {t["name"] for t in topics} == {"送温暖", "困难职工帮扶", "学习型组织"}
    [warmth] = [t for t in topics if t["name"] == "送温暖"]
    assert warmth == {
        "id": newsroom.warmth.pk,
        "slug": newsroom.warmth.slug,
        "name": "送温暖",
        "parent": None,
        "description": "两节前后走访慰问一线职工。",
        "featured": True,
        "url": "http://testserver" + newsroom.warmth.get_absolute_url(),
    }
    [relief] = [t for t in topics if t["name"] == "困难职工帮扶"]
    assert relief["parent"] == newsroom.warmth.pk


def test_a_topic_is_listed_once_a_story_in_it_is_published(api, newsroom):
    make_article("学习型组织建设经验交流", topics=[newsroom.hidden_topic])
    assert "尚未公开的专题" in {t["name"] for t in api.get(TOPICS).json()}


def test_the_topics_cost_one_query(api, newsroom, django_assert_num_queries):
    with django_assert_num_queries(1):
        api.get(TOPICS)


def test_a_union_level_is_named_as_the_vocabulary_names_it(api, db):
    make_union("某某园区工会联合会", level=UnionLevel.PARK)
    [park] = api.get(UNIONS).json()
    assert (park["level"], park["level_name"]) == ("park", "园区工会联合会")
