"""The monthly archive, tag pages and column (strap) pages."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.models import ArticleStatus
from tests.factories import make_article, make_column

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")

# Lists page without COUNT(*) (see UncountedPaginator).
# nav topics, tag, "does any published story carry it?", story page.
TAG_QUERIES = 4
# nav topics, strap, story page.
COLUMN_QUERIES = 3
# nav topics, "any story this month?", previous and next month, story page.
MONTH_QUERIES = 5


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=BEIJING)


def test_the_archive_lists_months_grouped_by_year(client):
    make_article("一月", published_at=at(2024, 1, 23))
    make_article("十二月", published_at=at(2023, 12, 30))
    make_article("草稿", status=ArticleStatus.DRAFT, published_at=None)

    response = client.get("/archive/")

    years = [(year, [m.month for m in months]) for year, months in response.context["years"]]
    assert years == [(2024, [1]), (2023, [12])]
    html = response.content.decode()
    assert 'href="/archive/2024/01/"' in html and "2023年" in html


def test_a_month_lists_its_stories_in_beijing_time(client):
    # 00:30 on 1 February in Beijing is still January in UTC: the month follows Beijing.
    make_article("二月一日凌晨", published_at=at(2024, 2, 1, hour=0))
    make_article("一月稿件", published_at=at(2024, 1, 23))
    make_article("十二月稿件", published_at=at(2023, 12, 30))

    response = client.get("/archive/2024/01/")

    assert [s.title for s in response.context["stories"]] == ["一月稿件"]
    html = response.content.decode()
    assert "2024年1月报道" in html
    assert 'href="/archive/2023/12/"' in html and 'href="/archive/2024/02/"' in html


@pytest.mark.parametrize(
    "url", ["/archive/2024/13/", "/archive/2024/0/", "/archive/99999/01/", "/archive/2019/01/"]
)
def test_bad_or_empty_months_are_404s(client, url):
    make_article("一月", published_at=at(2024, 1, 23))

    assert client.get(url).status_code == 404


def test_a_tag_page_lists_published_stories_with_the_tag(client):
    story = make_article("西城区天桥街道总工会为职工送出“温暖礼包”")
    story.tags.add("温暖礼包")
    draft = make_article("草稿", status=ArticleStatus.DRAFT)
    draft.tags.add("温暖礼包")

    response = client.get("/tags/温暖礼包/")

    assert response.status_code == 200
    assert [s.title for s in response.context["stories"]] == [story.title]
    assert "#温暖礼包" in response.content.decode()


def test_a_tag_only_drafts_carry_is_a_404(client):
    draft = make_article("草稿", status=ArticleStatus.DRAFT)
    draft.tags.add("尚未公开")

    assert client.get("/tags/尚未公开/").status_code == 404
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_a_column_page_lists_its_stories(client):
    strap = make_column("寒冬送暖 工会行动", description="各级工会“两节”送温暖行动。")
    make_article("昌平区总工会启动“两节”送温暖活动", column=strap)
    make_article("草稿", status=ArticleStatus.DRAFT, column=strap)

    response = client.get(strap.get_absolute_url())

    html = response.content.decode()
    assert "<h1>寒冬送暖 工会行动</h1>" in html
    assert "昌平区总工会启动“两节”送温暖活动" in html and "草稿" not in html
    assert client.get("/columns/no-such-column/").status_code == 404


@pytest.mark.parametrize("stories", [1, 15])
def test_list_query_counts_do_not_grow(client, django_assert_num_queries, stories):
    strap = make_column("寒冬送暖 工会行动")
    for n in range(stories):
        make_article(f"稿件{n}", column=strap, published_at=at(2024, 1, 1 + n)).tags.add("送温暖")
    make_article("十二月", published_at=at(2023, 12, 1))
    make_article("二月", published_at=at(2024, 2, 1))
    urls = {
        "/tags/送温暖/": TAG_QUERIES,
        strap.get_absolute_url(): COLUMN_QUERIES,
        "/archive/2024/01/": MONTH_QUERIES,
        "/archive/": 2,  # nav topics, months
    }
    for url, expected in urls.items():
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
