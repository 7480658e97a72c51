"""Union pages: the tree around a union, the stories about it and everything below it,
and the figures of its reported activities, rolled up."""

from decimal import Decimal

import pytest

from articles.models import ActivityKind, ArticleStatus, GiftLine
from tests.factories import make_activity, make_article, make_union
from unions.models import Facility, FacilityKind, Official, UnionLevel

pytestmark = pytest.mark.django_db

# nav topics, union, story page (no COUNT), ancestors, children, officials, facilities,
# figures per activity kind, gift totals.
UNION_QUERIES = 9


@pytest.fixture
def tree():
    city = make_union("北京市总工会", level=UnionLevel.CITY)
    xicheng = make_union("西城区总工会", level=UnionLevel.DISTRICT, parent=city)
    tianqiao = make_union(
        "西城区天桥街道总工会", short_name="天桥街道总工会", level=UnionLevel.STREET, parent=xicheng
    )
    enterprise = make_union("天桥某公司工会", parent=tianqiao)
    changping = make_union("昌平区总工会", level=UnionLevel.DISTRICT, parent=city)
    return {
        "city": city,
        "xicheng": xicheng,
        "tianqiao": tianqiao,
        "enterprise": enterprise,
        "changping": changping,
    }


def reported(union, **figures):
    activity = make_activity(union=union, **figures)
    activity.articles.add(make_article(f"报道{activity.title}", unions=[union]))
    return activity


def test_a_street_page_shows_its_place_in_the_tree(client, tree):
    response = client.get(tree["tianqiao"].get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["ancestors"]) == [tree["city"], tree["xicheng"]]
    assert list(response.context["children"]) == [tree["enterprise"]]
    html = response.content.decode()
    assert "<h1>西城区天桥街道总工会</h1>" in html
    assert "街道总工会 · 简称“天桥街道总工会”" in html
    assert f'<a href="{tree["xicheng"].get_absolute_url()}">西城区总工会</a>' in html


def test_a_district_page_rolls_up_stories_and_figures_below_it(client, tree):
    gifts = reported(tree["tianqiao"], kind=ActivityKind.GIFTS, beneficiaries=1030)
    GiftLine.objects.create(activity=gifts, item="温暖礼包", quantity=1030, unit="份")
    reported(tree["enterprise"], relief_money=Decimal("5000"), beneficiaries=20)
    reported(tree["xicheng"], unions_reached=4)
    reported(tree["changping"], beneficiaries=777)
    make_article("草稿", status=ArticleStatus.DRAFT, unions=[tree["tianqiao"]])

    response = client.get(tree["xicheng"].get_absolute_url())

    titles = {s.title for s in response.context["stories"]}
    assert len(titles) == 3 and "草稿" not in titles
    figures = response.context["figures"]
    assert figures["activities"] == 3
    assert figures["beneficiaries"] == 1050
    assert figures["relief_money"] == Decimal("5000.00")
    assert figures["unions_reached"] == 4
    html = response.content.decode()
    assert "温暖礼包 <strong>1030份</strong>" in html
    assert "5000元" in html
    assert figures["by_kind"] == [("送温暖走访慰问", 2), ("发放慰问品", 1)]
    assert "送温暖走访慰问 <strong>2</strong> 项" in html


def test_a_story_about_two_unions_of_the_subtree_is_listed_once(client, tree):
    make_article("联合报道", unions=[tree["tianqiao"], tree["enterprise"]])

    response = client.get(tree["xicheng"].get_absolute_url())

    assert [s.title for s in response.context["stories"]] == ["联合报道"]


def test_it_shows_officials_and_facilities(client, tree):
    Official.objects.create(union=tree["tianqiao"], name="张三", post="工会主席")
    Facility.objects.create(
        union=tree["tianqiao"], kind=FacilityKind.SERVICE_STATION, name="天桥街道工会服务站"
    )

    html = client.get(tree["tianqiao"].get_absolute_url()).content.decode()

    assert "工会主席 张三" in html
    assert "天桥街道工会服务站" in html and "工会服务站" in html


def test_the_union_index_shows_the_top_of_the_tree(client, tree):
    html = client.get("/unions/").content.decode()

    assert "北京市总工会" in html and "西城区总工会" in html and "昌平区总工会" in html
    assert "天桥某公司工会" not in html


def test_unknown_unions_and_bad_pages(client, tree):
    assert client.get("/unions/no-such-union/").status_code == 404
    url = tree["xicheng"].get_absolute_url()
    for page in ("abc", "99999", "0", "1.5"):
        assert client.get(f"{url}?page={page}").status_code == 200


@pytest.mark.parametrize("stories", [1, 15])
def test_its_query_count_does_not_grow(client, django_assert_num_queries, tree, stories):
    for n in range(stories):
        union = make_union(f"基层工会{n}", parent=tree["tianqiao"])
        activity = reported(union, beneficiaries=n, kind=ActivityKind.GIFTS)
        GiftLine.objects.create(activity=activity, item=f"物资{n}", quantity=n, unit="份")
        Official.objects.create(union=tree["xicheng"], name=f"负责人{n}", post="副主席")
    url = tree["xicheng"].get_absolute_url()
    client.get(url)

    with django_assert_num_queries(UNION_QUERIES):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(3):  # nav topics, roots, their children
        assert client.get("/unions/").status_code == 200


def test_an_activity_told_in_two_stories_counts_once_on_union_pages(client, tree):
    activity = reported(tree["tianqiao"], beneficiaries=1030, relief_money=Decimal("5000"))
    GiftLine.objects.create(activity=activity, item="温暖礼包", quantity=1030, unit="份")
    activity.articles.add(make_article("续报", unions=[tree["tianqiao"]]))

    for union in (tree["tianqiao"], tree["xicheng"], tree["city"]):
        figures = client.get(union.get_absolute_url()).context["figures"]
        assert figures["activities"] == 1, union
        assert figures["beneficiaries"] == 1030, union
        assert figures["relief_money"] == Decimal("5000.00"), union
        gifts = client.get(union.get_absolute_url()).context["gifts"]
        assert [(g["item"], g["quantity"]) for g in gifts] == [("温暖礼包", 1030)], union
