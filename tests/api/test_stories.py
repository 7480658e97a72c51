"""`/api/v1/stories/` and `/api/v1/stories/<id>/`: published stories only, every filter,
cursors stable while stories are published, sparse fields, the story as its page shows
it, 410 for a withdrawn story, and a constant number of queries."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.api.params import start_of
from articles.models import Article, ArticleStatus
from articles.public.views import withdrawal_of as page_withdrawal
from tests.api.conftest import JAN_23, add_full_story
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LIST = reverse("api:story-list")


def detail_url(story) -> str:
    return reverse("api:story-detail", kwargs={"pk": story.pk})


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content.decode()
    return [story["id"] for story in response.json()["results"]]


def newest_first(stories) -> list[int]:
    return [s.pk for s in sorted(stories, key=lambda s: (s.published_at, s.pk), reverse=True)]


@pytest.fixture
def api():
    return Client()


# --- The list ----------------------------------------------------------------------------


def test_the_list_holds_the_published_stories_newest_first(api, newsroom):
    response = api.get(LIST)
    assert response["Content-Type"] == "application/json"
    assert ids(response) == newest_first(newsroom.public)
    assert response.json()["next"] is None and response.json()["previous"] is None


def test_a_listed_story_carries_what_a_reader_sees_before_opening_it(api, newsroom):
    [lead] = [s for s in api.get(LIST).json()["results"] if s["id"] == newsroom.lead.pk]
    assert lead == {
        "id": newsroom.lead.pk,
        "url": f"http://testserver{newsroom.lead.get_absolute_url()}",
        "kicker": "情系职工 温暖同行",
        "title": "西城区总工会开展两节送温暖活动",
        "subtitle": "走访慰问一线职工1030人次",
        "kind": "news",
        "kind_name": "消息",
        "column": {"id": newsroom.column.pk, "name": "寒冬送暖 工会行动"},
        # The printed byline: the editor is not printed.
        "byline": "本报讯（记者 边磊 通讯员 蔡洪玉）",
        "summary": "西城区总工会近日走访慰问一线职工。",
        "published_at": timezone.localtime(newsroom.lead.published_at)
        .replace(microsecond=0)
        .isoformat(),
        "print_page": {
            "edition_date": "2024-01-23",
            "number": 1,
            "name": "要闻",
            "url": "http://testserver/epaper/2024-01-23/1/",
        },
        "photos": [],
        "unions": [{"id": newsroom.street.pk, "name": "天桥街道总工会"}],
        "topics": [{"id": newsroom.warmth.pk, "slug": newsroom.warmth.slug, "name": "送温暖"}],
        "tags": lead["tags"],
    }
    assert sorted(tag["name"] for tag in lead["tags"]) == ["一线职工", "送温暖"]
    assert all(tag["slug"] == tag["name"] for tag in lead["tags"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", lead["published_at"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # The topic's sub-topics included, as the topic page lists them.
        (lambda r: {"topic": r.warmth.slug}, lambda r: [r.lead, r.photo_report]),
        (lambda r: {"topic": r.relief.slug}, lambda r: [r.photo_report]),
        (lambda r: {"column": r.column.pk}, lambda r: [r.lead]),
        # A union's subtree: the district takes in its street.
        (
            lambda r: {"union": r.district.pk},
            lambda r: [r.lead, r.photo_report, r.corrected],
        ),
        (lambda r: {"union": r.street.pk}, lambda r: [r.lead, r.photo_report]),
        (lambda r: {"union": r.city.pk}, lambda r: [r.lead, r.photo_report, r.brief, r.corrected]),
        (lambda r: {"tag": "一线职工"}, lambda r: [r.lead]),
        (lambda r: {"kind": "photo"}, lambda r: [r.photo_report]),
        (lambda r: {"kind": "correction"}, lambda r: [r.correction, r.correction_of_withdrawn]),
        (lambda r: {"edition": "2024-01-23"}, lambda r: [r.lead, r.photo_report, r.brief]),
        (lambda r: {"edition": "2024-01-23", "page": "3"}, lambda r: [r.photo_report, r.brief]),
        (lambda r: {"edition": "2024-01-22"}, lambda r: []),
        (
            lambda r: {"union": r.district.pk, "kind": "news", "topic": r.warmth.slug},
            lambda r: [r.lead],
        ),
    ],
)
def test_each_filter_finds_its_stories(api, newsroom, params, expected):
    assert ids(api.get(LIST, params(newsroom))) == newest_first(expected(newsroom))


def test_dates_are_days_in_beijing_time_both_ends_included(api, newsroom):
    day = datetime.date(2024, 1, 22)
    start = start_of(day)
    at = {
        "before": start - datetime.timedelta(seconds=1),  # 23:59:59 on the 21st
        "first": start,  # 00:00 on the 22nd (16:00 UTC on the 21st)
        "last": start + datetime.timedelta(hours=23, minutes=59),
        "after": start + datetime.timedelta(days=1),
    }
    stories = {
        name: make_article(f"日期{name}", published_at=moment) for name, moment in at.items()
    }
    on_the_day = {"published_after": "2024-01-22", "published_before": "2024-01-22"}
    assert ids(api.get(LIST, on_the_day)) == [stories["last"].pk, stories["first"].pk]
    from_the_day = ids(api.get(LIST, {"published_after": "2024-01-22"}))
    assert stories["before"].pk not in from_the_day and stories["after"].pk in from_the_day
    up_to_the_day = ids(api.get(LIST, {"published_before": "2024-01-22"}))
    assert up_to_the_day == [stories["last"].pk, stories["first"].pk, stories["before"].pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"topic": "no-such-topic"}, "没有这个专题：no-such-topic。"),
        # Only drafts are filed under it: refused exactly like a topic that never was.
        (
            {"topic": "shang-wei-gong-kai-de-zhuan-ti"},
            "没有这个专题：shang-wei-gong-kai-de-zhuan-ti。",
        ),
        ({"column": "99999"}, "没有这个栏目：99999。"),
        ({"column": "寒冬送暖"}, "参数 column 应为编号（数字），收到“寒冬送暖”。"),
        ({"union": "99999"}, "没有这个工会：99999。"),
        ({"union": "xicheng"}, "参数 union 应为编号（数字），收到“xicheng”。"),
        ({"union": "99999999999999999999"}, "参数 union 应为编号（数字）"),
        ({"union": "٣"}, "参数 union 应为编号（数字）"),
        ({"tag": "尚未公开的标签"}, "没有这个标签：尚未公开的标签。"),
        ({"tag": "从未有过"}, "没有这个标签：从未有过。"),
        ({"kind": "opinion"}, "参数 kind 应为以下之一：news（消息）、photo（图片报道）"),
        ({"published_after": "2024-13-01"}, "参数 published_after 应为 1900—2999 年间的日期"),
        ({"published_before": "yesterday"}, "参数 published_before 应为"),
        ({"published_after": "20240123"}, "格式为 YYYY-MM-DD，收到“20240123”。"),
        ({"published_after": "0001-01-01"}, "参数 published_after 应为"),
        ({"published_before": "9999-12-31"}, "参数 published_before 应为"),
        ({"edition": "2024-02-30"}, "参数 edition 应为"),
        ({"page": "3"}, "参数 page（版次）须与 edition（出版日期）一起使用。"),
        ({"edition": "2024-01-23", "page": "三"}, "参数 page 应为 1 到 32767 之间的整数"),
        ({"edition": "2024-01-23", "page": "0"}, "参数 page 应为 1 到 32767 之间的整数"),
        ({"edition": "2024-01-23", "page": "9" * 1999}, "参数 page 应为 1 到 32767 之间的整数"),
        ({"page_size": "0"}, "参数 page_size 应为 1 到 100 之间的整数，收到“0”。"),
        ({"page_size": "101"}, "参数 page_size 应为 1 到 100 之间的整数"),
        ({"page_size": "ten"}, "参数 page_size 应为 1 到 100 之间的整数"),
        ({"cursor": "not-a-cursor"}, "参数 cursor 无效"),
        ({"fields": "id,title,body,status"}, "没有这些字段：body、status。可用的字段：id、url"),
    ],
)
def test_a_bad_parameter_is_a_400_with_a_chinese_message_naming_it(api, newsroom, params, message):
    response = api.get(LIST, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["detail"]


def test_empty_parameters_are_no_parameters_and_unknown_ones_are_left_alone(api, newsroom):
    everything = ids(api.get(LIST))
    assert ids(api.get(LIST, {"topic": "", "union": "", "fields": "", "_": "1700000000"})) == (
        everything
    )


# --- Cursors ---------------------------------------------------------------------------


def walk(api, params) -> list[int]:
    """Every story, page by page, following `next`."""
    seen, url = [], LIST
    response = api.get(url, params)
    while True:
        seen += ids(response)
        url = response.json()["next"]
        if url is None:
            return seen
        response = api.get(url)


def test_the_cursor_walks_every_story_once_in_order(api, newsroom):
    # A whole edition is often scheduled for one minute: ties are broken by id.
    same_time = timezone.now() - datetime.timedelta(minutes=10)
    tied = [make_article(f"同一时间{n}", published_at=same_time) for n in range(7)]
    expected = newest_first([*newsroom.public, *tied])
    assert walk(api, {"page_size": "2"}) == expected
    assert walk(api, {"page_size": "3"}) == expected


def test_previous_goes_back_to_the_same_page(api, newsroom):
    first = api.get(LIST, {"page_size": "2"})
    second = api.get(first.json()["next"])
    back = api.get(second.json()["previous"])
    assert ids(back) == ids(first)
    assert first.json()["next"].startswith("http://testserver/api/v1/stories/?")


def test_a_story_published_meanwhile_moves_nothing_onto_the_next_page(api, newsroom):
    first = api.get(LIST, {"page_size": "3"})
    make_article("刚刚发布的稿件")
    second = api.get(first.json()["next"])
    assert ids(first) + ids(second) == newest_first(newsroom.public)[:6]


def test_a_scheduled_story_is_listed_from_its_time_on(api, newsroom, clock):
    scheduled = newsroom.hidden["scheduled"]
    assert scheduled.pk not in ids(api.get(LIST))
    clock.now = scheduled.published_at
    assert ids(api.get(LIST))[0] == scheduled.pk


# --- Sparse fields ---------------------------------------------------------------------


def test_fields_prints_only_the_fields_asked_for(api, newsroom):
    response = api.get(LIST, {"fields": "id,title,photos"})
    stories = response.json()["results"]
    assert all(set(story) == {"id", "title", "photos"} for story in stories)
    [report] = [s for s in stories if s["id"] == newsroom.photo_report.pk]
    assert len(report["photos"]) == 2


def test_fields_not_asked_for_are_not_loaded(api, newsroom, django_assert_num_queries):
    api.get(LIST)  # taggit's content type, read once per process
    with django_assert_num_queries(1):
        api.get(LIST, {"fields": "id,title,kicker,subtitle,published_at,url,column,print_page"})


# --- The story -------------------------------------------------------------------------


def test_a_story_as_its_page_shows_it(api, newsroom):
    story = api.get(detail_url(newsroom.lead)).json()
    assert story["id"] == newsroom.lead.pk
    assert (story["kicker"], story["title"], story["subtitle"]) == (
        "情系职工 温暖同行",
        "西城区总工会开展两节送温暖活动",
        "走访慰问一线职工1030人次",
    )
    assert story["byline"] == "本报讯（记者 边磊 通讯员 蔡洪玉）"
    assert story["dateline"] == "本报讯"
    assert story["lead"] == "西城区总工会近日走访慰问一线职工。"
    assert story["paragraphs"] == [
        {"type": "paragraph", "text": "区总工会走访慰问一线职工。"},
        {"type": "crosshead", "text": "精准帮扶"},
        {"type": "paragraph", "text": "为困难职工送去慰问金。"},
    ]
    assert story["corrections"] == [] and story["corrects"] is None
    assert story["url"] == "http://testserver" + newsroom.lead.get_absolute_url()


def test_a_photo_carries_its_caption_credit_alt_text_focal_point_and_renditions(api, newsroom):
    story = api.get(detail_url(newsroom.photo_report)).json()
    first, second = story["photos"]
    manifest = newsroom.photo_report.photos.get(order=0).renditions
    key = manifest["key"]
    assert first["caption"] == "工会干部为环卫工人送上慰问品。"
    assert first["credit"] == "周美玉 摄"
    assert first["alt_text"] == "两名工会干部把棉衣递给环卫工人"
    assert first["focal_point"] == {"x": 30, "y": 40}
    assert first["og_image"] == f"http://testserver/media/photos/r/{key}/og-30-40.jpg"
    # The widest JPEG up to 640 px, as the page's <img src>.
    assert first["src"] == f"http://testserver/media/photos/r/{key}/480w.jpg"
    assert set(first["renditions"]) == {"avif", "webp", "jpg"}
    assert first["renditions"]["webp"] == [
        {"width": w, "height": h, "url": f"http://testserver/media/photos/r/{key}/{w}w.webp"}
        for w, h in manifest["widths"]
    ]
    # No alt text of its own: the caption, as the page's <img alt>.
    assert second["alt_text"] == "环卫工人试穿棉衣。"


def test_every_rendition_url_names_a_stored_file(api, newsroom, settings):
    story = api.get(detail_url(newsroom.photo_report)).json()
    media = settings.MEDIA_ROOT
    for photo in story["photos"]:
        for rendition in [r for format_ in photo["renditions"].values() for r in format_]:
            name = rendition["url"].removeprefix("http://testserver/media/")
            assert (media / name).is_file(), name


def test_a_photo_without_renditions_falls_back_to_its_stored_picture(api, newsroom):
    photo = newsroom.photo_report.photos.get(order=1)
    photo.renditions = {}
    photo.save()
    second = api.get(detail_url(newsroom.photo_report)).json()["photos"][1]
    assert second["src"] == "http://testserver" + photo.image.url
    assert second["og_image"] is None
    assert second["renditions"] == {"avif": [], "webp": [], "jpg": []}


def test_a_corrected_story_lists_its_corrections_and_a_correction_names_what_it_corrects(
    api, newsroom
):
    corrected = api.get(detail_url(newsroom.corrected)).json()
    assert corrected["corrections"] == [
        {
            "id": newsroom.correction.pk,
            "url": "http://testserver" + newsroom.correction.get_absolute_url(),
            "kind": "correction",
            "kind_name": "更正",
            "title": "更正",
            "summary": "本报1月22日报道中参赛人数应为300人。",
            "published_at": api.get(detail_url(newsroom.correction)).json()["published_at"],
        }
    ]
    correction = api.get(detail_url(newsroom.correction)).json()
    assert correction["corrects"]["id"] == newsroom.corrected.pk
    assert correction["corrects"]["title"] == "西城区举办职工技能大赛"


def test_a_correction_of_a_story_readers_cannot_see_names_nothing(api, newsroom):
    correction = api.get(detail_url(newsroom.correction_of_withdrawn)).json()
    assert correction["corrects"] is None


def test_an_unpublished_correction_is_not_listed_on_the_story(api, newsroom):
    make_article("更正草稿", status=ArticleStatus.DRAFT, corrects=newsroom.corrected)
    corrected = api.get(detail_url(newsroom.corrected)).json()
    assert [c["id"] for c in corrected["corrections"]] == [newsroom.correction.pk]


def test_a_scheduled_correction_is_listed_on_the_story_from_its_time_on(api, newsroom, clock):
    later = make_article(
        "更正（定时）",
        kind="correction",
        corrects=newsroom.corrected,
        published_at=clock.now + datetime.timedelta(hours=1),
    )
    listed = api.get(detail_url(newsroom.corrected)).json()["corrections"]
    assert [c["id"] for c in listed] == [newsroom.correction.pk]
    clock.advance(hours=2)
    listed = api.get(detail_url(newsroom.corrected)).json()["corrections"]
    assert [c["id"] for c in listed] == [newsroom.correction.pk, later.pk]


def test_fields_on_the_story(api, newsroom):
    response = api.get(detail_url(newsroom.lead), {"fields": "title,paragraphs"})
    assert set(response.json()) == {"title", "paragraphs"}
    refused = api.get(detail_url(newsroom.lead), {"fields": "title,revisions"})
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("没有这些字段：revisions。")


def test_a_withdrawn_story_answers_410_as_its_page_does(api, newsroom):
    response = api.get(detail_url(newsroom.withdrawn))
    assert response.status_code == 410
    body = response.json()
    page = page_withdrawal(newsroom.withdrawn.pk)
    assert body == {
        "detail": "这篇稿件已撤回，不再在本网刊出。",
        "title": page["title"],
        "withdrawn_at": timezone.localtime(page["withdrawn_at"]).replace(microsecond=0).isoformat(),
    }
    assert Client().get(newsroom.withdrawn.get_absolute_url()).status_code == 410


@pytest.mark.parametrize(
    "state", ["draft", "returned", "review", "signoff", "declined", "scheduled"]
)
def test_copy_readers_cannot_see_is_not_there(api, newsroom, state):
    response = api.get(detail_url(newsroom.hidden[state]))
    assert response.status_code == 404
    assert response.json() == {"detail": "没有这篇稿件。"}


@pytest.mark.parametrize("pk", ["abc", "0", "-1", "1.0", "٣", "99999999999999999999", "9" * 5000])
def test_an_id_that_names_no_story_is_a_json_404(api, newsroom, pk):
    response = api.get(f"{LIST}{pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "没有这篇稿件。"}


# --- Queries ---------------------------------------------------------------------------

# The stories; their credits with contributors, photos, unions, topics, tags.
LIST_QUERIES = 6
# The same, and the story's published corrections (and for a correction, the story it
# corrects: `CORRECTION_QUERIES`).
DETAIL_QUERIES = 7
CORRECTION_QUERIES = DETAIL_QUERIES + 1


def test_the_list_costs_the_same_queries_for_one_story_or_many(
    api, newsroom, django_assert_num_queries
):
    api.get(LIST)  # taggit's content type, read once per process
    filters = {"union": newsroom.city.pk, "topic": newsroom.learning.slug}
    with django_assert_num_queries(LIST_QUERIES + 2):  # + the topic and the union looked up
        few = api.get(LIST, filters)
    assert len(ids(few)) == 1
    for n in range(12):
        add_full_story(newsroom, n)
    with django_assert_num_queries(LIST_QUERIES + 2):
        many = api.get(LIST, filters)
    assert len(ids(many)) == 13
    with django_assert_num_queries(LIST_QUERIES):
        full_page = api.get(LIST, {"page_size": "20"})
    assert len(ids(full_page)) == 18


def test_a_story_costs_the_same_queries_whatever_it_prints(
    api, newsroom, django_assert_num_queries
):
    api.get(LIST)
    with django_assert_num_queries(DETAIL_QUERIES):
        api.get(detail_url(newsroom.brief))
    story = add_full_story(newsroom, 1)
    for n in range(5):
        make_article(f"更正{n}", kind="correction", corrects=story)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = api.get(detail_url(story))
    assert len(response.json()["corrections"]) == 5
    assert Article.objects.filter(corrects=story).count() == 5
    correction = Article.objects.filter(corrects=story).first()
    with django_assert_num_queries(CORRECTION_QUERIES):
        response = api.get(detail_url(correction))
    assert response.json()["corrects"]["id"] == story.pk


def test_an_edition_day_in_the_filter_is_the_printed_date(api, newsroom):
    # The edition date is a date, not a moment: no time zone applies.
    assert newsroom.front_page.edition_date == JAN_23
    assert ids(api.get(LIST, {"edition": JAN_23.isoformat(), "page": "1"})) == [newsroom.lead.pk]
