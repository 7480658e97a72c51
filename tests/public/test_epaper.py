"""The e-paper (数字报): latest edition, an edition's pages, a page, back issues."""

import datetime

import pytest
from django.utils import timezone

from articles.models import ArticleKind, ArticleStatus
from tests.factories import CreditRole, make_article, make_column, make_print_page

pytestmark = pytest.mark.django_db

JAN_22 = datetime.date(2024, 1, 22)
JAN_23 = datetime.date(2024, 1, 23)
JAN_24 = datetime.date(2024, 1, 24)

# nav topics, the edition's pages with the previous and next edition, their stories.
EDITION_QUERIES = 3
# nav topics, the edition's pages (the page among them, each with its PDF and image
# joined) with the previous and next edition, its stories, their credits.
PAGE_QUERIES = 4
# A page imported from its PDF adds one: its stories' zones on the page image
# (tests/public/test_epaper_image.py).
PAGE_WITH_IMAGE_QUERIES = PAGE_QUERIES + 1


def print_stories(day: datetime.date, number: int, titles: list[str], **fields):
    page = make_print_page(day, number, name=fields.pop("name", "工会新闻"), **fields)
    for order, title in enumerate(titles, start=1):
        make_article(title, print_page=page, print_order=order)
    return page


def test_latest_shows_the_newest_public_edition(client):
    print_stories(JAN_22, 1, ["一月二十二日头版"])
    print_stories(JAN_23, 3, ["怀柔区总工会打造工作格局"])
    tomorrow = make_print_page(JAN_24, 1)
    make_article(
        "明天的头条", print_page=tomorrow, published_at=timezone.now() + datetime.timedelta(hours=8)
    )

    response = client.get("/epaper/")

    assert response.status_code == 200
    assert response.context["edition_date"] == JAN_23
    html = response.content.decode()
    assert "2024年1月23日" in html and "怀柔区总工会打造工作格局" in html
    assert "明天的头条" not in html
    assert '<link rel="canonical" href="http://testserver/epaper/2024-01-23/">' in html


def test_an_edition_lists_its_pages_with_stories_in_print_order(client):
    print_stories(JAN_23, 3, ["第三版一", "第三版二"], banner="深入学习贯彻党的二十大精神")
    print_stories(JAN_23, 1, ["头版一"])
    print_stories(JAN_22, 1, ["上一期"])

    response = client.get("/epaper/2024-01-23/")

    assert [p.number for p in response.context["pages"]] == [1, 3]
    assert [s.title for s in response.context["pages"][1].stories] == ["第三版一", "第三版二"]
    html = response.content.decode()
    assert "第3版 工会新闻" in html and "深入学习贯彻党的二十大精神" in html
    assert response.context["previous_edition"] == JAN_22
    assert response.context["next_edition"] is None
    assert 'href="/epaper/2024-01-22/"' in html


def test_a_page_shows_banner_straps_and_stories_with_neighbours(client):
    print_stories(JAN_23, 1, ["头版一"])
    page = make_print_page(JAN_23, 3, name="工会新闻", banner="奋力开拓首都工会工作新局面")
    strap = make_column("寒冬送暖 工会行动")
    make_article("昌平区总工会启动“两节”送温暖活动", print_page=page, print_order=1, column=strap)
    make_article(
        "“娘家人”送来暖心慰问",
        kind=ArticleKind.PHOTO,
        dateline="",
        print_page=page,
        print_order=2,
        column=strap,
        credits=[(CreditRole.PHOTOGRAPHER, "周美玉")],
    )
    make_article("草稿不见报", status=ArticleStatus.DRAFT, print_page=page, print_order=3)
    print_stories(JAN_23, 4, ["第四版"])
    print_stories(JAN_24, 1, ["下一期"])

    response = client.get("/epaper/2024-01-23/3/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>第3版 工会新闻</h1>" in html
    assert "奋力开拓首都工会工作新局面" in html
    assert html.count("寒冬送暖 工会行动") == 1  # one strap over its run of stories
    assert "本报记者 周美玉 摄影报道" in html
    assert "草稿不见报" not in html
    assert response.context["previous_page"].number == 1
    assert response.context["next_page"].number == 4
    assert response.context["next_edition"] == JAN_24


def test_back_issues_show_a_calendar_of_editions(client):
    print_stories(JAN_23, 1, ["一"])
    print_stories(datetime.date(2023, 12, 30), 1, ["二"])

    response = client.get("/epaper/back-issues/")

    assert response.context["year"] == 2024
    assert response.context["years"] == [2024, 2023]
    html = response.content.decode()
    assert 'href="/epaper/2024-01-23/"' in html and "2024年1月" in html
    older = client.get("/epaper/back-issues/2023/").content.decode()
    assert 'href="/epaper/2023-12-30/"' in older


def test_an_empty_e_paper_renders(client):
    assert "数字报尚未出版" in client.get("/epaper/").content.decode()
    assert "数字报尚未出版" in client.get("/epaper/back-issues/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/epaper/2024-13-45/",
        "/epaper/2024-02-30/",
        "/epaper/2024-13-45/3/",
        "/epaper/2024-1-23/",
        "/epaper/2025-01-01/",
        "/epaper/2024-01-23/99/",
        "/epaper/2024-01-24/1/",  # laid out, not yet public
        "/epaper/back-issues/1999/",
        "/epaper/back-issues/99999999999/",
    ],
)
def test_bad_dates_and_unknown_pages_are_404s(client, url):
    print_stories(JAN_23, 3, ["一"])
    tomorrow = make_print_page(JAN_24, 1)
    make_article("明天", print_page=tomorrow, published_at=timezone.now() + datetime.timedelta(1))

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("stories", [1, 15])
def test_edition_and_page_query_counts_do_not_grow(client, django_assert_num_queries, stories):
    for number in range(1, stories + 1):
        print_stories(JAN_23, number, [f"{number}版{n}" for n in range(stories)])
    print_stories(JAN_22, 1, ["上一期"])
    print_stories(JAN_24, 1, ["下一期"])
    client.get("/epaper/2024-01-23/")

    with django_assert_num_queries(EDITION_QUERIES):
        assert client.get("/epaper/2024-01-23/").status_code == 200
    with django_assert_num_queries(EDITION_QUERIES + 1):  # + finding the latest edition
        assert client.get("/epaper/").status_code == 200
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get("/epaper/2024-01-23/1/").status_code == 200
    with django_assert_num_queries(3):  # nav topics, years, days of the year
        assert client.get("/epaper/back-issues/").status_code == 200
