"""The page import's bounds: text length, upload size, reports per page, the confirm
post's field count, and values the tables could not hold, each a Chinese field error
with nothing saved."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Contributor, PageImport
from articles.pageimport.services import MAX_PAGE_CHARS, MAX_REPORTS_PER_PAGE
from tests.pageimport.test_admin import URL, confirm_data, preview

pytestmark = pytest.mark.django_db


def reports(count: int) -> str:
    return "\n".join(
        f"第{n}篇工会简讯标题\n本报讯（记者 王伟）近日，第{n}家基层工会开展送温暖活动。"
        for n in range(count)
    )


def nothing_saved() -> bool:
    return not Article.objects.exists() and not PageImport.objects.exists()


def test_a_paste_longer_than_a_page_is_a_field_error(superuser_client):
    response = preview(superuser_client, text="工会" * (MAX_PAGE_CHARS // 2 + 1))
    assert response.status_code == 200
    assert "一次只导入一个版面" in str(response.context["form"].errors["text"])
    assert nothing_saved()


def test_an_upload_over_512_kb_is_a_field_error(superuser_client):
    upload = SimpleUploadedFile("page.txt", ("工会" * 100_000).encode(), "text/plain")
    response = preview(superuser_client, text="", file=upload)
    assert "512 KB" in str(response.context["form"].errors["file"])
    assert nothing_saved()


def test_more_reports_than_a_page_holds_is_refused(superuser_client):
    response = preview(superuser_client, text=reports(MAX_REPORTS_PER_PAGE + 1))
    errors = str(response.context["form"].errors["text"])
    assert f"超过一个版面的上限 {MAX_REPORTS_PER_PAGE} 篇" in errors
    assert response.context["formset"] is None
    assert nothing_saved()


@pytest.mark.slow
def test_a_full_page_confirms_within_djangos_field_limit(superuser_client):
    response = preview(superuser_client, text=reports(MAX_REPORTS_PER_PAGE))
    data = confirm_data(response)
    assert len(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    saved = superuser_client.post(URL, data)
    assert saved.status_code == 302
    assert Article.objects.count() == MAX_REPORTS_PER_PAGE


def test_a_credit_name_the_table_cannot_hold_is_a_field_error(superuser_client):
    response = preview(superuser_client, text=reports(2))
    data = confirm_data(response)
    data["reports-0-credits"] = "记者 " + "王" * 41
    refused = superuser_client.post(URL, data)
    assert refused.status_code == 200
    errors = refused.context["formset"].forms[0].errors["credits"]
    assert "姓名最多 40 个字" in str(errors)
    assert nothing_saved() and not Contributor.objects.exists()
