import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.demo.loader import load_demo
from articles.models import Activity, Article, ArticleStatus, Photo
from tests.factories import article_admin_form, make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

ARTICLE_FORM = article_admin_form(dateline="本报讯")


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_editor_adds_a_report_with_a_photo(superuser_client):
    data = {
        **ARTICLE_FORM,
        "photos-TOTAL_FORMS": "1",
        "photos-0-image": SimpleUploadedFile("a.png", png_bytes(), "image/png"),
        "photos-0-caption": "职工领取温暖礼包",
        "photos-0-order": "0",
    }
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].errors
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (8, 6)
    assert photo.article.created_by.username == "chief"


def test_a_photo_that_is_not_an_image_gets_a_field_error(superuser_client):
    data = {
        **ARTICLE_FORM,
        "photos-TOTAL_FORMS": "1",
        "photos-0-image": SimpleUploadedFile("a.jpg", b"not an image at all", "image/jpeg"),
        "photos-0-order": "0",
    }
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    photo_errors = response.context["inline_admin_formsets"][1].formset.errors
    assert "image" in photo_errors[0]
    assert not Article.objects.exists()


def test_negative_relief_money_gets_a_field_error(superuser_client):
    union = make_union(level=UnionLevel.DISTRICT)
    data = {
        "title": "送温暖",
        "union": union.pk,
        "kind": "relief_money",
        "start_date": "2024-01-22",
        "relief_money": "-100.00",
        "gift_lines-TOTAL_FORMS": "1",
        "gift_lines-INITIAL_FORMS": "0",
        "gift_lines-0-item": "温暖礼包",
        "gift_lines-0-quantity": "-3",
        "gift_lines-0-value": "-1",
        "gift_lines-0-order": "0",
    }
    response = superuser_client.post(reverse("admin:articles_activity_add"), data)
    assert response.status_code == 200
    assert "relief_money" in response.context["adminform"].form.errors
    line_errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert {"quantity", "value"} <= set(line_errors)
    assert not Activity.objects.exists()


def test_an_end_date_before_the_start_gets_a_field_error(superuser_client):
    union = make_union(level=UnionLevel.DISTRICT)
    data = {
        "title": "培训",
        "union": union.pk,
        "kind": "training",
        "start_date": "2024-01-22",
        "end_date": "2024-01-01",
        "gift_lines-TOTAL_FORMS": "0",
        "gift_lines-INITIAL_FORMS": "0",
    }
    response = superuser_client.post(reverse("admin:articles_activity_add"), data)
    assert response.status_code == 200
    assert "end_date" in response.context["adminform"].form.errors


def test_publishing_without_a_time_publishes_now(superuser_client):
    data = {**ARTICLE_FORM, "_transition": "publish"}
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_public
    assert article.status == ArticleStatus.PUBLISHED


class TestWithTheDemoPage:
    @pytest.fixture(autouse=True)
    def demo(self):
        load_demo()

    def test_the_changelist_shows_headline_stacks_and_bylines(self, superuser_client):
        response = superuser_client.get(reverse("admin:articles_article_changelist"))
        content = response.content.decode()
        assert response.status_code == 200
        assert "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局" in content
        assert "以大抓基层为导向健全服务职工工作体系" in content
        assert "——“希望职工不仅感受新意更能够感受到心意”" in content
        assert "本报讯（记者 边磊 通讯员 蔡洪玉）" in content
        assert "本报记者 周美玉 摄影报道" in content
        assert content.count('class="field-headline_stack"') == 6

    def test_search_finds_a_report_by_headline(self, superuser_client):
        url = reverse("admin:articles_article_changelist")
        response = superuser_client.get(url, {"q": "温暖礼包"})
        assert response.context["cl"].result_count == 1

    @pytest.mark.parametrize(
        "params",
        [
            {"status__exact": "published"},
            {"kind__exact": "photo"},
            {"unions__level__exact": "street"},
            {"print_page__edition_date__gte": "2024-01-23"},
        ],
    )
    def test_the_changelist_filters(self, superuser_client, params):
        url = reverse("admin:articles_article_changelist")
        response = superuser_client.get(url, params)
        assert response.status_code == 200
        assert response.context["cl"].result_count >= 1

    def test_every_demo_article_and_activity_opens(self, superuser_client):
        for article in Article.objects.all():
            url = reverse("admin:articles_article_change", args=[article.pk])
            assert superuser_client.get(url).status_code == 200
        for activity in Activity.objects.all():
            url = reverse("admin:articles_activity_change", args=[activity.pk])
            assert superuser_client.get(url).status_code == 200

    def test_union_autocomplete_finds_by_alias(self, superuser_client):
        response = superuser_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "中关村怀柔园",
                "app_label": "articles",
                "model_name": "article",
                "field_name": "unions",
            },
        )
        assert response.status_code == 200
        texts = [r["text"] for r in response.json()["results"]]
        assert texts == ["中关村科技园区怀柔园管理委员会工会联合会"]

    def test_contributor_autocomplete_finds_a_reporter(self, superuser_client):
        response = superuser_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "周美",
                "app_label": "articles",
                "model_name": "credit",
                "field_name": "contributor",
            },
        )
        assert [r["text"] for r in response.json()["results"]] == ["周美玉"]
