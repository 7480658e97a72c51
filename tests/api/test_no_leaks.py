"""Nothing but what readers may see: every endpoint, with every filter, on a newsroom
holding copy in every state (draft, returned, review, signoff, declined, scheduled for
tomorrow, withdrawn), a correction, an activity with an internal note, photos, revisions,
copy-desk findings and a correspondent's account. No answer names a story readers cannot
open, carries an internal field, or is a 500."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, ArticleKind, PrintPage, Topic
from articles.search.index import rebuild
from tests.api.conftest import SECRETS
from unions.models import Union

pytestmark = pytest.mark.django_db

# Field names of the newsroom's records, never a key of any answer.
INTERNAL_KEYS = {
    "internal_note",
    "status",
    "created_by",
    "created_at",
    "updated_at",
    "revisions",
    "version",
    "char_count",
    "source_union",
    "page_import",
    "credits",
    "contributor",
    "correspondent",
    "copy_check",
    "findings",
    "comment",
    "transitions",
    "phone",
    "note",
    "aliases",
    "path",
    "participants",
    "user",
}
# What copy readers cannot see is named by: its title, and the names of the topic, strap
# and tag only such copy carries; the figure of an activity only a draft tells.
HIDDEN_WORDS = ["不可见稿件", "尚未公开的专题", "尚未公开的栏目", "尚未公开的标签", "999999"]
STORY_ADDRESS = re.compile(r"/articles/(\d+)/")
# A search answer repeats the query it was given, in its links too.
ECHOES = ("query", "next", "previous")


def keys_of(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys_of(item)}
    if isinstance(value, list):
        return {key for item in value for key in keys_of(item)}
    return set()


def story_ids(value) -> set[int]:
    """The ids of every story an answer names: objects with a title, and story addresses."""
    found = set()
    if isinstance(value, dict):
        if "title" in value and "id" in value:
            found.add(value["id"])
        for item in value.values():
            found |= story_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= story_ids(item)
    return found | {int(pk) for pk in STORY_ADDRESS.findall(json.dumps(value))}


class Walk:
    def __init__(self, room):
        self.client = Client()
        self.room = room
        self.hidden_ids = {story.pk for story in room.hidden.values()}
        self.public_ids = {story.pk for story in room.public}
        self.answers = 0
        self.seen_ids = set()

    def get(self, url: str, params: dict | None = None, *, follow_cursor: bool = True):
        if params:
            url = f"{url}?{urlencode(params)}"
        response = self.client.get(url)
        self.answers += 1
        assert response.status_code in (200, 400, 404, 410), (url, response.status_code)
        assert response["Content-Type"] == "application/json", url
        body = json.loads(response.content)
        # What the answer says of its own, not what the caller sent (a search's query).
        said = body
        if isinstance(body, dict) and "query" in body:
            said = {key: value for key, value in body.items() if key not in ECHOES}
        text = json.dumps(said, ensure_ascii=False)
        for secret in SECRETS:
            assert secret not in text, (url, secret)
        assert not keys_of(body) & INTERNAL_KEYS, (url, keys_of(body) & INTERNAL_KEYS)
        if response.status_code == 200:
            for word in HIDDEN_WORDS:
                assert word not in text, (url, word)
            named = story_ids(body)
            assert not named & self.hidden_ids, (url, named & self.hidden_ids)
            self.seen_ids |= named
            if follow_cursor and isinstance(body, dict) and body.get("next"):
                self.get(body["next"])
        elif response.status_code == 410:
            # What the page says: the title and the day, never the newsroom's reason.
            assert set(body) == {"detail", "title", "withdrawn_at"}, url
        else:
            assert set(body) == {"detail"} and re.search(r"[\u4e00-\u9fff]", body["detail"]), url
        return response


def every_story_filter(room) -> list[dict]:
    topics = [t.slug for t in Topic.objects.all()]
    tags = [t.slug for t in Tag.objects.all()]
    unions = [u.pk for u in Union.objects.all()]
    columns = [room.column.pk, room.hidden_column.pk]
    days = ["2024-01-22", "2024-01-23", "2024-01-24"]
    pages = [(p.edition_date.isoformat(), p.number) for p in PrintPage.objects.all()]
    filters = [{}]
    filters += [{"topic": slug} for slug in topics]
    filters += [{"tag": slug} for slug in tags]
    filters += [{"union": pk} for pk in unions]
    filters += [{"column": pk} for pk in columns]
    filters += [{"kind": kind} for kind in ArticleKind.values]
    filters += [{"edition": day} for day in days]
    filters += [{"edition": day, "page": number} for day, number in pages]
    filters += [{"published_after": day} for day in days]
    filters += [{"published_before": day} for day in days]
    filters += [{"published_after": "2000-01-01", "published_before": "2999-12-31"}]
    filters += [
        {"union": room.district.pk, "topic": room.warmth.slug, "tag": "送温暖"},
        {"union": room.city.pk, "kind": "news", "page_size": "1"},
    ]
    return filters


FIELDS = [None, "id,title", "id,corrections,corrects", "id,photos,unions,topics,tags"]


def test_no_answer_names_anything_readers_cannot_see(newsroom):
    rebuild()  # the search index, as the workflow keeps it
    walk = Walk(newsroom)
    stories = reverse("api:story-list")
    for params in every_story_filter(newsroom):
        walk.get(stories, params)
        walk.get(stories, {**params, "fields": "id,title,byline,photos,print_page"})

    for story in Article.objects.all():
        for fields in FIELDS:
            params = {"fields": fields} if fields else None
            response = walk.get(reverse("api:story-detail", kwargs={"pk": story.pk}), params)
            expected = 200 if story.pk in walk.public_ids else 404
            if story.pk == newsroom.withdrawn.pk:
                expected = 410
            assert response.status_code == expected, (story.title, response.status_code)

    walk.get(reverse("api:union-list"))
    for union in Union.objects.all():
        walk.get(reverse("api:union-list"), {"parent": union.pk})
        walk.get(reverse("api:union-detail", kwargs={"pk": union.pk}))
    walk.get(reverse("api:topic-list"))

    walk.get(reverse("api:epaper-list"))
    walk.get(reverse("api:epaper-list"), {"page_size": "1"})
    for page in PrintPage.objects.all():
        day = page.edition_date.isoformat()
        walk.get(reverse("api:epaper-edition", kwargs={"date": day}))
        for fields in FIELDS:
            params = {"fields": fields.replace("corrections,corrects", "zones")} if fields else None
            url = reverse("api:epaper-page", kwargs={"date": day, "number": page.number})
            walk.get(url, params)

    search = reverse("api:search")
    queries = ["不可见稿件", "送温暖", "西城区", "更正", "第一段", *SECRETS]
    queries += [story.title for story in newsroom.hidden.values()]
    for query in queries:
        walk.get(search, {"q": query})
        walk.get(search, {"q": query, "sort": "date"})
        walk.get(search, {"q": query, "union": newsroom.district.slug})
        walk.get(search, {"q": query, "topic": newsroom.warmth.slug})
        walk.get(search, {"q": query, "topic": newsroom.hidden_topic.slug})

    # The walk saw every public story, so it looked where they are.
    assert walk.public_ids <= walk.seen_ids
    assert walk.answers > 200
