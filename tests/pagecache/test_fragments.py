"""Story-list entries kept between requests (articles/pagecache/fragments.py): the same
markup as rendered anew, and a story whose entry would print differently is never shown
with its old one."""

import datetime

import pytest
from django.utils import timezone

from articles.models import ArticleKind
from tests.factories import make_article, make_column, make_print_page, make_topic

pytestmark = [
    pytest.mark.django_db,
    # Pages rendered every time, their list entries kept in a per-process cache with room
    # for them: an uncached page (conftest.py).
    pytest.mark.parametrize("reader_cache", ["entries"], indirect=True),
]

STORY_ITEM = "includes/story_item.html"


@pytest.fixture
def topic():
    return make_topic("送温暖", slug="song-wen-nuan", is_featured=True)


@pytest.fixture
def story(topic):
    return make_article(
        "天桥街道走访困难职工",
        kicker="寒冬送暖",
        subtitle="送去米面油",
        lead="天桥街道总工会走访困难职工。",
        topics=[topic],
        print_page=make_print_page(number=3),
        print_order=2,
        column=make_column("寒冬送暖 工会行动"),
    )


def story_list(client, url) -> tuple[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<div class="story-list">')
    return html[start : html.index("</div>", start)], [t.name for t in response.templates]


def test_kept_entries_print_the_same_markup_and_are_not_rendered_again(
    client, settings, topic, story
):
    make_article("另一篇报道", topics=[topic], kind=ArticleKind.PHOTO)
    url = topic.get_absolute_url()
    settings.ROLLUP_CACHE_SECONDS = 0
    rendered, _ = story_list(client, url)
    settings.ROLLUP_CACHE_SECONDS = 600

    first, templates = story_list(client, url)
    assert STORY_ITEM in templates  # rendered, then kept
    second, templates = story_list(client, url)
    assert STORY_ITEM not in templates  # every entry from the cache
    assert first == second == rendered
    # The front page's latest stories share the entries the topic page kept.
    assert STORY_ITEM not in story_list(client, "/")[1]


def edit_title(story):
    story.title = "天桥街道走访慰问困难职工"


def edit_kicker(story):
    story.kicker = "情暖万家"


def edit_subtitle(story):
    story.subtitle = "送去棉衣"


def edit_lead(story):
    story.lead = "天桥街道总工会春节前走访困难职工。"


def edit_body_without_lead(story):
    story.lead = ""
    story.body = "正文第一段改过了。\n第二段。"


def edit_published_at(story):
    story.published_at = timezone.now() - datetime.timedelta(days=3)


def edit_kind(story):
    story.kind = ArticleKind.PHOTO


def edit_slug(story):
    story.slug = "tian-qiao-zou-fang"


def edit_print_page(story):
    story.print_page = make_print_page(number=5, name="职工生活")


def edit_column(story):
    story.column = None


@pytest.mark.parametrize(
    "edit",
    [
        edit_title,
        edit_kicker,
        edit_subtitle,
        edit_lead,
        edit_body_without_lead,
        edit_published_at,
        edit_kind,
        edit_slug,
        edit_print_page,
        edit_column,
    ],
)
def test_a_story_edited_shows_its_new_entry_on_the_next_request(client, settings, story, edit):
    url = story.topics.get().get_absolute_url()
    before, _ = story_list(client, url)
    edit(story)
    story.save()

    after, templates = story_list(client, url)
    settings.ROLLUP_CACHE_SECONDS = 0
    expected, _ = story_list(client, url)
    assert STORY_ITEM in templates
    assert after == expected != before


def test_renaming_a_printed_page_or_a_strap_shows_the_new_name(client, story):
    url = story.topics.get().get_absolute_url()
    story_list(client, url)
    story.print_page.name = "要闻"
    story.print_page.save()
    story.column.name = "冬日暖阳"
    story.column.save()

    html, _ = story_list(client, url)
    assert "第3版 要闻" in html and "冬日暖阳" in html
    assert "工会新闻" not in html and "寒冬送暖 工会行动" not in html


def test_a_cache_that_is_down_renders_the_entries(client, settings, story, request):
    url = story.topics.get().get_absolute_url()
    settings.ROLLUP_CACHE_SECONDS = 0
    expected, _ = story_list(client, url)
    settings.ROLLUP_CACHE_SECONDS = 600
    request.getfixturevalue("cache_down")

    assert story_list(client, url)[0] == expected


def test_a_small_per_process_cache_is_left_to_the_pages(client, settings, story):
    # The quick start's LocMemCache (300 entries): entries would push pages out of it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    url = story.topics.get().get_absolute_url()
    story_list(client, url)

    assert STORY_ITEM in story_list(client, url)[1]  # rendered again, nothing kept
