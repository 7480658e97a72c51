"""One visibility rule: `Article.is_public` (one row in memory) agrees with
`ArticleQuerySet.published()` (the database), `is_scheduled` with `scheduled()`,
`is_signed_off` with `signed_off()`, and the admin's status column follows them."""

import datetime

import pytest
from django.contrib import admin
from django.utils import timezone

from articles.admin import ArticleAdmin
from articles.models import Article, ArticleStatus
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def stories():
    now = timezone.now()
    return {
        "draft": make_article(status=ArticleStatus.DRAFT),
        "draft_with_past_time": make_article(status=ArticleStatus.DRAFT, published_at=now - HOUR),
        "review": make_article(status=ArticleStatus.REVIEW, published_at=now - HOUR),
        "scheduled": make_article(status=ArticleStatus.PUBLISHED, published_at=now + HOUR),
        "published": make_article(status=ArticleStatus.PUBLISHED, published_at=now - HOUR),
        "withdrawn": make_article(status=ArticleStatus.WITHDRAWN, published_at=now - HOUR),
    }


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_is_public_agrees_with_published_for_every_state(stories):
    public_pks = pks(Article.objects.published())
    for name, story in stories.items():
        assert story.is_public == (story.pk in public_pks), name
    assert public_pks == {stories["published"].pk}


def test_is_scheduled_agrees_with_scheduled_for_every_state(stories):
    scheduled_pks = pks(Article.objects.scheduled())
    for name, story in stories.items():
        assert story.is_scheduled == (story.pk in scheduled_pks), name
    assert scheduled_pks == {stories["scheduled"].pk}


def test_is_signed_off_agrees_with_signed_off_for_every_state(stories):
    signed_off_pks = pks(Article.objects.signed_off())
    for name, story in stories.items():
        assert story.is_signed_off == (story.pk in signed_off_pks), name
    assert signed_off_pks == {stories[name].pk for name in ("scheduled", "published", "withdrawn")}


def test_at_any_time_a_published_story_is_public_or_scheduled_never_both(stories):
    published = pks(Article.objects.filter(status=ArticleStatus.PUBLISHED))
    for now in (
        timezone.now() - 2 * HOUR,
        stories["scheduled"].published_at,
        timezone.now() + 2 * HOUR,
    ):
        public, scheduled = pks(Article.objects.published(now)), pks(Article.objects.scheduled(now))
        assert public | scheduled == published and not public & scheduled, now


def test_the_rows_read_the_same_clock_as_the_queries(stories, clock):
    scheduled = stories["scheduled"]
    clock.advance(hours=1)  # its time
    assert scheduled.is_public and not scheduled.is_scheduled
    assert pks(Article.objects.published()) == {stories["published"].pk, scheduled.pk}
    assert not Article.objects.scheduled().exists()


def test_a_scheduled_story_is_not_public_until_its_time(stories):
    scheduled = stories["scheduled"]
    assert not scheduled.is_public
    scheduled.published_at = timezone.now() - datetime.timedelta(seconds=1)
    scheduled.save()
    assert scheduled.is_public
    assert Article.objects.published().filter(pk=scheduled.pk).exists()


def test_the_admin_status_column_follows_the_rule(stories):
    column = ArticleAdmin(Article, admin.site).status_column
    assert column(stories["scheduled"]) == "定时发布"
    assert column(stories["published"]) == "已发布"
    assert column(stories["draft"]) == "草稿"
    assert column(stories["review"]) == "待审"


def test_the_admin_status_column_asks_is_public(stories, monkeypatch):
    # The column must not keep a clock comparison of its own: with the rule saying
    # "public", a story with a future time is no longer shown as scheduled.
    monkeypatch.setattr(Article, "is_public", property(lambda self: True))
    column = ArticleAdmin(Article, admin.site).status_column
    assert column(stories["scheduled"]) == "已发布"
