"""The readers' page cache: no query on a hit, fresh after each kind of committed write,
a scheduled story on time, editors never cached, a cache that is down is not a site down."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleStatus, Column, PrintPage, Topic
from articles.workflow import services
from tests.factories import make_activity, make_article, make_column, make_topic, make_union
from unions.models import Union, UnionLevel

# The cache keeps pages and roll-ups (tests/pagecache/conftest.py: `reader_cache`).
pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    other = make_union("昌平区总工会", level=UnionLevel.DISTRICT)
    topic = make_topic("送温暖", is_featured=True)
    column = make_column("寒冬送暖 工会行动")
    story = make_article("西城区总工会送温暖", unions=[district], topics=[topic], column=column)
    return {"district": district, "other": other, "topic": topic, "column": column, "story": story}


def test_a_cached_page_makes_no_query_on_its_second_request(site, django_assert_num_queries):
    client = Client()
    for url in (
        reverse("articles:front-page"),
        site["story"].get_absolute_url(),
        site["topic"].get_absolute_url(),
        site["district"].get_absolute_url(),
        reverse("articles:latest-feed"),
        reverse("sitemap"),
    ):
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content, url
        assert second["ETag"] == first["ETag"], url


def test_conditional_requests_get_a_304_and_phones_revalidate(site):
    client = Client()
    first = client.get("/")
    assert "max-age=0" in first["Cache-Control"] and "s-maxage=5" in first["Cache-Control"]
    assert first["Last-Modified"]
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def served_from_cache(client, url) -> bool:
    """A page answered without a single query came from the cache."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 410), url
    return len(queries) == 0


@pytest.fixture
def pages(site):
    return {
        "front": reverse("articles:front-page"),
        "story": site["story"].get_absolute_url(),
        "topic": site["topic"].get_absolute_url(),
        "union": site["district"].get_absolute_url(),
        "other_union": site["other"].get_absolute_url(),
        "epaper": reverse("articles:epaper-latest"),
        "unions": reverse("unions:union-index"),
    }


def test_each_write_makes_the_right_pages_fresh_and_leaves_the_others_cached(
    site, pages, superuser, django_capture_on_commit_callbacks
):
    client = Client()

    def rendered_again(write) -> set[str]:
        """Warm every page, commit the write, and name the pages that had to be rendered
        again (the others came straight from the cache)."""
        for url in pages.values():
            client.get(url)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return {name for name, url in pages.items() if not served_from_cache(client, url)}

    def rename_union():
        union = Union.objects.get(pk=site["district"].pk)
        union.short_name = "西城工会"
        union.save()

    def edit_topic():
        topic = Topic.objects.get(pk=site["topic"].pk)
        topic.intro = "两节前后走访慰问一线职工。"
        topic.save()

    def rename_column():
        column = Column.objects.get(pk=site["column"].pk)
        column.name = "冬日暖心行动"
        column.save()

    def report_figures():
        activity = make_activity(union=site["district"], beneficiaries=1030)
        activity.articles.add(site["story"])

    def add_printed_page():
        PrintPage.objects.create(edition_date=datetime.date(2024, 1, 23), number=5)

    def publish_another():
        other = make_article("昌平区启动两节送温暖", status=ArticleStatus.REVIEW)
        services.publish(other, user=superuser)

    def correct_published_story():
        story = site["story"]
        story.body = "更正后的第一段。"
        story.save()

    def withdraw_story():
        services.withdraw(site["story"], user=superuser, comment="失实")

    every_page = set(pages)
    assert rendered_again(lambda: None) == set()
    assert rendered_again(rename_union) == {"story", "union", "other_union", "unions"}
    assert rendered_again(edit_topic) == every_page  # the header lists featured topics
    # The pages that print a story's strap and its printed page.
    with_straps_and_pages = {"front", "story", "topic", "union", "other_union", "epaper"}
    assert rendered_again(rename_column) == with_straps_and_pages
    assert rendered_again(report_figures) == {"front", "topic", "union", "other_union"}
    assert rendered_again(add_printed_page) == with_straps_and_pages
    stories = every_page - {"unions"}
    assert rendered_again(publish_another) == stories
    assert rendered_again(correct_published_story) == stories
    assert rendered_again(withdraw_story) == stories
    # What readers now see is the committed state.
    assert "更正后的第一段" not in client.get(pages["union"]).content.decode()
    assert client.get(pages["story"]).status_code == 410


def test_a_draft_edit_leaves_the_cache_alone(site, pages, django_capture_on_commit_callbacks):
    client = Client()
    for url in pages.values():
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article("草稿", status=ArticleStatus.DRAFT, unions=[site["district"]])
        draft.body = "改过的草稿。"
        draft.save()
    assert all(served_from_cache(client, url) for url in pages.values())


def test_only_committed_writes_touch_the_cache(site, pages, django_capture_on_commit_callbacks):
    client = Client()
    for url in pages.values():
        client.get(url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        union = Union.objects.get(pk=site["district"].pk)
        union.short_name = "未提交"
        union.save()
    # Not committed yet: readers are still served the cached pages.
    assert all(served_from_cache(client, url) for url in pages.values())
    for callback in callbacks:  # the commit
        callback()
    assert not served_from_cache(client, pages["union"])


def test_a_story_scheduled_a_minute_ahead_is_on_the_cached_front_page_at_its_minute(
    site, superuser, clock, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = make_article("一分钟后发布", status=ArticleStatus.REVIEW)
        services.schedule(
            scheduled, user=superuser, at=timezone.now() + datetime.timedelta(minutes=1)
        )
    assert "一分钟后发布" not in client.get("/").content.decode()
    clock.advance(seconds=59)
    assert served_from_cache(client, "/")  # kept until the story's minute
    clock.advance(seconds=1)  # its minute: nothing is run in between
    assert "一分钟后发布" in client.get("/").content.decode()


def test_a_page_is_kept_for_its_lifetime_and_not_a_second_longer(site, clock, settings):
    client = Client()
    client.get("/")
    clock.advance(seconds=settings.PAGE_CACHE_SECONDS - 1)
    assert served_from_cache(client, "/")
    clock.advance(seconds=1)
    assert not served_from_cache(client, "/")
    assert served_from_cache(client, "/")  # kept again


def test_editors_are_never_served_a_cached_page_nor_readers_an_editors(site, superuser):
    reader, editor = Client(), Client()
    editor.force_login(superuser)
    reader.get("/")  # cached for readers
    editor_page = editor.get("/")
    assert editor_page["Cache-Control"] == "private, no-store"
    assert "ETag" not in editor_page
    # The editor's visit stored nothing a reader could get.
    assert reader.get("/")["Cache-Control"].startswith("public")


def test_previews_and_admin_pages_are_not_cached(site):
    client = Client()
    for url in ("/admin/login/", "/healthz"):
        response = client.get(url)
        assert "ETag" not in response, url


def test_redis_stopped_mid_run_gives_uncached_200s_and_comes_back_by_itself(
    site, redis_cache, django_assert_num_queries
):
    servers, start = redis_cache
    client = Client()
    assert client.get("/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200  # from Redis

    servers[0].terminate()
    servers[0].wait(timeout=10)
    for _ in range(3):
        assert client.get("/").status_code == 200  # uncached, not a 500
        assert client.get(site["story"].get_absolute_url()).status_code == 200

    servers.append(start())  # Redis is back, empty
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200
