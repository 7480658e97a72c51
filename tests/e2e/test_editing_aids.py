"""The editing aids of the story form in a real Chromium: 字数 follows the typing (by the
server's own rule), the 小标题 button marks and unmarks a line, a draft kept in the browser
is offered back after a reload and never restored over a newer version, a save that went
through drops it, and two editors see each other on the form."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models import F
from playwright.sync_api import Page, expect

from articles.models import Article, ArticleStatus, count_chars
from articles.workflow import presence
from articles.workflow.roles import EDITOR, sync_roles
from tests.factories import make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-newsroom-1"
BODY = "近日，朝阳区总工会走访慰问快递从业人员。\n## 暖心年货\n快递小哥们表示感谢。"
TYPED = "\n工会还送上 米、面、油　等年货。"


@pytest.fixture
def site(live_server):
    return live_server.url


@pytest.fixture
def editor(django_user_model):
    # A live-server test before this one flushed the database, and the groups with it.
    sync_roles(apps)

    def make(username: str, family: str = "", given: str = ""):
        user = django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            is_staff=True,
            last_name=family,
            first_name=given,
        )
        user.groups.add(Group.objects.get(name=EDITOR))
        return user

    return make


@pytest.fixture
def story():
    return make_article(
        "朝阳区总工会为快递小哥送上暖心年货",
        status=ArticleStatus.DRAFT,
        lead="年货送到快递小哥手中。",
        body=BODY,
    )


def log_in(page: Page, site: str, username: str) -> Page:
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(f"{site}/admin/")
    return page


def change_url(site: str, article: Article) -> str:
    return f"{site}/admin/articles/article/{article.pk}/change/"


def type_at_the_end(page: Page, text: str) -> None:
    page.locator("#id_body").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(text)


def drafts(page: Page) -> list[str]:
    """The drafts the browser keeps (the admin keeps settings of its own there too)."""
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('unionsite.article-draft.'))"
    )


def wait_for_the_draft(page: Page, seconds: float = 8) -> None:
    # Polled from here: the admin's CSP refuses the eval wait_for_function would need.
    for _ in range(int(seconds * 10)):
        if drafts(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError("no draft was kept")


def test_the_count_the_crosshead_button_and_the_draft(new_context, site, editor, story):
    editor("bianji")
    page = log_in(new_context().new_page(), site, "bianji")
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(change_url(site, story))
    count = page.locator("[data-char-count]")
    expect(count).to_have_text(f"字数：{story.char_count}")

    type_at_the_end(page, TYPED)
    typed_body = BODY + TYPED
    expected = count_chars(story.lead) + count_chars(typed_body)
    expect(count).to_have_text(f"字数：{expected}")
    assert expected == story.char_count + len("工会还送上米、面、油等年货。")

    # 小标题 marks the line the cursor is on, and a second press unmarks it; marks are
    # not counted.
    page.get_by_role("button", name="小标题").click()
    expect(page.locator("#id_body")).to_have_value(BODY + "\n## 工会还送上 米、面、油　等年货。")
    expect(count).to_have_text(f"字数：{expected}")
    page.get_by_role("button", name="小标题").click()
    expect(page.locator("#id_body")).to_have_value(typed_body)

    # Kept every few seconds while typing; after a reload, offered back, not restored.
    wait_for_the_draft(page)
    page.reload()
    expect(page.locator("#id_body")).to_have_value(BODY)
    restore = page.get_by_role("button", name="恢复未保存的内容")
    expect(restore).to_be_visible()
    expect(restore).to_have_text(re.compile(r"恢复未保存的内容（\d+月\d+日 \d\d:\d\d）"))
    restore.click()
    expect(page.locator("#id_body")).to_have_value(typed_body)
    expect(count).to_have_text(f"字数：{expected}")

    # 放弃 drops it: the next load offers nothing.
    page.reload()
    page.get_by_role("button", name="放弃").click()
    page.reload()
    expect(page.locator("#id_body")).to_have_value(BODY)
    expect(page.get_by_role("button", name="恢复未保存的内容")).to_have_count(0)
    assert problems == []  # no script error, no CSP violation


def test_a_draft_of_an_older_version_is_not_restored(new_context, site, editor, story):
    editor("bianji")
    page = log_in(new_context().new_page(), site, "bianji")
    page.goto(change_url(site, story))
    type_at_the_end(page, TYPED)
    wait_for_the_draft(page)

    # A colleague saves the story meanwhile.
    Article.objects.filter(pk=story.pk).update(version=F("version") + 1, body=BODY + "\n改过。")
    page.reload()

    expect(page.locator("[data-draft]")).to_contain_text("有未保存的内容，但稿件已被他人更新")
    expect(page.get_by_role("button", name="恢复未保存的内容")).to_have_count(0)
    expect(page.locator("#id_body")).to_have_value(BODY + "\n改过。")
    assert drafts(page) == []


@pytest.mark.parametrize("button", ["_save", "_continue"])
def test_a_save_that_went_through_drops_the_draft(new_context, site, editor, story, button):
    editor("bianji")
    page = log_in(new_context().new_page(), site, "bianji")
    page.goto(change_url(site, story))
    type_at_the_end(page, TYPED)
    wait_for_the_draft(page)
    page.locator(f"input[name={button}]").click()

    # 保存 goes to the list, 保存并继续编辑 back to the form: both say it went through.
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert drafts(page) == []
    page.goto(change_url(site, story))
    expect(page.locator("#id_body")).to_have_value(BODY + TYPED)
    expect(page.locator("[data-draft]")).to_be_hidden()
    story.refresh_from_db()
    assert story.body.splitlines() == (BODY + TYPED).splitlines()  # the browser sends CRLF


def test_two_editors_see_each_other_on_the_form(new_context, site, editor, story, monkeypatch):
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)
    editor("wang", "王", "编辑")
    editor("li", "李", "编辑")
    wang = log_in(new_context().new_page(), site, "wang")
    li = log_in(new_context().new_page(), site, "li")

    wang.goto(change_url(site, story))
    expect(wang.locator("[data-presence]")).to_be_hidden()
    li.goto(change_url(site, story))

    # Printed with the page for the second, heard at the next heartbeat by the first.
    expect(li.locator("[data-presence]")).to_have_text("王编辑 也在编辑这篇稿件")
    expect(wang.locator("[data-presence]")).to_have_text("李编辑 也在编辑这篇稿件")

    # Leaving the form takes the name off.
    li.goto(f"{site}/admin/")
    expect(wang.locator("[data-presence]")).to_be_hidden()
