import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.demo.loader import load_demo
from articles.models import Article, ArticleStatus, Topic
from articles.search import query as search_query
from articles.search.views import SearchView
from tests.factories import make_article, make_column, make_print_page, make_topic, make_union

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


def titles(response) -> list[str]:
    return [story.title for story in response.context["page"].stories]


def test_the_demo_finds_the_three_warmth_reports_for_wen_nuan(client):
    load_demo()
    warmth = Topic.objects.get(name="送温暖")
    expected = set(Article.objects.published().in_topic(warmth).values_list("title", flat=True))
    assert len(expected) == 3

    response = client.get(URL, {"q": "温暖"})

    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert response.context["count"] == 3
    assert "<mark>温暖</mark>" in response.content.decode()


def test_the_demo_finds_the_workers_library_story_for_shu_wu(client):
    load_demo()
    response = client.get(URL, {"q": "书屋"})
    assert titles(response) == ["建工一建工会以职工书屋为平台打造学习型企业"]


def test_no_draft_scheduled_or_withdrawn_story_ever_appears(client, reindex):
    make_article("温暖的已发布稿件")
    make_article("温暖的草稿", status=ArticleStatus.DRAFT)
    make_article("温暖的待审稿", status=ArticleStatus.REVIEW)
    make_article("温暖的撤稿", status=ArticleStatus.WITHDRAWN)
    make_article("温暖的定时稿", published_at=timezone.now() + datetime.timedelta(hours=2))
    reindex()
    assert titles(client.get(URL, {"q": "温暖"})) == ["温暖的已发布稿件"]


def test_headline_matches_come_first_then_newer_before_older(client, reindex):
    now = timezone.now()
    make_article("正文提到", body="关于托管的消息", published_at=now - datetime.timedelta(hours=1))
    make_article("暑期托管开班", published_at=now - datetime.timedelta(days=3))
    make_article("托管班结业", published_at=now - datetime.timedelta(days=2))
    reindex()
    assert titles(client.get(URL, {"q": "托管"})) == ["托管班结业", "暑期托管开班", "正文提到"]
    by_date = client.get(URL, {"q": "托管", "sort": "date"})
    assert titles(by_date) == ["正文提到", "托管班结业", "暑期托管开班"]


