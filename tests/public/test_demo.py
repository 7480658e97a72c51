"""Every public page with the demo content: the real page of 2024-01-23, page 3."""

import pytest

from articles.demo.loader import load_demo
from articles.models import Article, Column, Topic
from unions.models import Union

# Each test loads the whole demo content (~0.7 s).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PRINT_ORDER = [
    "以大抓基层为导向健全服务职工工作体系",
    "昌平区总工会启动“两节”送温暖活动",
    "建工一建工会以职工书屋为平台打造学习型企业",
    "“娘家人”送来暖心慰问",
    "西城区天桥街道总工会为职工送出“温暖礼包”",
    "平谷滨河街道北小区社区工会开展亲子活动",
]


@pytest.fixture
def demo():
    load_demo()


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_front_page_leads_with_the_pages_top_story(client, demo):
    response = client.get("/")

    assert [s.title for s in response.context["leads"]] == [PRINT_ORDER[0]]
    blocks = {topic.slug: stories for topic, stories in response.context["topic_blocks"]}
    assert {s.title for s in blocks["song-wen-nuan"]} == {
        PRINT_ORDER[1],
        PRINT_ORDER[3],
        PRINT_ORDER[4],
    }
    assert [s.title for s in blocks["xue-xi-xing-zu-zhi"]] == [PRINT_ORDER[2]]
    assert [s.title for s in response.context["photo_reports"]] == [PRINT_ORDER[3]]
    page = response.content.decode()
    assert "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局" in page
    assert "寒冬送暖 工会行动" in page


def test_the_warmth_page_adds_up_the_winter_of_2023(client, demo):
    response = client.get("/topics/song-wen-nuan/")

    page = response.content.decode()
    assert "冬季 · 2023年12月至2024年2月" in page
    assert response.context["figures"]["unions_reached"] == 4
    assert "温暖礼包（含焖泡壶） <strong>1030份</strong>" in page
    assert "米、面、油等" in page
    assert response.context["active_unions"][0]["union__name"] == "昌平区总工会"


def test_the_learning_page_counts_the_library_books(client, demo):
    page = html(client, "/topics/xue-xi-xing-zu-zhi/")

    assert PRINT_ORDER[2] in page
    assert "图书 <strong>70余册</strong>" in page
    assert "职工书屋" in page and "学习型企业" in page and "学习型班组" in page


def test_every_story_prints_with_its_byline(client, demo):
    bylines = {
        PRINT_ORDER[0]: "本报讯（记者 崔欣）",
        PRINT_ORDER[2]: "本报讯（记者 边磊 通讯员 蔡洪玉）",
        PRINT_ORDER[3]: "本报记者 周美玉 摄影报道",
        PRINT_ORDER[4]: "本报讯（记者 陈曦）",
    }
    for story in Article.objects.all():
        page = html(client, story.get_absolute_url())
        assert story.title in page
        assert "2024年1月23日 第3版 工会新闻" in page
        if story.title in bylines:
            assert bylines[story.title] in page


def test_union_pages_roll_up_the_tree(client, demo):
    huairou = html(client, Union.objects.get(name="怀柔区总工会").get_absolute_url())
    pinggu = html(client, Union.objects.get(name="平谷区总工会").get_absolute_url())
    city = html(client, Union.objects.get(name="北京市总工会").get_absolute_url())

    assert PRINT_ORDER[0] in huairou
    assert "樊晓娟" in huairou
    assert PRINT_ORDER[5] in pinggu  # told about a community union two levels down
    for title in PRINT_ORDER:
        assert title in city


def test_the_e_paper_prints_the_page_in_order(client, demo):
    edition = client.get("/epaper/")
    stories = [s.title for s in edition.context["pages"][0].stories]
    page = html(client, "/epaper/2024-01-23/3/")

    assert stories == PRINT_ORDER
    positions = [page.index(title) for title in PRINT_ORDER]
    assert positions == sorted(positions)
    assert "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面" in page


def test_archive_feeds_straps_and_sitemap_carry_the_six_reports(client, demo):
    month = html(client, "/archive/2024/01/")
    feed = html(client, "/feeds/latest/")
    warmth_feed = html(client, "/topics/song-wen-nuan/feed/")
    sitemap = html(client, "/sitemap-articles.xml")

    for title in PRINT_ORDER:
        assert title in month and title in feed
    assert PRINT_ORDER[4] in warmth_feed and PRINT_ORDER[0] not in warmth_feed
    assert sitemap.count("<url>") == 6
    for column in Column.objects.all():
        html(client, column.get_absolute_url())
    # Every topic with a story, and the featured ones; the rest have no public page.
    public = set(Topic.objects.public())
    assert {t.name for t in Topic.objects.exclude(pk__in=[t.pk for t in public])} == {
        "学习型班组",
        "维权",
        "劳模工匠",
    }
    for topic in public:
        html(client, topic.get_absolute_url())
    for topic in Topic.objects.exclude(pk__in=[t.pk for t in public]):
        assert client.get(topic.get_absolute_url()).status_code == 404
