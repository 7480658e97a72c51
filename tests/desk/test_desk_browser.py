"""The desk in a real Chromium, wide and on a phone: axe-core finds nothing serious or
critical, nothing is wider than a 360 px screen, and 标为已读 works with the form's
CSRF token."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.desk.conftest import PASSWORD
from tests.desk.stories import STATES, story_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
WIDE = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "has_touch": True}


def serious_axe_violations(page: Page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


@pytest.fixture
def newsroom_with_stories(newsroom):
    for n in range(2):
        for state in STATES:
            story_in(state, newsroom, f"区总工会走访慰问一线职工（{state}{n}）")
    return newsroom


@pytest.mark.parametrize("role", ["reporter", "editor", "chief", "stats"])
def test_the_desk_passes_axe_wide_and_on_a_phone(
    new_context, live_server, newsroom_with_stories, role
):
    user = newsroom_with_stories[role]
    for viewport in (WIDE, PHONE):
        # bypass_csp: axe-core is injected as a script of the test's own.
        page = new_context(**viewport, bypass_csp=True).new_page()
        log_in(page, live_server, user.username)
        expect(page.get_by_role("heading", name="编辑部工作台", level=1)).to_be_visible()
        assert serious_axe_violations(page) == [], (role, viewport)
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= (viewport["viewport"]["width"])
        ), (role, viewport)


def test_an_editor_marks_a_notice_read_in_the_browser(new_context, live_server, newsroom):
    story_in("review", newsroom, "职工书屋送书到车间")
    page = new_context(**WIDE).new_page()
    log_in(page, live_server, newsroom["editor"].username)
    notices = page.locator("#desk-notices")
    expect(notices).to_contain_text("周美玉提交了《职工书屋送书到车间》，等待审稿。")
    notices.get_by_role("button", name="标为已读").first.click()
    expect(page.locator(".messagelist")).to_contain_text("已将 1 条通知标为已读。")
    expect(page.locator("#desk-notices")).to_contain_text("没有未读通知。")
