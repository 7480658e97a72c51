"""RSS feeds (latest, per topic, per union), sitemap.xml and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import ArticleStatus
from tests.factories import CreditRole, make_article, make_print_page, make_topic, make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

# The stories and their credits (for the author), plus the topic or union looked up.
LATEST_FEED_QUERIES = 2
OBJECT_FEED_QUERIES = 3


def feed_titles(response) -> list[str]:
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's output
    return [item.findtext("title") for item in root.iter("item")]


def test_the_latest_feed_carries_published_stories_newest_first(client):
    make_article("较早", published_at=timezone.now() - datetime.timedelta(days=2))
    make_article(
        "较新",
        kicker="寒冬送暖",
        body="近日，天桥街道总工会送出温暖礼包。",
        credits=[(CreditRole.REPORTER, "陈曦")],
    )
    make_article("草稿", status=ArticleStatus.DRAFT)
    make_article("定时", published_at=timezone.now() + datetime.timedelta(hours=1))

    response = client.get("/feeds/latest/")

    assert feed_titles(response) == ["较新", "较早"]
    xml = response.content.decode()
    assert "近日，天桥街道总工会送出温暖礼包。" in xml
    assert "本报讯（记者 陈曦）" in xml


def test_an_item_title_is_the_title_alone_without_kicker_or_subtitle(client):
    make_article(
        "西城区天桥街道总工会为职工送出“温暖礼包”",
        kicker="寒冬送暖",
        subtitle="“希望职工不仅感受新意更能够感受到心意”",
        body="近日，天桥街道总工会送出温暖礼包。\n## 精心准备\n此次活动准备了1030份礼包。",
    )

    response = client.get("/feeds/latest/")

    assert feed_titles(response) == ["西城区天桥街道总工会为职工送出“温暖礼包”"]
    # The description is the summary (the opening paragraph), no crosshead mark in it.
    assert "##" not in response.content.decode()


def test_the_topic_feed_includes_sub_topics(client):
    learning = make_topic("学习型组织", slug="xue-xi-xing-zu-zhi")
    library = make_topic("职工书屋", parent=learning)
    make_article("职工书屋稿件", topics=[library])
    make_article("其他稿件")

    response = client.get("/topics/xue-xi-xing-zu-zhi/feed/")

    assert feed_titles(response) == ["职工书屋稿件"]
    assert client.get("/topics/nothing/feed/").status_code == 404


def test_the_union_feed_rolls_up_the_unions_below(client):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    street = make_union("西城区天桥街道总工会", level=UnionLevel.STREET, parent=district)
    make_article("天桥稿件", unions=[street])
    make_article("区总稿件", unions=[district])
    make_article("别区稿件", unions=[make_union("昌平区总工会", level=UnionLevel.DISTRICT)])

    assert sorted(feed_titles(client.get(f"{district.get_absolute_url()}feed/"))) == [
        "区总稿件",
        "天桥稿件",
    ]
    assert feed_titles(client.get(f"{street.get_absolute_url()}feed/")) == ["天桥稿件"]
    assert client.get("/unions/nothing/feed/").status_code == 404


@pytest.mark.parametrize("stories", [1, 15])
def test_feed_query_counts_do_not_grow(client, django_assert_num_queries, stories):
    topic = make_topic("送温暖", slug="song-wen-nuan")
    union = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    for n in range(stories):
        make_article(
            f"稿件{n}", topics=[topic], unions=[union], credits=[(CreditRole.REPORTER, f"记者{n}")]
        )

    with django_assert_num_queries(LATEST_FEED_QUERIES):
        assert client.get("/feeds/latest/").status_code == 200
    with django_assert_num_queries(OBJECT_FEED_QUERIES):
        assert client.get("/topics/song-wen-nuan/feed/").status_code == 200
    with django_assert_num_queries(OBJECT_FEED_QUERIES):
        assert client.get(f"{union.get_absolute_url()}feed/").status_code == 200


def sitemap_locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's output
    return [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_the_sitemap_lists_public_pages_only(client):
    story = make_article("公开稿件", print_page=make_print_page(datetime.date(2024, 1, 23), 3))
    draft = make_article("草稿", status=ArticleStatus.DRAFT)
    scheduled = make_article(
        "定时",
        published_at=timezone.now() + datetime.timedelta(hours=1),
        print_page=make_print_page(datetime.date(2024, 1, 24), 1),
    )
    union = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    topic = make_topic("送温暖", slug="song-wen-nuan")
    story.topics.add(topic)
    draft_only = make_topic("草稿专题", slug="cao-gao-zhuan-ti")
    draft.topics.add(draft_only)

    sections = sitemap_locations(client, "/sitemap.xml")
    locations = [loc for section in sections for loc in sitemap_locations(client, section)]

    assert f"http://testserver{story.get_absolute_url()}" in locations
    assert f"http://testserver{union.get_absolute_url()}" in locations
    assert f"http://testserver{topic.get_absolute_url()}" in locations
    assert "http://testserver/epaper/2024-01-23/3/" in locations
    assert "http://testserver/" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
    assert f"http://testserver{scheduled.get_absolute_url()}" not in locations
    assert "http://testserver/epaper/2024-01-24/1/" not in locations
    assert f"http://testserver{draft_only.get_absolute_url()}" not in locations


@pytest.mark.parametrize("url", ["/sitemap-nothing.xml", "/sitemap-articles.xml?p=abc"])
def test_bad_sitemap_requests_are_404s(client, url):
    make_article("公开稿件")

    assert client.get(url).status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize("stories", [1, 15])
def test_sitemap_query_counts_do_not_grow(client, django_assert_num_queries, stories):
    for n in range(stories):
        make_article(f"稿件{n}", print_page=make_print_page(datetime.date(2024, 1, 1 + n), 1))
        make_union(f"工会{n}")

    with django_assert_num_queries(2):  # stories counted for the paginator, one page of them
        assert client.get("/sitemap-articles.xml").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/sitemap-epaper.xml").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/sitemap-unions.xml").status_code == 200
