import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.demo.loader import SEED_PAGE
from articles.models import Article, ArticleStatus, PageImport

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_pageimport_add")
PLACEMENT = {"edition_date": "2024-01-23", "page_number": "3", "page_name": "工会新闻"}


def preview(client, **data):
    return client.post(URL, {**PLACEMENT, "preview": "1", **data})


def confirm_data(response) -> dict:
    """The preview's forms as the browser would post them back unchanged."""
    data = {}
    for form in [response.context["form"], response.context["formset"].management_form]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    for form in response.context["formset"]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    data["confirm"] = "1"
    return data


def test_the_import_screen_is_linked_from_the_article_list(superuser_client):
    response = superuser_client.get(reverse("admin:articles_article_changelist"))
    assert URL in response.content.decode()
    assert superuser_client.get(URL).status_code == 200


def test_preview_shows_the_reports_next_to_the_original(superuser_client, unions_and_topics):
    response = preview(superuser_client, text=SEED_PAGE.read_text(encoding="utf-8"))
    assert response.status_code == 200
    content = response.content.decode()
    assert len(response.context["formset"].forms) == 6
    assert "原文" in content
    assert "西城区天桥街道总工会为职工送出“温暖礼包”" in content
    assert not Article.objects.exists()


def test_confirm_saves_six_drafts_in_one_step(superuser_client, unions_and_topics):
    response = preview(superuser_client, text=SEED_PAGE.read_text(encoding="utf-8"))
    response = superuser_client.post(URL, confirm_data(response))
    assert response.status_code == 302
    page_import = PageImport.objects.get()
    assert f"page_import__id__exact={page_import.pk}" in response["Location"]
    assert page_import.imported_by.username == "chief"
    assert Article.objects.filter(status=ArticleStatus.DRAFT).count() == 6


def test_an_editor_fixes_a_title_in_the_preview(superuser_client, unions_and_topics):
    response = preview(superuser_client, text=SEED_PAGE.read_text(encoding="utf-8"))
    data = confirm_data(response)
    data["reports-5-title"] = "平谷区滨河街道北小区社区联合工会开展亲子剪纸活动"
    data.pop("reports-4-include")
    superuser_client.post(URL, data)
    titles = set(Article.objects.values_list("title", flat=True))
    assert "平谷区滨河街道北小区社区联合工会开展亲子剪纸活动" in titles
    assert "西城区天桥街道总工会为职工送出“温暖礼包”" not in titles
    assert len(titles) == 5


def test_an_unknown_union_in_the_preview_gets_a_field_error(superuser_client, unions_and_topics):
    response = preview(superuser_client, text=SEED_PAGE.read_text(encoding="utf-8"))
    data = confirm_data(response)
    data["reports-0-unions"] = "不存在的工会"
    response = superuser_client.post(URL, data)
    assert response.status_code == 200
    assert "unions" in response.context["formset"].forms[0].errors
    assert not Article.objects.exists()


def test_an_uploaded_file_is_previewed(superuser_client, unions_and_topics):
    upload = SimpleUploadedFile("page.txt", SEED_PAGE.read_bytes(), "text/plain")
    response = preview(superuser_client, file=upload)
    assert len(response.context["formset"].forms) == 6


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"file": SimpleUploadedFile("p.txt", "版面".encode("gbk"))}, "file"),
        ({"text": "只有一行没有稿件的文字"}, "text"),
    ],
)
def test_bad_input_gets_a_field_error(superuser_client, data, field):
    response = preview(superuser_client, **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_importing_the_same_page_twice_warns(superuser_client, unions_and_topics):
    text = SEED_PAGE.read_text(encoding="utf-8")
    superuser_client.post(URL, confirm_data(preview(superuser_client, text=text)))
    second = preview(superuser_client, text=text)
    assert "重复导入提醒" in second.content.decode()
    response = superuser_client.post(URL, confirm_data(second))
    assert response.status_code == 200
    assert Article.objects.count() == 6

    data = confirm_data(second)
    data["allow_duplicate"] = "on"
    assert superuser_client.post(URL, data).status_code == 302
    assert Article.objects.count() == 12


def test_staff_without_add_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
