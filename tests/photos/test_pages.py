"""Photos on readers' pages: <picture> from the renditions, a gallery for photo reports,
square thumbnails on the front page, the focal-point crop as og:image; no query per
photo, nothing generated on a request."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticleKind, Photo
from articles.photos import renditions
from tests.factories import make_article
from tests.photos.conftest import make_photo, stored_files

pytestmark = pytest.mark.django_db


def photo_report(photos: int, title="通州区总工会走访多源企业"):
    article = make_article(title, kind=ArticleKind.PHOTO, body="区总工会走访辖区企业。")
    for n in range(photos):
        caption = f"第{n + 1}张图的说明"
        make_photo(article, order=n + 1, caption=caption, credit="周美玉 摄", size=(700, 500))
    return article


def test_a_photo_report_shows_a_gallery_of_pictures_with_caption_and_credit(client):
    article = photo_report(3)
    content = client.get(article.get_absolute_url()).content.decode()

    assert 'aria-label="组图，共3张"' in content
    assert content.count("<picture>") == 3
    assert content.count('type="image/avif"') == 3 and content.count('type="image/webp"') == 3
    assert content.count('width="700" height="500"') == 3
    assert content.count('loading="eager"') == 1 and content.count('loading="lazy"') == 2
    for n in (1, 2, 3):
        assert f"{n}/3</span> 第{n}张图的说明" in content
    assert content.count("（周美玉 摄）") == 3
    assert 'sizes="(min-width: 46rem) 44rem, 100vw"' in content
    assert "photos/gallery.js" in content


def test_the_share_picture_is_the_focal_point_crop(client):
    article = photo_report(1)
    photo = article.photos.get()
    content = client.get(article.get_absolute_url()).content.decode()
    og = re.search(r'<meta property="og:image" content="([^"]+)"', content).group(1)
    assert og == f"http://testserver{renditions.url(renditions.og_name(photo.renditions))}"


def test_a_photo_without_renditions_is_shown_from_its_stripped_master(client):
    article = photo_report(1)
    Photo.objects.update(renditions={})
    content = client.get(article.get_absolute_url()).content.decode()
    photo = Photo.objects.get()
    assert f'src="{photo.image.url}"' in content
    assert "<picture>" not in content


def test_reader_pages_neither_make_nor_look_for_files(client, settings):
    article = photo_report(2)
    before = stored_files()
    client.get(article.get_absolute_url())
    client.get(reverse("articles:front-page"))
    assert stored_files() == before


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_article_page_costs_the_same_queries_for_two_photos_or_six(client):
    small, large = photo_report(2, "两张"), photo_report(6, "六张")
    assert queries(client, small.get_absolute_url()) == queries(client, large.get_absolute_url())


@pytest.mark.slow
def test_the_front_page_strip_shows_square_thumbnails_at_a_flat_query_count(client):
    photo_report(1, "一组")
    one = queries(client, reverse("articles:front-page"))
    photo_report(3, "二组")
    photo_report(5, "三组")
    assert queries(client, reverse("articles:front-page")) == one

    content = client.get(reverse("articles:front-page")).content.decode()
    strip = content[content.index('id="photos-title"') :]
    assert "图片报道" in content[content.index('class="photo-strip"') :][:200]
    # Up to three squares a report: 1 + 3 + 3.
    assert strip.count('width="160" height="160"') == 7
    assert re.search(r"/sq320-50-50\.avif 2x", strip)
