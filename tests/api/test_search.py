"""`/api/v1/search/`: the site's search, its parameters, its results in its order."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.search.index import rebuild
from tests.factories import make_article

pytestmark = pytest.mark.django_db

SEARCH = reverse("api:search")
SITE_SEARCH = reverse("search:results")


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def indexed(newsroom):
    now = timezone.now()
    for n in range(25):
        make_article(
            f"职工书屋第{n}期读书会" if n % 3 else f"第{n}期活动",
            body="职工书屋开展读书活动。" if n % 3 == 0 else "读书分享。",
            published_at=now - datetime.timedelta(days=n + 1),
            unions=[newsroom.street] if n % 2 else [newsroom.other_district],
            kind="brief" if n % 4 == 0 else "news",
        )
    rebuild()
    return newsroom


def site_ids(query: dict) -> list[int]:
    response = Client().get(SITE_SEARCH, query)
    page = response.context.get("page")
    return [story.pk for story in page.stories] if page else []


def api_ids(api, query: dict) -> list[int]:
    response = api.get(SEARCH, query)
    assert response.status_code == 200, response.content.decode()
    return [story["id"] for story in response.json()["results"]]


@pytest.mark.parametrize(
    "query",
    [
        {"q": "职工书屋"},
        {"q": "职工书屋", "page": "2"},
        {"q": "职工书屋", "sort": "date"},
        {"q": "读书", "kind": "brief"},
        {"q": "读书", "union": "tian-qiao-jie-dao-zong-gong-hui"},
        {"q": "读书", "topic": "xue-xi-xing-zu-zhi"},
        {"q": "送温暖"},
        {"q": "环卫工人"},
        {"q": "书屋", "start": "2000-01-01", "end": "2999-12-31"},
        {"q": "没有这个词"},
        {"q": "，。"},
    ],
)
def test_the_same_stories_in_the_same_order_as_the_sites_search(api, indexed, query):
    assert api_ids(api, query) == site_ids(query)


def test_a_page_of_results_says_how_many_and_links_on(api, indexed):
    first = api.get(SEARCH, {"q": "职工书屋"}).json()
    assert first["query"] == "职工书屋"
    # 25 stories of the fixture and the newsroom's 职工书屋揭牌.
    assert first["page"] == 1 and first["count"] == 26 and first["count_capped"] is False
    assert len(first["results"]) == 20 and first["previous"] is None
    second = api.get(first["next"]).json()
    assert second["page"] == 2 and len(second["results"]) == 6 and second["next"] is None
    assert api_ids(api, {"q": "职工书屋", "page": "1"}) == [s["id"] for s in first["results"]]
    assert "page=1&" in second["previous"]


def test_search_never_finds_copy_readers_cannot_see(api, indexed):
    found = api_ids(api, {"q": "不可见稿件"})
    assert found == []
    assert not set(api_ids(api, {"q": "送温暖"})) & {s.pk for s in indexed.hidden.values()}


def test_fields_on_the_results(api, indexed):
    body = api.get(SEARCH, {"q": "职工书屋", "fields": "id,title"}).json()
    assert all(set(story) == {"id", "title"} for story in body["results"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "请用参数 q 给出搜索词。"),
        ({"q": "  "}, "请用参数 q 给出搜索词。"),
        ({"q": "书屋", "page": "0"}, "参数 page 应为 1 到 500 之间的整数"),
        ({"q": "书屋", "page": "501"}, "参数 page 应为 1 到 500 之间的整数"),
        ({"q": "书屋", "page": "abc"}, "参数 page 应为 1 到 500 之间的整数"),
        ({"q": "书屋", "union": "no-such-union"}, "参数 union 无效：没有这个工会。"),
        ({"q": "书屋", "topic": "shang-wei-gong-kai-de-zhuan-ti"}, "参数 topic 无效"),
        ({"q": "书屋", "kind": "opinion"}, "参数 kind 无效"),
        ({"q": "书屋", "start": "2024-02-30"}, "参数 start 无效"),
        ({"q": "书屋", "sort": "oldest"}, "参数 sort 无效"),
        ({"q": "书屋", "fields": "id,body"}, "没有这些字段：body。"),
    ],
)
def test_a_bad_parameter_is_a_400(api, indexed, query, message):
    response = api.get(SEARCH, query)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_search_costs_the_same_queries_for_few_results_or_many(api, indexed):
    api.get(SEARCH, {"q": "环卫工人"})  # taggit's content type, read once per process
    with CaptureQueriesContext(connection) as few:
        assert len(api_ids(api, {"q": "环卫工人"})) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(api_ids(api, {"q": "职工书屋"})) == 20
    # The form's union choices; finding the page (the site's own few queries); the
    # stories with what they print.
    assert len(many) == len(few)
