"""The story list (稿件) as the desk uses it: every state in its filter, 定时发布 apart from
已发布; who sent a story for review and when; the newest work first; and the page import
offered only to those who may use it."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.desk.stories import STATES, story_in

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def every_state(newsroom):
    return {state: story_in(state, newsroom, f"{state}稿") for state in STATES}


def listed(response) -> list[str]:
    return [story.title for story in response.context["cl"].result_list]


@pytest.mark.parametrize("state", STATES)
def test_the_status_filter_lists_exactly_the_stories_in_each_state(
    newsroom, login, every_state, state
):
    response = login(newsroom["chief"]).get(LIST, {"status": state})
    assert listed(response) == [f"{state}稿"]


def test_scheduled_lists_only_future_published_stories_and_published_only_public(
    newsroom, login, every_state, clock
):
    client = login(newsroom["chief"])
    filters = dict(client.get(LIST).context["cl"].filter_specs[0].lookup_choices)
    assert list(filters.values()) == [
        "草稿",
        "已退回",
        "待审",
        "待签发",
        "未采用",
        "定时发布",
        "已发布",
        "已撤稿",
    ]
    assert listed(client.get(LIST, {"status": "scheduled"})) == ["scheduled稿"]
    # Its minute comes: the story is public, and is listed as published.
    clock.advance(days=2)
    assert listed(client.get(LIST, {"status": "scheduled"})) == []
    assert set(listed(client.get(LIST, {"status": "published"}))) == {"scheduled稿", "published稿"}


def test_an_unknown_state_filters_nothing_away(newsroom, login, every_state):
    response = login(newsroom["chief"]).get(LIST, {"status": "nonsense"})
    assert response.status_code == 200


def test_the_list_shows_who_sent_each_story_when_and_its_length(newsroom, login, every_state):
    client = login(newsroom["editor"])
    response = client.get(LIST)
    content = response.content.decode()
    for header in ("送审人", "送审时间", "修改时间", "字数"):
        assert header in content
    review = next(s for s in response.context["cl"].result_list if s.title == "review稿")
    assert review.submitted_at is not None
    row = content[content.index("review稿") :].split("</tr>")[0]
    assert "周美玉" in row
    assert f"{every_state['review'].char_count}" in row
    draft_row = content[content.index("draft稿") :].split("</tr>")[0]
    assert '<td class="field-submitted_by">—</td>' in draft_row


def test_the_newest_work_comes_first_and_the_send_time_sorts(newsroom, login, every_state, clock):
    clock.advance(minutes=10)
    story_in("review", newsroom, "刚送来的稿")
    client = login(newsroom["editor"])
    assert listed(client.get(LIST))[0] == "刚送来的稿"

    columns = client.get(LIST).context["cl"].list_display
    sent = columns.index("submitted_at")
    # Oldest sent first; the draft, never sent, last.
    by_send_time = listed(client.get(LIST, {"o": str(sent)}))
    assert by_send_time[-2:] == ["刚送来的稿", "draft稿"]
    # Sorted by who sent it too (their login name).
    assert client.get(LIST, {"o": str(columns.index("submitted_by"))}).status_code == 200


def test_the_page_import_tool_is_offered_only_to_who_may_import(newsroom, login):
    import_url = reverse("admin:articles_pageimport_add")
    assert import_url not in login(newsroom["reporter"]).get(LIST).content.decode()
    assert login(newsroom["reporter"]).get(import_url).status_code == 403
    assert import_url in login(newsroom["editor"]).get(LIST).content.decode()


@pytest.mark.parametrize("stories", [3, 30])
def test_the_list_costs_the_same_queries_however_many_stories(
    newsroom, login, django_assert_max_num_queries, stories
):
    for n in range(stories):
        story_in("review", newsroom, f"稿件{n}")
    client = login(newsroom["editor"])
    client.get(LIST)
    with django_assert_max_num_queries(14):
        response = client.get(LIST)
    assert len(response.context["cl"].result_list) == Article.objects.count()
