"""An editor enters a report in the admin the way the newsroom does: headline stack,
body, a union and two credits picked through autocomplete, then signs it off (签发)."""

import pytest

from articles.demo.loader import load_demo
from articles.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor(django_user_model):
    load_demo()
    return django_user_model.objects.create_superuser("editor", password="pw-editor-123")


def pick(page, field: str, term: str, choice: str) -> None:
    """Choose `choice` in the admin's autocomplete (select2) widget of `field`."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:text-is('{choice}')")


def test_an_editor_enters_and_publishes_a_report(page, live_server, admin_login, editor):
    admin_login(page, "editor", "pw-editor-123")

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_kicker", "寒冬送暖 工会行动")
    page.fill("#id_title", "西城区总工会为环卫职工送去慰问品")
    page.fill("#id_body", "近日，西城区总工会走访慰问环卫职工。\n职工们表示感谢。")
    pick(page, "unions", "西城", "西城区总工会")
    pick(page, "credits-0-contributor", "陈曦", "陈曦")
    page.select_option("#id_credits-0-role", "reporter")
    page.click("#credits-group .add-row a")
    pick(page, "credits-1-contributor", "蔡洪玉", "蔡洪玉")
    page.select_option("#id_credits-1-role", "correspondent")
    page.click("button[name=_transition][value=publish]")

    page.wait_for_selector(".messagelist .success")
    assert "当前状态：已发布" in page.inner_text(".workflow-state")
    page.goto(f"{live_server.url}/admin/articles/article/")
    assert "本报讯（记者 陈曦 通讯员 蔡洪玉）" in page.inner_text("#result_list")
    article = Article.objects.get(title="西城区总工会为环卫职工送去慰问品")
    assert article.is_public
    assert [u.name for u in article.unions.all()] == ["西城区总工会"]

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.inner_text("h1") == "西城区总工会为环卫职工送去慰问品"
    assert "本报讯（记者 陈曦 通讯员 蔡洪玉）" in page.inner_text("main")
