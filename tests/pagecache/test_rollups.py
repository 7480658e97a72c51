"""Roll-ups: a union's and a topic's figures and the header's topics, kept between
requests of pages the page cache does not hold, fresh after the writes that change them."""

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import ArticleStatus, Topic
from articles.pagecache import tags
from articles.public.figures import union_figures
from articles.workflow import services
from tests.factories import make_activity, make_article, make_topic, make_union
from tests.public.test_topics import TOPIC_QUERIES
from unions.models import Union, UnionLevel
from unions.services import save_union

pytestmark = [
    pytest.mark.django_db,
    # Pages rendered every time, their roll-ups kept: an uncached page (conftest.py).
    pytest.mark.parametrize("reader_cache", ["rollups"], indirect=True),
]


@pytest.fixture
def site(db):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    street = make_union("什刹海街道总工会", level=UnionLevel.STREET, parent=district)
    warmth = make_topic("送温暖", is_featured=True)
    activity = make_activity(union=street, beneficiaries=120)
    story = make_article("什刹海街道送温暖", unions=[street], topics=[warmth])
    activity.articles.add(story)
    return {"district": district, "street": street, "topic": warmth, "story": story}


def beneficiaries(client, url) -> str:
    html = client.get(url).content.decode()
    start = html.index("惠及职工")
    return html[start : start + 80]


def test_a_union_and_a_topic_page_skip_their_aggregates_on_the_second_request(
    site, django_assert_num_queries
):
    client = Client()
    for url, queries in (
        # topic, story page, sub-topics (nav topics and the four figure queries kept)
        (site["topic"].get_absolute_url(), TOPIC_QUERIES - 5),
        # the story page only (nav topics, figures, and the union with its ancestors,
        # sub-unions, officials and service sites kept: views.union_page_parts)
        (site["district"].get_absolute_url(), 1),
    ):
        client.get(url)
        with django_assert_num_queries(queries):
            assert "120" in beneficiaries(client, url), url


def test_publishing_a_story_that_reports_an_activity_updates_the_figures(
    site, superuser, django_capture_on_commit_callbacks
):
    client = Client()
    union_url, topic_url = site["district"].get_absolute_url(), site["topic"].get_absolute_url()
    assert "120" in beneficiaries(client, union_url)
    with django_capture_on_commit_callbacks(execute=True):
        activity = make_activity(union=site["street"], beneficiaries=1000)
        report = make_article("再次走访", status=ArticleStatus.REVIEW, topics=[site["topic"]])
        activity.articles.add(report)
    # Told only in a story under review: the figures stay as they were.
    assert "120" in beneficiaries(client, union_url)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(report, user=superuser)
    assert "1120" in beneficiaries(client, union_url)
    assert "1120" in beneficiaries(client, topic_url)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(report, user=superuser, comment="失实")
    assert "1120" not in beneficiaries(client, union_url)


def test_a_story_without_activities_leaves_the_figures_kept(
    site, superuser, django_capture_on_commit_callbacks, django_assert_num_queries
):
    union = site["district"]
    union_figures(union)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(make_article("别的新闻", status=ArticleStatus.REVIEW), user=superuser)
    with django_assert_num_queries(0):
        union_figures(union)


def test_editing_an_activity_or_moving_a_union_updates_the_figures(
    site, django_capture_on_commit_callbacks
):
    district, street = site["district"], site["street"]
    assert union_figures(district)["figures"]["beneficiaries"] == 120
    with django_capture_on_commit_callbacks(execute=True):
        street.activities.update(beneficiaries=150)  # no signal: an update() writes rows only
        activity = street.activities.get()
        activity.save()
    assert union_figures(district)["figures"]["beneficiaries"] == 150
    other = make_union("东城区总工会", level=UnionLevel.DISTRICT)
    with django_capture_on_commit_callbacks(execute=True):
        moved = Union.objects.get(pk=street.pk)
        moved.parent = other
        save_union(union=moved)
    assert union_figures(Union.objects.get(pk=district.pk))["figures"]["activities"] == 0
    assert union_figures(Union.objects.get(pk=other.pk))["figures"]["beneficiaries"] == 150


