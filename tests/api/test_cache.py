"""The content API behind the readers' page cache: kept, revalidated with ETags, fresh on
the next request after a committed publish or withdrawal, a scheduled story on time."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticleStatus
from articles.workflow import services
from tests.api.conftest import JAN_23
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LIST = reverse("api:story-list")


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The cache as production keeps it (tests/settings.py turns it off)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROLLUP_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def cached_urls(room) -> list[str]:
    return [
        LIST,
        f"{LIST}?topic={room.warmth.slug}&fields=id,title",
        reverse("api:story-detail", kwargs={"pk": room.lead.pk}),
        reverse("api:union-list"),
        reverse("api:union-detail", kwargs={"pk": room.district.pk}),
        reverse("api:topic-list"),
        reverse("api:epaper-list"),
        reverse("api:epaper-edition", kwargs={"date": JAN_23.isoformat()}),
        reverse("api:epaper-page", kwargs={"date": JAN_23.isoformat(), "number": 3}),
    ]


def served_from_cache(client, url) -> bool:
    """An answer given without a single query came from the cache."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries) == 0


def test_every_endpoint_is_kept_and_revalidated_with_its_etag(newsroom):
    client = Client()
    for url in cached_urls(newsroom):
        first = client.get(url)
        assert first.status_code == 200, url
        assert "max-age=0" in first["Cache-Control"], url
        assert served_from_cache(client, url), url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b"", url
        assert client.get(url).content == first.content, url


def test_search_is_not_kept_as_the_sites_search_is_not(newsroom):
    client = Client()
    url = reverse("api:search") + "?q=送温暖"
    client.get(url)
    assert not served_from_cache(client, url)


def test_errors_are_not_kept(newsroom):
    client = Client()
    for url in (f"{LIST}?topic=no-such-topic", reverse("api:story-detail", kwargs={"pk": "abc"})):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code in (400, 404)
            assert not response.has_header("ETag"), url


def test_a_publish_is_in_the_next_answer(newsroom, superuser, django_capture_on_commit_callbacks):
    client = Client()
    before = client.get(LIST).json()["results"]
    assert served_from_cache(client, LIST)
    story = make_article("昌平区总工会启动两节送温暖", status=ArticleStatus.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(story, user=superuser)
    after = client.get(LIST).json()["results"]
    assert [s["id"] for s in after] == [story.pk] + [s["id"] for s in before]


def test_a_withdrawal_is_in_the_next_answer(
    newsroom, superuser, django_capture_on_commit_callbacks
):
    client = Client()
    detail = reverse("api:story-detail", kwargs={"pk": newsroom.brief.pk})
    assert client.get(detail).status_code == 200
    assert newsroom.brief.pk in [s["id"] for s in client.get(LIST).json()["results"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(newsroom.brief, user=superuser, comment="事实有误")
    assert client.get(detail).status_code == 410
    assert newsroom.brief.pk not in [s["id"] for s in client.get(LIST).json()["results"]]


def test_a_scheduled_story_is_in_the_kept_list_at_its_time(newsroom, clock):
    client = Client()
    scheduled = newsroom.hidden["scheduled"]
    assert scheduled.pk not in [s["id"] for s in client.get(LIST).json()["results"]]
    clock.now = scheduled.published_at
    assert client.get(LIST).json()["results"][0]["id"] == scheduled.pk