def test_a_story_containing_markup_stays_text(client, reindex):
    make_article("<script>alert(1)</script>温暖", body="<b>温暖</b><script>x()</script>")
    reindex()
    html = client.get(URL, {"q": "温暖"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>温暖</mark>" in html
    assert "&lt;b&gt;<mark>温暖</mark>&lt;/b&gt;" in html


def test_each_hit_shows_its_date_and_page(client, reindex):
    make_article(
        "职工书屋开放",
        print_page=make_print_page(number=3),
        print_order=1,
        published_at=timezone.make_aware(datetime.datetime(2024, 1, 23, 6)),
    )
    reindex()
    html = client.get(URL, {"q": "书屋"}).content.decode()
    assert "2024年1月23日" in html
    assert "第3版" in html
    assert "找到 1 篇报道" in html


def test_filters_by_topic_union_subtree_kind_and_dates(client, reindex):
    district = make_union("朝阳区总工会", level="district")
    street = make_union("望京街道总工会", level="street", parent=district)
    other = make_union("海淀区总工会", level="district")
    learning = make_topic("学习型组织")
    library = make_topic("职工书屋", parent=learning)
    old = timezone.now() - datetime.timedelta(days=400)
    make_article("望京书屋", unions=[street], topics=[library])
    make_article("海淀书屋", unions=[other], kind="photo")
    make_article("去年的书屋", published_at=old)
    reindex()

    assert titles(client.get(URL, {"q": "书屋", "union": district.slug})) == ["望京书屋"]
    assert titles(client.get(URL, {"q": "书屋", "topic": learning.slug})) == ["望京书屋"]
    assert titles(client.get(URL, {"q": "书屋", "kind": "photo"})) == ["海淀书屋"]
    end = (timezone.localdate() - datetime.timedelta(days=300)).isoformat()
    assert titles(client.get(URL, {"q": "书屋", "end": end})) == ["去年的书屋"]
    start = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert set(titles(client.get(URL, {"q": "书屋", "start": start}))) == {"望京书屋", "海淀书屋"}


def test_pages_follow_one_another_without_repeating_a_story(client, reindex):
    for n in range(25):
        make_article(
            f"标题{n}", body="托管", published_at=timezone.now() - datetime.timedelta(hours=n)
        )
    for n in range(20):
        make_article(f"托管{n}", published_at=timezone.now() - datetime.timedelta(hours=n))
    reindex()
    seen = []
    for number in (1, 2, 3):
        response = client.get(URL, {"q": "托管", "page": number})
        seen += titles(response)
    assert len(seen) == len(set(seen)) == 45
    assert seen[:20] == [f"托管{n}" for n in range(20)]
    assert (
        'href="?q=%E6%89%98%E7%AE%A1&amp;page=2"' in client.get(URL, {"q": "托管"}).content.decode()
    )


def test_no_results_is_a_polite_page_suggesting_the_topics(client, reindex):
    make_topic("送温暖", is_featured=True)
    make_topic("只有草稿的专题")
    response = client.get(URL, {"q": "火星"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有找到与“火星”相关的报道" in html
    assert "送温暖" in html
    assert "只有草稿的专题" not in html


def test_a_page_past_the_last_one_says_so_and_links_to_the_first(client, reindex):
    make_article("工会送温暖")
    reindex()
    html = client.get(URL, {"q": "温暖", "page": 7}).content.decode()
    assert "这一页已经没有结果了，共找到 1 篇报道" in html
    assert 'href="?q=%E6%B8%A9%E6%9A%96">回到第一页' in html
    assert "没有找到" not in html


def test_the_results_page_is_noindex(client):
    response = client.get(URL, {"q": "工会"})
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex' in response.content.decode()


@pytest.mark.parametrize("hits", [1, 50])
def test_query_count_stays_flat_from_one_to_fifty_hits(
    client, reindex, django_assert_num_queries, hits
):
    page, column = make_print_page(), make_column()
    for n in range(hits):
        make_article(
            f"报道{n}", body="送温暖到一线", print_page=page, print_order=n + 1, column=column
        )
    reindex()
    # The union choices, the newest stories (the window), which of them hold the term,
    # the page's stories, the topic choices and the nav topics. The window holds every
    # story here, so it gives the count too: nothing is counted.
    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "温暖"})
    assert len(titles(response)) == min(hits, 20)


@pytest.mark.parametrize("hits", [30, 50])
def test_query_count_stays_flat_when_the_hits_are_listed_by_the_index(
    client, reindex, django_assert_num_queries, monkeypatch, hits
):
    # A window smaller than the archive, as at 100k stories: its first quarter holds too
    # few hits for a page, so the index lists them.
    monkeypatch.setattr(search_query, "WINDOW", 8)
    for n in range(hits):
        make_article(f"报道{n}", body="送温暖到一线")
    reindex()
    # The union choices, the newest 2 stories, which of them hold the term, the headline
    # hits in the index (none: nothing to order), the other hits in the index, those put
    # in order by date (which counts them), the page's stories, the topic choices and the
    # nav topics.
    with django_assert_num_queries(9):
        response = client.get(URL, {"q": "温暖"})
    assert len(titles(response)) == 20
    assert response.context["count"] == hits


@pytest.mark.parametrize(
    "query",
    [
        "，。！？",
        "😀🎉",
        "\x00",
        "工会\x00温暖",
        "\x07\x1b[31m",
        "工" * 500,
        "a b c d e f g h i j k l m n",
        '"',
        '"""',
        "' OR 1=1 --",
        "温:* & !",
        "NEAR(工会 温暖)",
        "\\",
        "",
        " ",
    ],
)
def test_bad_input_never_errors(client, reindex, query):
    make_article("工会送温暖")
    reindex()
    response = client.get(URL, {"q": query, "page": "abc", "union": "nope", "start": "2024-13-45"})
    # The safety middleware may refuse control characters with a 400 before the view.
    assert response.status_code in (200, 400)
    # The view itself answers every one of them.
    request = RequestFactory().get(URL, {"q": query, "page": "99999999999999999999"})
    assert SearchView.as_view()(request).status_code == 200


def test_bytes_that_are_not_utf8_never_error(client):
    assert client.get(URL + "?q=%ED%A0%80%FF%00").status_code in (200, 400)


def test_the_header_carries_the_search_box_and_the_opensearch_link(client):
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert f'action="{URL}"' in html
    assert 'rel="search" type="application/opensearchdescription+xml"' in html
    xml = client.get(reverse("search:opensearch"))
    assert xml["Content-Type"] == "application/opensearchdescription+xml"
    assert "http://testserver/search/?q={searchTerms}" in xml.content.decode()
