"""The story's body on the readers' page: crossheads (小标题, "## " lines) as headings of
their own, on the page and in the preview, never in a summary; and the photos of a plain
story split around its text, the first under the headline, the others after the text."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles.models import ArticleKind, ArticleStatus, Photo
from articles.workflow.preview import preview_url
from tests.factories import CreditRole, make_article

pytestmark = pytest.mark.django_db

BODY = (
    "近日，门头沟区总工会召开基层建设推进会。\n"
    "## 打造职工之家\n"
    "今年以来，区总工会把建家建站作为大抓基层的重要抓手。\n"
    "##延伸服务触角\n"
    "区总工会还在商圈、楼宇建起了户外劳动者驿站。"
)


def jpeg(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def story_body(html: str) -> str:
    return html[
        html.index('<div class="story__body">') : html.index('<footer class="story__footer">')
    ]


def test_crossheads_are_headings_of_their_own_between_the_paragraphs(client):
    story = make_article(
        "门头沟区总工会推进职工之家建设", body=BODY, credits=[(CreditRole.REPORTER, "张三")]
    )

    html = client.get(story.get_absolute_url()).content.decode()

    body = story_body(html)
    assert re.findall(r"<(p|h2)[^>]*>(?:<span[^>]*>[^<]*</span>)?([^<]*)</\1>", body) == [
        ("p", "近日，门头沟区总工会召开基层建设推进会。"),
        ("h2", "打造职工之家"),
        ("p", "今年以来，区总工会把建家建站作为大抓基层的重要抓手。"),
        ("h2", "延伸服务触角"),
        ("p", "区总工会还在商圈、楼宇建起了户外劳动者驿站。"),
    ]
    assert '<h2 class="crosshead">打造职工之家</h2>' in body
    assert '<p><span class="dateline">本报讯（记者 张三）</span>近日，' in body
    assert "##" not in html


def test_a_body_opening_with_a_crosshead_keeps_its_dateline_above_it(client):
    story = make_article(
        "开篇即小标题",
        body="## 打造职工之家\n今年以来，建家建站。",
        credits=[(CreditRole.REPORTER, "张三")],
    )

    body = story_body(client.get(story.get_absolute_url()).content.decode())

    dateline = body.index('<span class="dateline">本报讯（记者 张三）</span>')
    assert dateline < body.index('<h2 class="crosshead">打造职工之家</h2>') < body.index("今年以来")


def test_a_crosshead_is_never_the_summary(client):
    story = make_article("开篇即小标题", body="## 打造职工之家\n今年以来，建家建站。")

    html = client.get(story.get_absolute_url()).content.decode()

    assert story.summary == "今年以来，建家建站。"
    assert '<meta name="description" content="今年以来，建家建站。">' in html


def test_the_preview_prints_crossheads_as_the_page_will():
    draft = make_article("草稿", status=ArticleStatus.DRAFT, body=BODY)

    html = Client().get(preview_url(draft)).content.decode()

    assert '<h2 class="crosshead">打造职工之家</h2>' in html
    assert "##" not in html


def photographed(kind=ArticleKind.NEWS, photos=3):
    story = make_article("有照片的消息", kind=kind, body="第一段。\n第二段。")
    for n in range(1, photos + 1):
        Photo.objects.create(article=story, image=jpeg(f"p{n}.jpg"), caption=f"第{n}张图", order=n)
    return story


def test_a_plain_story_shows_its_first_photo_above_the_text_and_the_rest_after_it(client):
    story = photographed()

    html = client.get(story.get_absolute_url()).content.decode()

    headline, text = html.index('class="story__title"'), html.index('<div class="story__body">')
    first, second, third = (html.index(f"第{n}张图</figcaption>") for n in (1, 2, 3))
    assert headline < first < text < second < third
    assert html.count('loading="eager"') == 1
    assert html.index('loading="eager"') < text
    assert html.count('loading="lazy"') == 2
    assert html.index('class="story__more-photos"') > text


def test_a_plain_story_with_one_photo_has_nothing_after_its_text(client):
    html = client.get(photographed(photos=1).get_absolute_url()).content.decode()
    assert html.index("第1张图") < html.index('<div class="story__body">')
    assert "story__more-photos" not in html


def test_a_photo_report_keeps_its_gallery_above_its_text(client):
    story = photographed(kind=ArticleKind.PHOTO)

    html = client.get(story.get_absolute_url()).content.decode()

    text = html.index('<div class="story__body">')
    assert html.index('aria-label="组图，共3张"') < text
    assert all(html.index(f"第{n}张图") < text for n in (1, 2, 3))
    assert "story__more-photos" not in html


def test_the_preview_splits_the_photos_as_the_page_does():
    story = photographed()
    story.status = ArticleStatus.DRAFT
    story.save()

    html = Client().get(preview_url(story)).content.decode()

    text = html.index('<div class="story__body">')
    assert html.index("第1张图") < text < html.index("第2张图") < html.index("第3张图")
