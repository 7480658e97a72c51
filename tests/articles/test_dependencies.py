"""What a story depends on is declared once (`articles.models.STORY`), and a rename of any
row a story prints or is found by refreshes both its cached page and search.

Each rename goes through the admin's real change view, with the page cache in Redis; the
reader asks again with nothing run in between. The second test removes each dependency
from the declaration in turn and shows the first one would then fail.
"""

import dataclasses
from collections.abc import Callable

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.models import STORY, Article, CreditRole
from articles.pagecache import invalidation
from articles.search import receivers
from articles.search.query import parse_query, search
from articles.workflow import services
from tests.factories import (
    admin_change_data,
    make_article,
    make_column,
    make_topic,
    make_union,
)
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

# A database of the local Redis of its own, emptied before and after.
REDIS_LOCATION = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_page_cache(settings):
    try:
        redis.Redis.from_url(REDIS_LOCATION, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379 (.ci/run starts it)")
    settings.CACHES = {
        "default": {
            "BACKEND": "unionsite.cache.KeptClientRedisCache",
            "LOCATION": REDIS_LOCATION,
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROLLUP_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@dataclasses.dataclass
class Rename:
    """One row a story names, renamed through its admin change page."""

    path: str  # the dependency in STORY that makes the rename count
    old: str
    new: str
    admin_url: Callable[[Article], str]
    field: str = "name"


def _url(name: str, obj) -> str:
    return reverse(f"admin:{name}_change", args=[obj.pk])


RENAMES = [
    Rename(
        "credits__contributor",
        "边磊记者",
        "崔欣记者",
        lambda story: _url("articles_contributor", story.credits.get().contributor),
    ),
    Rename(
        "column",
        "寒冬送暖工会行动",
        "冬日暖阳工会行动",
        lambda s: _url("articles_column", s.column),
    ),
    Rename("tags", "暖心礼包", "春风礼包", lambda s: _url("taggit_tag", s.tags.get())),
    Rename(
        "unions",
        "天桥街道总工会",
        "永定门街道总工会",
        lambda s: _url("unions_union", s.unions.get()),
    ),
    Rename("topics", "冬送温暖", "夏送清凉", lambda s: _url("articles_topic", s.topics.get())),
]


@pytest.fixture
def story(superuser):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    street = make_union("天桥街道总工会", level=UnionLevel.STREET, parent=district)
    story = make_article(
        "一线职工收到慰问品",
        kind="feature",  # the byline is printed under the headline
        column=make_column("寒冬送暖工会行动"),
        credits=[(CreditRole.REPORTER, "边磊记者")],
        unions=[street],
        topics=[make_topic("冬送温暖")],
    )
    story.tags.add("暖心礼包")
    services.record_revision(story, user=superuser)
    return story


def found(query: str) -> list[str]:
    return [a.title for a in search(Article.objects.all(), parse_query(query))]


def rename_is_seen(rename: Rename, story, admin, commits) -> dict[str, bool]:
    """Rename through the admin; is the new name on the page and in search, and the old
    one gone from both, on the reader's next request?"""
    reader = Client()
    page = story.get_absolute_url()
    assert rename.old in reader.get(page).content.decode()
    assert found(rename.old) == [story.title]

    url = rename.admin_url(story)
    with commits(execute=True):
        response = admin.post(url, admin_change_data(admin, url, **{rename.field: rename.new}))
    assert response.status_code == 302, response.context["adminform"].form.errors

    html = reader.get(page).content.decode()
    return {
        "page": rename.new in html and rename.old not in html,
        "search": found(rename.new) == [story.title] and found(rename.old) == [],
    }


@pytest.mark.parametrize("rename", RENAMES, ids=[r.path for r in RENAMES])
def test_a_rename_in_the_admin_refreshes_the_story_page_and_search(
    rename, story, superuser_client, redis_page_cache, django_capture_on_commit_callbacks
):
    seen = rename_is_seen(rename, story, superuser_client, django_capture_on_commit_callbacks)
    assert seen == {"page": True, "search": True}


@pytest.fixture
def declared_without():
    """Take one dependency out of the declaration, with the receivers derived from it."""
    whole = STORY.dependencies

    def reconnect(dependencies):
        invalidation.disconnect()
        receivers.disconnect()
        object.__setattr__(STORY, "dependencies", dependencies)
        invalidation.connect()
        receivers.connect()

    yield lambda path: reconnect(tuple(d for d in whole if d.path != path))
    reconnect(whole)


@pytest.mark.parametrize("rename", RENAMES, ids=[r.path for r in RENAMES])
def test_without_its_line_in_the_declaration_the_rename_goes_unseen(
    rename,
    story,
    superuser_client,
    redis_page_cache,
    django_capture_on_commit_callbacks,
    declared_without,
):
    declared_without(rename.path)
    seen = rename_is_seen(rename, story, superuser_client, django_capture_on_commit_callbacks)
    assert seen != {"page": True, "search": True}


def test_a_rename_from_a_script_is_seen_too(story, redis_page_cache):
    # No admin: a service or a console session saving the model.
    contributor = story.credits.get().contributor
    contributor.name = "蔡洪玉通讯员"
    contributor.save()
    assert found("蔡洪玉") == [story.title]
    assert found("边磊") == []


def test_a_save_that_leaves_the_names_alone_indexes_nothing(story, django_assert_num_queries):
    column = story.column
    column.is_active = False
    # The stored names are read once; no story is indexed again.
    with django_assert_num_queries(2):
        column.save()


def test_the_search_document_and_the_list_entry_are_read_from_the_declaration(story):
    loaded = STORY.load(Article.objects.filter(pk=story.pk)).get()
    texts = STORY.searched_texts(loaded)
    for name in ("寒冬送暖工会行动", "边磊记者", "天桥街道总工会", "冬送温暖", "暖心礼包"):
        assert name in texts
    material = STORY.listed_material(loaded)
    assert "column:寒冬送暖工会行动" in material
    assert f"title:{story.title}" in material


def test_story_pages_show_every_kind_a_dependency_bumps():
    # A row with a kind of its own bumps only that kind (invalidation.connect): the
    # story's page must be among the pages showing it.
    from articles.pagecache.tags import PAGE_KINDS

    for name in ("articles:article-detail", "articles:article-short"):
        for dependency in STORY.dependencies:
            bumped = invalidation.kinds_bumped_by(dependency.model)
            assert set(bumped) <= set(PAGE_KINDS[name]), dependency.path
