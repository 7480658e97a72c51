"""The story page: headline stack, byline, body, photos, unions, topics, tags, placement,
related stories, neighbours on the printed page, share-card meta and canonical URLs."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import ArticleKind, ArticleStatus, Photo
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

# nav topics, the story (with page, strap and the story it corrects), credits, photos,
# unions, topics, tags, its published corrections, related stories (sharing a topic, sharing
# a union: two LIMIT queries), the stories on its page.
ARTICLE_QUERIES = 11


def jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def tianqiao():
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    street = make_union("西城区天桥街道总工会", level=UnionLevel.STREET, parent=district)
    topic = make_topic("送温暖", slug="song-wen-nuan")
    page = make_print_page(datetime.date(2024, 1, 23), 3, name="工会新闻")
    before = make_article("昌平区总工会启动“两节”送温暖活动", print_page=page, print_order=1)
    story = make_article(
        "西城区天桥街道总工会为职工送出“温暖礼包”",
        subtitle="“希望职工不仅感受新意更能够感受到心意”",
        kicker="寒冬送暖",
        body="近日，西城区天桥街道总工会“两节”送温暖活动开启。\n此次活动，精心准备了1030份“温暖礼包”。",
        credits=[(CreditRole.REPORTER, "陈曦")],
        unions=[street],
        topics=[topic],
        print_page=page,
        print_order=2,
        column=make_column("寒冬送暖 工会行动"),
    )
    story.tags.add("温暖礼包")
    after = make_article("平谷滨河街道北小区社区工会开展亲子活动", print_page=page, print_order=3)
    return {"story": story, "before": before, "after": after, "street": street, "topic": topic}


def test_it_prints_the_story_as_the_paper_does(client, tianqiao):
    story = tianqiao["story"]

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="kicker">寒冬送暖</p>' in html
    assert '<h1 class="story__title">西城区天桥街道总工会为职工送出“温暖礼包”</h1>' in html
    assert "——“希望职工不仅感受新意更能够感受到心意”" in html
    assert '<span class="dateline">本报讯（记者 陈曦）</span>近日' in html
    assert "此次活动，精心准备了1030份“温暖礼包”。" in html
    assert "2024年1月23日 第3版 工会新闻" in html
    assert f'href="/epaper/2024-01-23/3/#story-{story.pk}"' in html  # its zone marked
    assert 'href="/unions/' in html and ">西城区天桥街道总工会</a>" in html
    assert "寒冬送暖 工会行动" in html
    assert "#温暖礼包" in html


def test_it_links_the_neighbours_on_the_printed_page(client, tianqiao):
    response = client.get(tianqiao["story"].get_absolute_url())

    assert response.context["previous_on_page"] == tianqiao["before"]
    assert response.context["next_on_page"] == tianqiao["after"]
    html = response.content.decode()
    assert "本版上一篇" in html and "本版下一篇" in html


def test_neighbours_skip_unpublished_stories(client, tianqiao):
    tianqiao["after"].status = ArticleStatus.DRAFT
    tianqiao["after"].save()

    response = client.get(tianqiao["story"].get_absolute_url())

    assert response.context["next_on_page"] is None
    assert "平谷滨河街道北小区社区工会开展亲子活动" not in response.content.decode()


def test_related_stories_share_a_topic_or_a_union(client, tianqiao):
    same_union = make_article("天桥街道工会服务站启用", unions=[tianqiao["street"]])
    same_topic = make_article("昌平区总工会走访慰问", topics=[tianqiao["topic"]])
    make_article("无关稿件")
    make_article("未发布的相关稿件", status=ArticleStatus.DRAFT, topics=[tianqiao["topic"]])

    response = client.get(tianqiao["story"].get_absolute_url())

    assert set(response.context["related"]) == {same_union, same_topic}


def test_share_cards_carry_headline_summary_picture_and_canonical_url(client, tianqiao):
    story = tianqiao["story"]
    Photo.objects.create(article=story, image=jpeg(), caption="职工领取温暖礼包", credit="陈曦 摄")

    html = client.get(story.get_absolute_url()).content.decode()

    url = f"http://testserver{story.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:title" content="西城区天桥街道总工会为职工送出“温暖礼包”">' in html
    assert '<meta property="og:description" content="近日，西城区天桥街道总工会' in html
    assert '<meta property="og:image" content="http://testserver/media/photos/' in html
    assert '<meta property="og:type" content="article">' in html
    assert "职工领取温暖礼包" in html and "（陈曦 摄）" in html
    assert 'alt="职工领取温暖礼包"' in html
    assert 'width="40" height="30"' in html


def test_a_photo_report_prints_its_credit_after_the_text(client):
    story = make_article(
        "“娘家人”送来暖心慰问",
        kind=ArticleKind.PHOTO,
        dateline="",
        body="近日，通州多源公司工会开展春节前走访慰问一线职工工作。",
        credits=[(CreditRole.PHOTOGRAPHER, "周美玉")],
    )

    html = client.get(story.get_absolute_url()).content.decode()

    text_at = html.index("通州多源公司工会开展春节前走访慰问")
    assert html.index("本报记者 周美玉 摄影报道") > text_at
    assert "dateline" not in html


@pytest.mark.parametrize("slug", ["wrong-slug", "xi-cheng"])
def test_a_wrong_slug_redirects_permanently_to_the_canonical_url(client, tianqiao, slug):
    story = tianqiao["story"]

    response = client.get(f"/articles/{story.pk}/{slug}/")

    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_a_missing_slug_redirects_permanently_too(client, tianqiao):
    story = tianqiao["story"]

    response = client.get(f"/articles/{story.pk}/")

    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_drafts_and_scheduled_stories_are_not_found(client):
    draft = make_article("草稿", status=ArticleStatus.DRAFT)
    review = make_article("待审", status=ArticleStatus.REVIEW)
    scheduled = make_article("定时", published_at=timezone.now() + datetime.timedelta(minutes=5))

    for story in (draft, review, scheduled):
        assert client.get(story.get_absolute_url()).status_code == 404
        # Not even a redirect that would confirm the story exists.
        assert client.get(f"/articles/{story.pk}/").status_code == 404


def test_an_unknown_story_is_a_404_page_in_chinese(client):
    response = client.get("/articles/999999/nothing/")

    assert response.status_code == 404
    assert "页面没有找到" in response.content.decode()


@pytest.mark.parametrize("extra_unions", [0, 12])
def test_its_query_count_does_not_grow(client, django_assert_num_queries, tianqiao, extra_unions):
    story = tianqiao["story"]
    for n in range(extra_unions):
        story.unions.add(make_union(f"测试工会{n}"))
        make_article(f"相关稿件{n}", topics=[tianqiao["topic"]])
        Photo.objects.create(article=story, image=jpeg(f"p{n}.jpg"), caption=f"图{n}")
    client.get(story.get_absolute_url())

    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(story.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("prefix", ["/", "/paper/"])
@pytest.mark.parametrize("slug", ["gao-jian-7", "Tian_Qiao-2024", "天桥", "a b", ""])
def test_a_story_address_is_what_reverse_gives(slug, prefix):
    # get_absolute_url fills a once-reversed address in; it must equal reverse() under
    # any script prefix, and slugs the URL would not take still go through reverse().
    from django.urls import NoReverseMatch, reverse, set_script_prefix

    from articles.models import Article

    story = Article(pk=4711, slug=slug, title="天桥")
    set_script_prefix(prefix)
    try:
        if slug:
            try:
                expected = reverse("articles:article-detail", kwargs={"pk": 4711, "slug": slug})
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    story.get_absolute_url()
                return
        else:
            expected = reverse("articles:article-short", kwargs={"pk": 4711})
        assert story.get_absolute_url() == expected
        assert story.get_absolute_url().startswith(prefix)
    finally:
        set_script_prefix("/")
