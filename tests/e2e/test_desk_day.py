"""A day at the desk in a real Chromium, each person in a browser of their own.

A reporter files two stories, calls one back and deletes it; an editor finds the other at
the top of the 待审 queue, changes one number in a paragraph and returns it with a reason;
the reporter sees 已退回 and the reason on their desk, fixes it and sends it again; the
editor passes it on (审毕送签); the chief editor finds it in 待签发 and publishes it. Each
step's notice reaches the right person (the e-mail outbox), and the comparison marks
exactly the changed number. Screenshots of the desks: /tmp/desk-day-*.png."""

import os
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import Page, expect

from articles.models import Article, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Notice, Revision
from articles.workflow.roles import CHIEF_EDITOR, EDITOR, REPORTER, sync_roles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-newsroom-1"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))
KEPT = "天桥街道总工会为300名职工送温暖"
CALLED_BACK = "陶然亭街道职工书屋开放"
BODY = "本报讯 近日，天桥街道总工会走访慰问一线职工300名，送出慰问金5万余元。\n职工们表示感谢。"


@pytest.fixture
def people(django_user_model):
    sync_roles(apps)  # a live-server test before this one flushed the migration's groups

    def member(username, group, family, given):
        user = django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            is_staff=True,
            last_name=family,
            first_name=given,
            email=f"{username}@news.example.org",
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "reporter": member("jizhe", REPORTER, "边", "磊"),
        "other": member("jizhe2", REPORTER, "蔡", "洪玉"),
        "editor": member("bianji", EDITOR, "王", "伟"),
        "chief": member("zongbian", CHIEF_EDITOR, "李", "明"),
    }


def log_in(page: Page, site: str, username: str) -> Page:
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(f"{site}/admin/")
    return page


def file_story(page: Page, site: str, title: str, body: str) -> None:
    page.goto(f"{site}/admin/articles/article/add/")
    page.fill("#id_title", title)
    page.fill("#id_body", body)
    page.click("button[name=_transition][value=submit]")
    expect(page.locator(".messagelist .success")).to_contain_text(f"已保存并提交待审：《{title}》")


def mails_to(user) -> list[str]:
    return [message.subject for message in mail.outbox if user.email in message.to]


def desk_rows(page: Page, table: str):
    return page.locator(f"#{table} tbody th[scope=row]")


