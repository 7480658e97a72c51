"""An editor pastes the seed page in the admin, previews it, confirms, finds six drafts."""

import pytest

from articles.demo.loader import SEED_PAGE
from articles.models import Article, ArticleStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor(django_user_model, unions_and_topics):
    return django_user_model.objects.create_superuser("editor", password="pw-editor-123")


def test_an_editor_imports_a_page_by_pasting_it(page, live_server, admin_login, editor):
    admin_login(page, "editor", "pw-editor-123")

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.click("text=从版面文本导入")
    page.fill("#id_text", SEED_PAGE.read_text(encoding="utf-8"))
    page.fill("#id_edition_date", "2024-01-23")
    page.fill("#id_page_number", "3")
    page.fill("#id_page_name", "工会新闻")
    page.click("input[name=preview]")

    assert page.locator(".report").count() == 6
    assert page.locator("#id_reports-4-title").input_value() == (
        "西城区天桥街道总工会为职工送出“温暖礼包”"
    )
    assert page.locator("#id_reports-4-subtitle").input_value() == (
        "“希望职工不仅感受新意更能够感受到心意”"
    )
    page.click("input[name=confirm]")

    page.wait_for_selector(".messagelist .success")
    assert "已导入 6 篇草稿" in page.inner_text(".messagelist")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 6
    assert "本报讯（记者 边磊 通讯员 蔡洪玉）" in page.inner_text("#result_list")
    assert Article.objects.filter(status=ArticleStatus.DRAFT).count() == 6
