import datetime

import pytest

from articles.pageimport.parser import ParsedArticle, ParsedCredit, ParsedPage
from articles.pageimport.services import save_page, union_name_index
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


@pytest.mark.parametrize(
    ("printed", "role", "stored"),
    [
        ("记者", "reporter", ""),
        ("本报记者", "reporter", ""),
        ("通讯员", "correspondent", ""),
        ("实习生", "intern", ""),
        ("摄影", "photographer", ""),
        ("见习记者", "reporter", "见习记者"),
        ("特约记者", "reporter", "特约记者"),
        ("本报通讯员", "correspondent", "本报通讯员"),
    ],
)
def test_a_plain_role_word_is_stored_without_a_label_and_any_other_as_printed(
    printed, role, stored
):
    # The plain word says no more than the role, so the byline prints the house form;
    # 见习记者 or 特约记者 must stay on the story as the paper printed it.
    parsed = ParsedPage(
        banner=None,
        articles=[
            ParsedArticle(
                title="测试稿件",
                dateline="本报讯",
                credits=[ParsedCredit(role=role, name="王伟", label=printed)],
                paragraphs=["第一段。"],
            )
        ],
    )
    result = save_page(
        parsed=parsed, raw_text=printed, edition_date=datetime.date(2024, 1, 23), page_number=3
    )
    credit = result.articles[0].credits.get()
    assert (credit.role, credit.label) == (role, stored)
