"""Scheduling with no cron and no worker, withdrawal (撤稿, 410) and corrections (更正)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleKind, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Transition
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db


def public_urls(article, topic) -> list[str]:
    return [
        reverse("articles:front-page"),
        topic.get_absolute_url(),
        reverse("articles:latest-feed"),
        reverse("sitemap-section", args=["articles"]),
    ]


def test_a_scheduled_story_is_everywhere_once_its_minute_comes(newsroom, clock):
    topic = make_topic("送温暖", is_featured=True)
    article = make_article("定时发布的稿件", status=ArticleStatus.REVIEW, topics=[topic])
    services.schedule(
        article, user=newsroom["chief"], at=timezone.now() + datetime.timedelta(minutes=1)
    )
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 404
    link = article.get_absolute_url()
    for url in public_urls(article, topic):
        assert link not in reader.get(url).content.decode(), url
    clock.advance(minutes=1)  # nothing is run: the one rule reads the clock
    assert reader.get(article.get_absolute_url()).status_code == 200
    for url in public_urls(article, topic):
        assert link in reader.get(url).content.decode(), url


def test_each_transition_records_who_when_from_to_and_why(newsroom):
    article = make_article(status=ArticleStatus.DRAFT, created_by=newsroom["reporter"])
    services.submit(article, user=newsroom["reporter"], comment="请审")
    services.return_to_reporter(article, user=newsroom["editor"], comment="补充数字")
    services.submit(article, user=newsroom["reporter"])
    services.pass_on(article, user=newsroom["editor"], comment="数字已核")
    services.publish(article, user=newsroom["chief"])
    services.withdraw(article, user=newsroom["chief"], comment="数字有误")
    rows = list(
        Transition.objects.order_by("at", "id").values_list(
            "action", "from_status", "to_status", "user__username", "comment"
        )
    )
    assert rows == [
        ("submit", "draft", "review", "reporter", "请审"),
        ("return", "review", "returned", "editor", "补充数字"),
        ("submit", "returned", "review", "reporter", ""),
        ("pass", "review", "signoff", "editor", "数字已核"),
        ("publish", "signoff", "published", "chief_editor", ""),
        ("withdraw", "published", "withdrawn", "chief_editor", "数字有误"),
    ]


def test_services_refuse_what_the_user_may_not_do(newsroom):
    article = make_article(status=ArticleStatus.REVIEW, created_by=newsroom["reporter"])
    with pytest.raises(PermissionDenied):
        services.publish(article, user=newsroom["editor"])
    with pytest.raises(ValidationError):
        services.submit(article, user=newsroom["reporter"])  # already 待审
    with pytest.raises(ValidationError):
        services.schedule(article, user=newsroom["chief"], at=timezone.now())  # not ahead
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.REVIEW
    assert not Transition.objects.exists()


def test_unscheduling_takes_a_story_back_to_signoff(newsroom):
    article = make_article(status=ArticleStatus.REVIEW)
    services.schedule(
        article, user=newsroom["chief"], at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert services.allowed_actions(article, newsroom["chief"]) == ["unschedule"]
    services.unschedule(article, user=newsroom["chief"])
    article.refresh_from_db()
    assert (article.status, article.published_at) == (ArticleStatus.SIGNOFF, None)


def test_a_withdrawn_story_leaves_a_polite_410(newsroom):
    article = make_article("撤下的稿件")
    services.withdraw(article, user=newsroom["chief"], comment="失实")
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "这篇稿件已撤回" in html and "《撤下的稿件》" in html
    assert "失实" not in html  # the newsroom's reason stays in the newsroom
    assert Client().get(reverse("articles:article-short", args=[article.pk])).status_code == 410
    assert Client().get(reverse("articles:article-short", args=[99999])).status_code == 404


def test_a_correction_is_linked_both_ways_and_in_the_feed(newsroom):
    original = make_article("天桥街道送出1030份温暖礼包")
    correction = make_article(
        "更正：礼包数量应为1300份",
        kind=ArticleKind.CORRECTION,
        corrects=original,
        body="本报1月23日第3版报道中，礼包数量应为1300份，特此更正。",
        dateline="",
    )
    html = Client().get(original.get_absolute_url()).content.decode()
    assert 'class="correction-notice"' in html
    assert "礼包数量应为1300份" in html and correction.get_absolute_url() in html
    corrected = Client().get(correction.get_absolute_url()).content.decode()
    assert original.get_absolute_url() in corrected
    feed = Client().get(reverse("articles:latest-feed")).content.decode()
    assert "更正：礼包数量应为1300份" in feed and "天桥街道送出1030份温暖礼包" in feed


def test_a_draft_correction_is_not_shown_on_the_original(newsroom):
    original = make_article("原稿")
    make_article(
        "更正草稿", kind=ArticleKind.CORRECTION, corrects=original, status=ArticleStatus.DRAFT
    )
    html = Client().get(original.get_absolute_url()).content.decode()
    assert "correction-notice" not in html and "更正草稿" not in html
