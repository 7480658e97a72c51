import pytest

from articles.pageimport.services import union_name_index
from tests.factories import make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db


def test_an_official_name_is_never_taken_over_by_another_unions_alias():
    # The older union's alias equals the newer union's official name.
    make_union("西城区天桥街道总工会", level=UnionLevel.STREET, aliases="天桥街道工会")
    make_union("天桥街道工会", level=UnionLevel.ENTERPRISE)
    index = union_name_index()
    assert index["天桥街道工会"] == "天桥街道工会"
    assert index["西城区天桥街道总工会"] == "西城区天桥街道总工会"


def test_the_union_index_costs_one_query(django_assert_num_queries):
    for n in range(5):
        make_union(f"测试{n}公司工会", short_name=f"测试{n}", aliases=f"别称{n}")
    with django_assert_num_queries(1):
        index = union_name_index()
    assert index["别称3"] == "测试3公司工会"
