"""The copy desk in a real Chromium: the chief editor opens a story with the mistakes copy
arrives with, sees each finding beside its field, fixes them with one click each, and
signs the story off once no error is left; the panel has no serious accessibility
violation at phone and desk widths."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.copydesk.models import StoryCheck
from articles.models import Article, ArticleStatus
from articles.workflow import services
from tests.e2e.test_photos import serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))
# Real copy (the seed page's 天桥 report) with a correspondent's half-width dateline,
# straight quotes and a date in the wrong form.
BODY = (
    '本报讯(记者 陈曦)近日，西城区天桥街道总工会"两节"送温暖活动开启。\n'
    "此次活动于2024-1-18启动，精心准备了1030份包括焖泡壶在内的“温暖礼包”。"
)


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser(
        "zongbian", password="pw-editor-123", first_name="总编", last_name="王"
    )


@pytest.fixture
def story(chief):
    article = Article.objects.create(
        title="西城区天桥街道总工会为职工送出“温暖礼包”",
        body=BODY,
        dateline="",
        created_by=chief,
        status=ArticleStatus.SIGNOFF,
    )
    services.record_revision(article, user=chief, note="新建")
    return article


@pytest.mark.parametrize("width", [360, 1280])
def test_the_chief_editor_fixes_the_copy_in_one_click_each_and_signs_off(
    new_context, live_server, admin_login, story, width
):
    page = new_context(viewport={"width": width, "height": 900}, bypass_csp=True).new_page()
    admin_login(page, "zongbian", "pw-editor-123")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    summary = page.locator(".copy-check")
    expect(summary).to_contain_text("4 处错误")
    # Each finding is also shown under the body, beside what it is about.
    beside = page.locator(".form-row.field-body .copy-field-findings .copy-finding")
    expect(beside).to_have_count(4)
    assert serious_axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / f"copy-desk-{width}.png", full_page=True)

    # Signing off now is refused, and nothing is saved.
    page.click("button.transition--publish")
    expect(page.locator(".errorlist")).to_contain_text("越过校对的理由")
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.SIGNOFF

    fixes = page.locator(".form-row.field-body .copy-finding__fix")
    for _ in range(fixes.count()):
        fixes.and_(page.locator(":enabled")).first.click()
    body = page.locator("#id_body").input_value()
    assert body.startswith("本报讯（记者 陈曦）近日，西城区天桥街道总工会“两节”送温暖")
    assert "于2024年1月18日启动" in body

    page.click("button.transition--publish")
    expect(page.locator(".messagelist")).to_contain_text("已保存并签发")
    stored = Article.objects.get(pk=story.pk)
    assert stored.is_public
    assert StoryCheck.objects.get(article=stored).errors == 0
