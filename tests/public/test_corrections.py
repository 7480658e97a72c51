"""Corrections (更正, 说明) on the readers' site: the section pages list reports, and a
correction stays reachable through the story it corrects and the complete record."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleKind
from tests.factories import make_article, make_column, make_topic, make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected():
    """A story filed everywhere, and a newer correction filed in the same places."""
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    street = make_union("西城区天桥街道总工会", level=UnionLevel.STREET, parent=district)
    topic = make_topic("送温暖", slug="song-wen-nuan")
    strap = make_column("寒冬送暖 工会行动")
    filed = {"topics": [topic], "unions": [street], "column": strap}
    original = make_article(
        "天桥街道送出1030份温暖礼包",
        published_at=timezone.now() - datetime.timedelta(days=1),
        **filed,
    )
    other = make_article(
        "昌平区总工会启动“两节”送温暖活动",
        published_at=timezone.now() - datetime.timedelta(days=2),
        **filed,
    )
    correction = make_article(
        "更正",
        kind=ArticleKind.CORRECTION,
        corrects=original,
        dateline="",
        body="本报1月23日报道中，礼包数量应为1300份，特此更正。",
        **filed,
    )
    for story in (original, other, correction):
        story.tags.add("温暖礼包")
    return {
        "original": original,
        "other": other,
        "correction": correction,
        "district": district,
        "topic": topic,
        "strap": strap,
    }


def section_pages(corrected) -> list[str]:
    return [
        corrected["topic"].get_absolute_url(),
        corrected["strap"].get_absolute_url(),
        reverse("articles:tag-detail", args=["温暖礼包"]),
        corrected["district"].get_absolute_url(),
    ]


def test_section_pages_list_reports_without_the_correction(client, corrected):
    for url in section_pages(corrected):
        response = client.get(url)
        assert [s.title for s in response.context["stories"]] == [
            "天桥街道送出1030份温暖礼包",
            "昌平区总工会启动“两节”送温暖活动",
        ], url


def test_a_story_relates_to_reports_not_to_another_storys_correction(client, corrected):
    response = client.get(corrected["other"].get_absolute_url())

    assert [s.title for s in response.context["related"]] == ["天桥街道送出1030份温暖礼包"]


def test_the_correction_stays_reachable(client, corrected):
    correction, original = corrected["correction"], corrected["original"]

    story = client.get(original.get_absolute_url()).content.decode()
    assert 'class="correction-notice"' in story and correction.get_absolute_url() in story
    own_page = client.get(correction.get_absolute_url())
    assert own_page.status_code == 200
    assert original.get_absolute_url() in own_page.content.decode()
    month = timezone.localtime(correction.published_at)
    archive = client.get(reverse("articles:archive-month", args=[month.year, f"{month:%m}"]))
    assert correction in archive.context["stories"]
    # A feed is the whole record in order, not a page that leads: its subscribers who read
    # the story there learn of its correction there too.
    feed = client.get(reverse("articles:latest-feed")).content.decode()
    assert correction.get_absolute_url() in feed
