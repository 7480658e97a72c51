"""The front page: leads, latest reports, featured topic blocks, photo reports, straps."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleKind, ArticleStatus
from tests.factories import (
    CreditRole,
    make_article,
    make_column,
    make_print_page,
    make_topic,
    make_union,
)
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

# nav topics, the newest stories (the leads among them), photo reports, the photos of the
# leads and photo reports, featured topics, their sub-topics, one list per featured topic
# (2), running straps, latest e-paper page. One more (the leads) when the newest stories
# do not hold three page tops: test_leads_older_than_the_newest_stories_still_lead.
FRONT_PAGE_QUERIES = 10


def fill_front_page(stories: int) -> None:
    union = make_union("西城区天桥街道总工会", level=UnionLevel.STREET)
    warmth = make_topic("送温暖", slug="song-wen-nuan", is_featured=True)
    learning = make_topic("学习型组织", slug="xue-xi-xing-zu-zhi", is_featured=True, order=1)
    library = make_topic("职工书屋", slug="zhi-gong-shu-wu", parent=learning)
    column = make_column("寒冬送暖 工会行动")
    for n in range(stories):
        page = make_print_page(number=n + 1)
        for order, kind in enumerate([ArticleKind.NEWS, ArticleKind.PHOTO], start=1):
            make_article(
                f"第{n + 1}版稿件{order}",
                kind=kind,
                print_page=page,
                print_order=order,
                column=column,
                unions=[union],
                topics=[warmth, library],
                credits=[(CreditRole.REPORTER, "陈曦")],
            )


def test_it_shows_leads_topics_photo_reports_and_straps(client):
    fill_front_page(2)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert [s.title for s in response.context["leads"]] == ["第2版稿件1", "第1版稿件1"]
    assert "要闻" in html
    assert "送温暖" in html and "学习型组织" in html and "职工书屋" in html
    assert "图片报道" in html and "第1版稿件2" in html
    assert "寒冬送暖 工会行动" in html
    assert "阅读本期数字报" in html


def test_the_learning_block_includes_its_sub_topics_stories(client):
    learning = make_topic("学习型组织", slug="xue-xi-xing-zu-zhi", is_featured=True)
    library = make_topic("职工书屋", slug="zhi-gong-shu-wu", parent=learning)
    make_article("建工一建工会以职工书屋为平台打造学习型企业", topics=[library])

    response = client.get("/")

    blocks = dict(response.context["topic_blocks"])
    assert [s.title for s in blocks[learning]] == ["建工一建工会以职工书屋为平台打造学习型企业"]


def test_it_never_shows_drafts_or_scheduled_stories(client):
    topic = make_topic("送温暖", is_featured=True)
    page = make_print_page()
    make_article("草稿稿件", status=ArticleStatus.DRAFT, topics=[topic], print_page=page)
    make_article(
        "定时稿件",
        published_at=timezone.now() + datetime.timedelta(hours=2),
        topics=[topic],
        kind=ArticleKind.PHOTO,
        print_page=page,
        print_order=1,
    )

    html = client.get("/").content.decode()

    assert "草稿稿件" not in html
    assert "定时稿件" not in html
    # The page carries only unpublished stories: the e-paper teaser does not offer it.
    assert "阅读本期数字报" not in html


def test_an_empty_site_still_renders(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "暂无已发布的报道" in response.content.decode()


@pytest.mark.parametrize("pages", [1, 15])
def test_its_query_count_does_not_grow_with_the_stories(client, django_assert_num_queries, pages):
    fill_front_page(pages)
    client.get("/")  # warm the content-type cache taggit and the templates use

    with django_assert_num_queries(FRONT_PAGE_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


def test_leads_older_than_the_newest_stories_still_lead(client, django_assert_num_queries):
    # Three page tops printed yesterday, then more web-only stories than the front page
    # lists: the leads are not among the newest, and are found by their own query.
    make_topic("送温暖", slug="song-wen-nuan", is_featured=True)
    make_topic("学习型组织", slug="xue-xi-xing-zu-zhi", is_featured=True, order=1)
    now = timezone.now()
    tops = [
        make_article(
            f"头条{n}",
            print_page=make_print_page(number=n),
            print_order=1,
            published_at=now - datetime.timedelta(days=1, minutes=n),
        )
        for n in (1, 2, 3)
    ]
    for n in range(20):
        make_article(f"网络稿件{n}", published_at=now - datetime.timedelta(minutes=n))
    client.get("/")

    with django_assert_num_queries(FRONT_PAGE_QUERIES + 1):
        response = client.get("/")

    assert response.context["leads"] == tops
    latest = [story.title for story in response.context["latest"]]
    assert latest == [f"网络稿件{n}" for n in range(10)]


def test_leads_among_the_newest_stories_are_the_newest_page_tops(client):
    fill_front_page(15)  # 30 stories: the 13 newest hold more than three page tops

    response = client.get("/")

    leads = [story.title for story in response.context["leads"]]
    assert leads == ["第15版稿件1", "第14版稿件1", "第13版稿件1"]
    latest = [story.title for story in response.context["latest"]]
    assert latest[:3] == ["第15版稿件2", "第14版稿件2", "第13版稿件2"]
    assert len(latest) == 10 and not set(leads) & set(latest)


def make_correction(original, *, title="更正", kind=ArticleKind.CORRECTION, **fields):
    """A published correction (更正) of `original`, newer than anything else."""
    return make_article(
        title,
        kind=kind,
        corrects=original,
        dateline="",
        body=f"本报报道《{original.title}》中的数字有误，特此更正。",
        published_at=fields.pop("published_at", timezone.now() - datetime.timedelta(minutes=1)),
        **fields,
    )


def test_a_correction_never_leads_the_front_page_or_its_latest_list(client):
    warmth = make_topic("送温暖", slug="song-wen-nuan", is_featured=True)
    original = make_article(
        "天桥街道送出1030份温暖礼包",
        print_page=make_print_page(number=3),
        print_order=1,
        topics=[warmth],
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    # Printed at the top of a page and filed under the featured topic, as an editor might.
    correction = make_correction(
        original, print_page=make_print_page(number=2), print_order=1, topics=[warmth]
    )
    # Linked without the kind, or of the kind without the link: either makes a correction.
    make_correction(original, title="说明", kind=ArticleKind.NEWS)
    make_article("更正启事", kind=ArticleKind.CORRECTION, dateline="")

    response = client.get("/")

    assert response.context["leads"] == [original]
    assert response.context["latest"] == []
    assert dict(response.context["topic_blocks"])[warmth] == [original]
    html = response.content.decode()
    assert correction.get_absolute_url() not in html
    assert "更正" not in html and "说明" not in html
    # Still reachable: as the notice on the story it corrects, and in the archive.
    story = client.get(original.get_absolute_url()).content.decode()
    assert 'class="correction-notice"' in story and correction.get_absolute_url() in story
    month = timezone.localtime(correction.published_at)
    archive = client.get(reverse("articles:archive-month", args=[month.year, f"{month:%m}"]))
    assert correction.get_absolute_url() in archive.content.decode()


@pytest.mark.parametrize("corrections", [1, 15])
def test_corrections_leave_its_query_count_flat(client, django_assert_num_queries, corrections):
    # Newer than every story: were they fetched and dropped in Python, the window would
    # hold no page top and the leads would take their own query (one more).
    fill_front_page(15)
    original = make_article("原稿", published_at=timezone.now() - datetime.timedelta(days=2))
    for n in range(corrections):
        make_correction(
            original,
            title=f"更正{n}",
            print_page=make_print_page(number=20 + n),
            print_order=1,
            published_at=timezone.now() - datetime.timedelta(seconds=n + 1),
        )
    client.get("/")

    with django_assert_num_queries(FRONT_PAGE_QUERIES):
        response = client.get("/")

    assert [s.title for s in response.context["leads"]] == [
        "第15版稿件1",
        "第14版稿件1",
        "第13版稿件1",
    ]
    assert not any(s.title.startswith("更正") for s in response.context["latest"])