def test_filing_a_story_under_another_topic_moves_its_figures(
    site, django_capture_on_commit_callbacks
):
    client = Client()
    other = make_topic("关爱职工")
    assert "120" in beneficiaries(client, site["topic"].get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        site["story"].topics.set([other])
    assert "120" in beneficiaries(client, other.get_absolute_url())
    assert "惠及职工" not in client.get(site["topic"].get_absolute_url()).content.decode()


def test_renaming_a_featured_topic_shows_in_the_header(site, django_capture_on_commit_callbacks):
    client = Client()
    assert "送温暖" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        topic = Topic.objects.get(pk=site["topic"].pk)
        topic.name = "冬送温暖"
        topic.save()
    assert "冬送温暖" in client.get("/unions/").content.decode()


def test_figures_of_a_scheduled_report_count_at_its_minute_with_nothing_run(
    site, superuser, clock, django_capture_on_commit_callbacks, django_assert_num_queries
):
    union = site["district"]
    with django_capture_on_commit_callbacks(execute=True):
        activity = make_activity(union=site["street"], beneficiaries=1000)
        report = make_article("一分钟后发布", status=ArticleStatus.REVIEW)
        activity.articles.add(report)
        services.schedule(report, user=superuser, at=timezone.now() + datetime.timedelta(minutes=1))
    assert union_figures(union)["figures"]["beneficiaries"] == 120
    clock.advance(seconds=59)
    with django_assert_num_queries(0):  # kept until the report's minute
        assert union_figures(union)["figures"]["beneficiaries"] == 120
    clock.advance(seconds=1)  # its minute: nothing is run in between
    assert union_figures(union)["figures"]["beneficiaries"] == 1120


def test_a_roll_up_is_kept_for_its_lifetime_and_not_a_second_longer(
    site, clock, settings, django_assert_num_queries
):
    union = site["district"]
    union_figures(union)
    site["street"].activities.update(beneficiaries=150)  # no signal: nothing is told
    clock.advance(seconds=settings.ROLLUP_CACHE_SECONDS - 1)
    with django_assert_num_queries(0):
        assert union_figures(union)["figures"]["beneficiaries"] == 120
    clock.advance(seconds=1)
    assert union_figures(union)["figures"]["beneficiaries"] == 150


def test_a_cache_that_is_down_computes_the_figures(site, cache_down):
    assert union_figures(site["district"])["figures"]["beneficiaries"] == 120
    assert Client().get(site["district"].get_absolute_url()).status_code == 200


def test_a_union_page_shows_its_tree_officials_and_sites_fresh_and_a_publish_keeps_them(
    site, superuser, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from unions.models import Facility, FacilityKind, Official

    client = Client()
    district = site["district"]
    url = district.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(make_article("别的新闻", status=ArticleStatus.REVIEW), user=superuser)
    with django_assert_num_queries(1):  # the stories: the rest kept across the publish
        assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        Official.objects.create(union=district, name="王芳", post="工会主席")
    assert "工会主席 王芳" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Facility.objects.create(union=district, kind=FacilityKind.LIBRARY, name="西城区职工之家")
    assert "西城区职工之家" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        street = Union.objects.get(pk=site["street"].pk)
        street.name = "什刹海街道工会联合会"
        save_union(union=street)
    assert "什刹海街道工会联合会" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        union = Union.objects.get(pk=district.pk)
        union.description = "西城区总工会是全区职工之家。"
        save_union(union=union)
    assert "西城区总工会是全区职工之家。" in client.get(url).content.decode()
    street_page = client.get(site["street"].get_absolute_url()).content.decode()
    assert "什刹海街道工会联合会" in street_page and district.name in street_page  # ancestors


def test_a_new_sub_topic_of_a_featured_topic_brings_its_stories_into_the_block(
    site, django_capture_on_commit_callbacks
):
    client = Client()
    client.get("/")  # the featured topics and their sub-topics kept
    with django_capture_on_commit_callbacks(execute=True):
        relief = make_topic("困难职工帮扶", parent=site["topic"])
        make_article("帮扶困难职工子女就学", topics=[relief])

    response = client.get("/")
    blocks = {topic.pk: stories for topic, stories in response.context["topic_blocks"]}
    assert "帮扶困难职工子女就学" in [story.title for story in blocks[site["topic"].pk]]


def test_a_page_reads_the_versions_once_and_a_write_inside_is_seen(site):
    client = Client()
    url = site["district"].get_absolute_url()
    client.get(url)
    with mock.patch.object(tags, "_read", wraps=tags._read) as read:
        assert client.get(url).status_code == 200  # its figures, its tree, the header
        assert read.call_count == 1

        with tags.one_reading():
            first = tags.versions([tags.STORIES, tags.UNIONS])
            assert tags.versions([tags.FIGURES, tags.STORIES])["stories"] == first["stories"]
            assert read.call_count == 2
            tags.bump([tags.STORIES])
            assert tags.versions([tags.STORIES])["stories"] != first["stories"]
            assert read.call_count == 3
