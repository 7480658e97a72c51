"""Who else has a story open: the change form names the colleagues who opened it in the
last minute ("王编辑 也在编辑这篇稿件"), the form's heartbeat keeps its user there, a
leave or a minute's silence takes them off; only those who may see the story learn it."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.models import ArticleStatus
from articles.workflow import presence
from tests.factories import make_article


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story(newsroom):
    return make_article(
        "朝阳区总工会为快递小哥送上暖心年货",
        status=ArticleStatus.DRAFT,
        created_by=newsroom["reporter"],
    )


@pytest.fixture
def named(newsroom):
    newsroom["editor"].last_name, newsroom["editor"].first_name = "王", "编辑"
    newsroom["editor"].save()
    newsroom["chief"].first_name, newsroom["chief"].last_name = "Li", "Ming"
    newsroom["chief"].save()
    return newsroom


def client_of(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def change_page(client, story) -> str:
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    return response.content.decode()


def presence_url(story) -> str:
    return reverse("admin:articles_article_presence", args=[story.pk])


def test_the_second_editor_sees_the_first_on_the_form(named, story):
    editor, chief = client_of(named["editor"]), client_of(named["chief"])

    assert "也在编辑这篇稿件" not in change_page(editor, story)
    assert "王编辑 也在编辑这篇稿件" in change_page(chief, story)

    # And the first learns of the second at the next heartbeat.
    answer = editor.post(presence_url(story)).json()
    assert answer == {"others": ["Li Ming"]}


def test_a_name_is_the_login_name_without_a_full_name(newsroom, story):
    change_page(client_of(newsroom["reporter"]), story)
    assert client_of(newsroom["editor"]).get(presence_url(story)).json() == {"others": ["reporter"]}


def test_an_editor_not_heard_from_for_a_minute_is_gone(named, story, clock):
    editor, chief = client_of(named["editor"]), client_of(named["chief"])
    change_page(editor, story)

    clock.advance(seconds=presence.PRESENCE_SECONDS - 5)
    assert chief.get(presence_url(story)).json() == {"others": ["王编辑"]}
    editor.post(presence_url(story))  # the heartbeat keeps them there
    clock.advance(seconds=presence.PRESENCE_SECONDS - 5)
    assert chief.get(presence_url(story)).json() == {"others": ["王编辑"]}

    clock.advance(seconds=10)
    assert chief.get(presence_url(story)).json() == {"others": []}
    assert "也在编辑这篇稿件" not in change_page(chief, story)


def test_leaving_the_form_takes_the_name_off_at_once(named, story):
    editor, chief = client_of(named["editor"]), client_of(named["chief"])
    change_page(editor, story)

    editor.post(presence_url(story), {"leave": "1"})

    assert chief.get(presence_url(story)).json() == {"others": []}


def test_presence_is_kept_per_story(named, story):
    other = make_article("另一篇稿件", status=ArticleStatus.DRAFT, created_by=named["reporter"])
    change_page(client_of(named["editor"]), story)
    assert client_of(named["chief"]).get(presence_url(other)).json() == {"others": []}


def test_the_time_can_be_given_explicitly(named, story):
    editor, chief = named["editor"], named["chief"]
    start = datetime.datetime(2024, 1, 23, 9, 0).timestamp()
    presence.mark_present(story.pk, editor, now=start)
    presence.mark_present(story.pk, chief, now=start + 30)

    assert presence.others_present(story.pk, chief, now=start + 59) == ["王编辑"]
    assert presence.others_present(story.pk, editor, now=start + 59) == ["Li Ming"]
    assert presence.others_present(story.pk, chief, now=start + 61) == []


def test_a_reporter_cannot_learn_who_edits_a_story_not_theirs(newsroom, story):
    response = client_of(newsroom["other_reporter"]).get(presence_url(story))
    assert response.status_code == 404
    assert client_of(newsroom["reporter"]).get(presence_url(story)).status_code == 200


def test_a_reader_without_a_login_is_sent_to_the_login_page(newsroom, story):
    response = Client().post(presence_url(story))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_heartbeat_needs_the_csrf_token(newsroom, story):
    client = client_of(newsroom["editor"], enforce_csrf_checks=True)
    assert client.post(presence_url(story)).status_code == 403


def test_other_methods_are_refused(newsroom, story):
    assert client_of(newsroom["editor"]).put(presence_url(story)).status_code == 405


def test_the_add_page_has_no_presence(newsroom):
    response = client_of(newsroom["editor"]).get(reverse("admin:articles_article_add"))
    content = response.content.decode()
    assert "data-editing-aids" in content and 'data-draft-key="add"' in content
    assert "data-presence-url" not in content
