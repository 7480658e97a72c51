"""`/api/v1/epaper/…`: editions newest first, an edition's pages with their image and PDF,
a page's published stories in print order with their zones on the page image."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import PageZone
from tests.api.conftest import JAN_23, add_full_story
from tests.factories import make_article, make_print_page

pytestmark = pytest.mark.django_db

EDITIONS = reverse("api:epaper-list")


def edition_url(day) -> str:
    return reverse("api:epaper-edition", kwargs={"date": day.isoformat()})


def page_url(day, number) -> str:
    return reverse("api:epaper-page", kwargs={"date": day.isoformat(), "number": number})


@pytest.fixture
def api():
    return Client()


def test_the_editions_readers_can_open_newest_first(api, newsroom):
    earlier = datetime.date(2024, 1, 20)
    make_article("往期报道", print_page=make_print_page(earlier, 2, name="综合"), print_order=1)
    body = api.get(EDITIONS).json()
    assert body["results"] == [
        {
            "date": "2024-01-23",
            "pages": [
                {"number": 1, "name": "要闻", "url": "http://testserver/epaper/2024-01-23/1/"},
                {"number": 3, "name": "工会新闻", "url": "http://testserver/epaper/2024-01-23/3/"},
            ],
        },
        {
            "date": "2024-01-20",
            "pages": [
                {"number": 2, "name": "综合", "url": "http://testserver/epaper/2024-01-20/2/"}
            ],
        },
    ]
    # Tomorrow's edition, laid out with a story scheduled for the morning, is not there.
    assert "2024-01-24" not in str(body)


def test_editions_come_by_cursor(api, newsroom, django_assert_num_queries):
    days = [JAN_23 - datetime.timedelta(days=n) for n in range(1, 8)]
    for n, day in enumerate(days):
        make_article(f"往期{n}", print_page=make_print_page(day, 1), print_order=1)
    seen, url = [], EDITIONS + "?page_size=3"
    while url:
        with django_assert_num_queries(2):  # the days, their pages
            body = api.get(url).json()
        seen += [edition["date"] for edition in body["results"]]
        url = body["next"]
    assert seen == [day.isoformat() for day in [JAN_23, *days]]


def test_an_edition_lists_its_pages_with_image_and_pdf(api, newsroom):
    body = api.get(edition_url(JAN_23)).json()
    assert body["date"] == "2024-01-23"
    front, news = body["pages"]
    assert front == {
        "edition_date": "2024-01-23",
        "number": 1,
        "name": "要闻",
        "banner": "寒冬送暖",
        "url": "http://testserver/epaper/2024-01-23/1/",
        "image": None,
        "pdf": None,
    }
    manifest = newsroom.news_page.file.renditions
    assert news["pdf"] == "http://testserver" + newsroom.news_page.file.pdf.url
    assert news["image"]["width"], news["image"]["height"] == manifest["size"]
    assert news["image"]["renditions"]["avif"] == [
        {
            "width": w,
            "height": h,
            "url": f"http://testserver/media/photos/r/{manifest['key']}/{w}w.avif",
        }
        for w, h in manifest["widths"]
    ]


def test_a_page_lists_its_published_stories_in_print_order_with_their_zones(api, newsroom):
    body = api.get(page_url(JAN_23, 3)).json()
    assert body["page"]["number"] == 3 and body["page"]["name"] == "工会新闻"
    stories = body["stories"]
    # Copy in review and a withdrawn story stand on this page too: not listed.
    assert [s["id"] for s in stories] == [newsroom.photo_report.pk, newsroom.brief.pk]
    assert [s["print_order"] for s in stories] == [1, 2]
    assert stories[0]["zones"] == [{"x0": 0.05, "y0": 0.1, "x1": 0.5, "y1": 0.4}]
    assert stories[1]["zones"] == [{"x0": 0.5, "y0": 0.1, "x1": 0.95, "y1": 0.3}]
    assert stories[0]["byline"] == "本报记者 周美玉 摄影报道"
    assert len(stories[0]["photos"]) == 2


def test_a_page_without_its_image_has_no_zones_to_draw(api, newsroom):
    PageZone.objects.create(
        print_page=newsroom.front_page, article=newsroom.lead, x0=0, y0=0, x1=1, y1=0.5
    )
    body = api.get(page_url(JAN_23, 1)).json()
    assert body["page"]["image"] is None
    assert [(s["id"], s["zones"]) for s in body["stories"]] == [(newsroom.lead.pk, [])]


def test_fields_on_a_page(api, newsroom):
    body = api.get(page_url(JAN_23, 3), {"fields": "id,title,zones"}).json()
    assert all(set(story) == {"id", "title", "zones"} for story in body["stories"])
    assert "page" in body
    refused = api.get(page_url(JAN_23, 3), {"fields": "id,internal_note"})
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("没有这些字段：internal_note。")


def test_a_page_costs_the_same_queries_for_two_stories_or_twenty(
    api, newsroom, django_assert_num_queries
):
    api.get(page_url(JAN_23, 3))  # taggit's content type, read once per process
    # The page with its file; the stories; credits, photos, unions, topics, tags; zones.
    with django_assert_num_queries(8):
        api.get(page_url(JAN_23, 3))
    for n in range(18):
        story = add_full_story(newsroom, n)
        PageZone.objects.create(
            print_page=newsroom.news_page, article=story, x0=0, y0=0.9, x1=0.1, y1=1
        )
    with django_assert_num_queries(8):
        body = api.get(page_url(JAN_23, 3)).json()
    assert len(body["stories"]) == 20


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/epaper/2024-01-22/", "这一天没有出版的数字报。"),
        ("/api/v1/epaper/2024-01-24/", "这一天没有出版的数字报。"),  # scheduled only
        ("/api/v1/epaper/2024-13-45/", "这一天没有出版的数字报。"),
        ("/api/v1/epaper/yesterday/", "这一天没有出版的数字报。"),
        ("/api/v1/epaper/0001-01-01/", "这一天没有出版的数字报。"),
        ("/api/v1/epaper/2024-01-23/2/", "没有这一版。"),
        ("/api/v1/epaper/2024-01-23/0/", "没有这一版。"),
        ("/api/v1/epaper/2024-01-23/三/", "没有这一版。"),
        ("/api/v1/epaper/2024-01-23/99999999999999999999/", "没有这一版。"),
        ("/api/v1/epaper/2024-01-24/1/", "没有这一版。"),
        ("/api/v1/epaper/2024-02-30/1/", "没有这一版。"),
    ],
)
def test_an_address_naming_no_edition_or_page_is_a_json_404(api, newsroom, url, message):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": message}


def test_a_bad_cursor_is_a_400(api, newsroom):
    response = api.get(EDITIONS, {"cursor": "cD0yMDI0LTEzLTQ1"})  # p=2024-13-45
    assert response.status_code == 400
    assert response.json()["detail"].startswith("参数 cursor 无效")