def test_a_day_at_the_desk(new_context, live_server, people):
    site = live_server.url
    reporter, editor, chief = people["reporter"], people["editor"], people["chief"]
    as_reporter = log_in(new_context().new_page(), site, "jizhe")
    as_editor = log_in(new_context().new_page(), site, "bianji")
    as_chief = log_in(new_context().new_page(), site, "zongbian")

    # The reporter files two stories; both reach the editors' queue and their mailboxes.
    file_story(as_reporter, site, KEPT, BODY)
    file_story(as_reporter, site, CALLED_BACK, "本报讯 陶然亭街道职工书屋正式开放。")
    kept = Article.objects.get(title=KEPT)
    called_back = Article.objects.get(title=CALLED_BACK)
    assert mails_to(editor) == [f"【提交待审】{KEPT}", f"【提交待审】{CALLED_BACK}"]
    assert mails_to(chief) == [] and mails_to(reporter) == []
    # Sent copy is out of the reporter's hands: no save, no further button.
    expect(as_reporter.locator("input[name=_save]")).to_have_count(0)

    # Another reporter's story arrives later: the queue is oldest first.
    later = Article.objects.create(title="后到的稿件", body="正文。", created_by=people["other"])
    services.record_revision(later, user=people["other"])
    services.submit(later, user=people["other"])

    # The reporter calls the second story back, and deletes it, each after a page
    # naming it.
    as_reporter.goto(f"{site}/admin/articles/article/{called_back.pk}/change/")
    as_reporter.get_by_role("link", name="收回…").click()
    expect(as_reporter.locator("#content-main")).to_contain_text(f"《{CALLED_BACK}》")
    as_reporter.get_by_role("button", name="确定收回").click()
    expect(as_reporter.locator(".workflow-state")).to_contain_text("当前状态：草稿")
    as_reporter.locator("a.deletelink").click()
    expect(as_reporter.locator("#content")).to_contain_text(CALLED_BACK)
    as_reporter.locator("#content form input[type=submit]").click()
    expect(as_reporter.locator(".messagelist .success")).to_contain_text(CALLED_BACK)
    assert not Article.objects.filter(pk=called_back.pk).exists()

    # The editor finds the story at the top of the 待审 queue and changes one number.
    as_editor.goto(f"{site}/admin/")
    expect(desk_rows(as_editor, "desk-review")).to_have_text([KEPT, "后到的稿件"])
    expect(as_editor.locator("#desk-review tbody tr").first).to_contain_text("边磊")
    desk_rows(as_editor, "desk-review").first.get_by_role("link").click()
    expect(as_editor.locator(".workflow-state")).to_contain_text("当前状态：待审")
    submitted = kept.revisions.order_by("-number").first().number
    as_editor.fill("#id_body", BODY.replace("一线职工300名", "一线职工320名"))
    as_editor.fill("#id_transition_comment", "人数请与区总工会核实")
    as_editor.click("button[name=_transition][value=return]")
    expect(as_editor.locator(".workflow-state")).to_contain_text("当前状态：已退回")
    assert mails_to(reporter) == [f"【退回修改】{KEPT}"]

    # The reporter sees 已退回 and the reason on their desk, fixes it, sends it again.
    as_reporter.goto(f"{site}/admin/")
    returned = as_reporter.locator("#desk-returned tbody tr")
    expect(returned).to_have_count(1)
    expect(returned).to_contain_text(KEPT)
    expect(returned).to_contain_text("人数请与区总工会核实")
    expect(returned).to_contain_text("王伟")
    expect(as_reporter.locator("#desk-notices")).to_contain_text("王伟退回了")
    for width in (360, 1280):
        as_reporter.set_viewport_size({"width": width, "height": 900})
        as_reporter.screenshot(path=SCREENSHOTS / f"desk-day-reporter-{width}.png", full_page=True)
    returned.get_by_role("link", name=KEPT).click()
    as_reporter.fill("#id_body", as_reporter.input_value("#id_body") + "\n活动持续到春节前。")
    as_reporter.click("button[name=_transition][value=submit]")
    expect(as_reporter.locator(".workflow-state")).to_contain_text("当前状态：待审")

    # The editor passes it on; the chief editor finds it in 待签发 and publishes it.
    as_editor.goto(f"{site}/admin/articles/article/{kept.pk}/change/")
    as_editor.click("button[name=_transition][value=pass]")
    expect(as_editor.locator(".workflow-state")).to_contain_text("当前状态：待签发")
    assert mails_to(chief) == [f"【审毕送签】{KEPT}"]
    as_chief.goto(f"{site}/admin/")
    expect(desk_rows(as_chief, "desk-signoff")).to_have_text([KEPT])
    as_chief.screenshot(path=SCREENSHOTS / "desk-day-chief-1280.png", full_page=True)
    desk_rows(as_chief, "desk-signoff").first.get_by_role("link").click()
    as_chief.click("button[name=_transition][value=publish]")
    expect(as_chief.locator(".workflow-state")).to_contain_text("当前状态：已发布")

    kept.refresh_from_db()
    assert kept.status == ArticleStatus.PUBLISHED and kept.is_public
    assert mails_to(reporter) == [f"【退回修改】{KEPT}", f"【签发】{KEPT}"]
    assert mails_to(editor) == [
        f"【提交待审】{KEPT}",
        f"【提交待审】{CALLED_BACK}",
        "【提交待审】后到的稿件",
        f"【提交待审】{KEPT}",
    ]
    assert Notice.objects.filter(recipient=chief).count() == 1

    # The comparison of the reporter's copy and the editor's marks exactly the number.
    edited = Revision.objects.get(article=kept, number=submitted + 1)
    assert edited.created_by == editor
    as_editor.goto(
        f"{site}/admin/articles/article/{kept.pk}/history/compare/?a={submitted}&b={submitted + 1}"
    )
    expect(as_editor.locator("table.diff del")).to_have_text(["300"])
    expect(as_editor.locator("table.diff ins")).to_have_text(["320"])
    expect(as_editor.locator("#content")).to_contain_text("王伟")
