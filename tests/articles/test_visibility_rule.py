"""One visibility rule: `Article.is_public` (one row in memory) agrees with
`ArticleQuerySet.published()` (the database), and the admin's status column follows it."""

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
    }


def test_is_public_agrees_with_published_for_every_state(stories):
    public_pks = set(Article.objects.published().values_list("pk", flat=True))
    for name, story in stories.items():
        assert story.is_public == (story.pk in public_pks), name
    assert public_pks == {stories["published"].pk}


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
