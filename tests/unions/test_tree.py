import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import make_union
from unions.models import Union, UnionLevel
from unions.services import save_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    city = make_union("北京市总工会", level=UnionLevel.CITY)
    huairou = make_union("怀柔区总工会", level=UnionLevel.DISTRICT, parent=city)
    longshan = make_union("龙山街道总工会", level=UnionLevel.STREET, parent=huairou)
    company = make_union("龙山某公司工会", level=UnionLevel.ENTERPRISE, parent=longshan)
    changping = make_union("昌平区总工会", level=UnionLevel.DISTRICT, parent=city)
    return {
        "city": city,
        "huairou": huairou,
        "longshan": longshan,
        "company": company,
        "changping": changping,
    }


def test_subtree_is_the_union_and_everything_below_it(tree):
    names = set(Union.objects.subtree(tree["huairou"]).values_list("name", flat=True))
    assert names == {"怀柔区总工会", "龙山街道总工会", "龙山某公司工会"}


def test_subtree_does_not_confuse_primary_keys_sharing_a_prefix(tree):
    # Paths use separators on both sides, so union 1 never matches union 12's path.
    for _ in range(12):
        make_union(level=UnionLevel.ENTERPRISE, parent=tree["changping"])
    below_city = Union.objects.subtree(tree["city"]).count()
    assert below_city == Union.objects.count()
    assert Union.objects.subtree(tree["changping"]).count() == 13


def test_subtree_leaves_out_a_sibling_whose_key_starts_with_the_same_digits(tree):
    # Siblings 9004 and 90040 under one parent: paths /…/9004/ and /…/90040/. A prefix
    # match without the trailing separator would take 90040 (and its children) into 9004.
    parent = tree["changping"]
    short = save_union(union=Union(pk=9004, name="九〇〇四工会", level="enterprise", parent=parent))
    long = save_union(
        union=Union(pk=90040, name="九〇〇四〇工会", level="enterprise", parent=parent)
    )
    below_long = make_union("九〇〇四〇分会", level=UnionLevel.BRANCH, parent=long)
    assert set(Union.objects.subtree(short)) == {short}
    assert set(Union.objects.subtree(long)) == {long, below_long}


@pytest.mark.parametrize("depth", [1, 6])
def test_subtree_is_one_query_however_deep_and_wide(django_assert_num_queries, tree, depth):
    parent = tree["company"]
    for _ in range(depth):
        parent = make_union(level=UnionLevel.BRANCH, parent=parent)
        make_union(level=UnionLevel.BRANCH, parent=tree["longshan"])
    with django_assert_num_queries(1):
        names = list(Union.objects.subtree(tree["huairou"]).values_list("name", flat=True))
    assert len(names) == 3 + 2 * depth


def test_district_is_derived_from_the_nearest_district_above(tree):
    assert tree["company"].district == tree["huairou"]
    assert tree["huairou"].district == tree["huairou"]
    assert tree["city"].district is None


def test_ancestors_run_from_the_city_down(tree):
    chain = list(Union.objects.ancestors_of(tree["company"]))
    assert [u.name for u in chain] == ["北京市总工会", "怀柔区总工会", "龙山街道总工会"]


def test_it_rejects_a_union_as_its_own_parent(tree):
    union = tree["longshan"]
    union.parent = union
    with pytest.raises(ValidationError) as excinfo:
        union.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_it_rejects_a_descendant_as_parent(tree):
    huairou = tree["huairou"]
    huairou.parent = tree["company"]
    with pytest.raises(ValidationError) as excinfo:
        save_union(union=huairou)
    assert "上级工会不能是它自己或它的下级工会" in excinfo.value.message_dict["parent"][0]
    huairou.refresh_from_db()
    assert huairou.parent == tree["city"]


def test_save_refuses_a_cycle_even_without_validation(tree):
    huairou = tree["huairou"]
    huairou.parent = tree["longshan"]
    with pytest.raises(ValueError, match="own ancestor"):
        huairou.save()


def test_the_database_refuses_a_union_as_its_own_parent(tree):
    union = tree["longshan"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Union.objects.filter(pk=union.pk).update(parent=union.pk)


def test_moving_a_union_moves_its_whole_subtree(tree):
    longshan = tree["longshan"]
    longshan.parent = tree["changping"]
    save_union(union=longshan)

    company = Union.objects.get(pk=tree["company"].pk)
    assert company.district == tree["changping"]
    assert company.path.startswith(tree["changping"].path)
    assert set(Union.objects.subtree(tree["changping"]).values_list("name", flat=True)) == {
        "昌平区总工会",
        "龙山街道总工会",
        "龙山某公司工会",
    }
    assert Union.objects.subtree(tree["huairou"]).count() == 1


def test_union_slugs_are_readable_pinyin_and_unique():
    first = make_union("怀柔区总工会", level=UnionLevel.DISTRICT)
    assert first.slug == "huai-rou-qu-zong-gong-hui"
    # Same pinyin, other characters: the slug still has to be unique.
    second = make_union("怀柔区总工汇", level=UnionLevel.DISTRICT)
    assert second.slug == "huai-rou-qu-zong-gong-hui-2"


def test_all_names_lists_full_short_and_aliases_once():
    union = make_union(
        "中关村科技园区怀柔园管理委员会工会联合会",
        level=UnionLevel.PARK,
        short_name="中关村怀柔园工会",
        aliases="中关村怀柔园工会\n怀柔园工会联合会\n",
    )
    assert union.all_names == [
        "中关村科技园区怀柔园管理委员会工会联合会",
        "中关村怀柔园工会",
        "怀柔园工会联合会",
    ]
