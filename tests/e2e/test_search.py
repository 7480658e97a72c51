"""A reader on a phone searches from the header, narrows the results to a district and
opens the story, where the searched words are marked."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
STORY = "西城区天桥街道总工会为职工送出“温暖礼包”"
ELSEWHERE = "昌平区总工会启动“两节”送温暖活动"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))


def test_header_search_then_a_district_then_the_story_with_the_term_marked(
    page: Page, demo_site: str
):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_site}/")

    header_search = page.get_by_role("search", name="站内搜索")
    header_search.get_by_role("searchbox").fill("温暖")
    header_search.get_by_role("button", name="搜索").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("搜索：温暖")
    expect(page.get_by_role("status")).to_contain_text("找到 3 篇报道")
    expect(page.get_by_role("link", name=STORY)).to_be_visible()
    expect(page.get_by_role("link", name=ELSEWHERE)).to_be_visible()
    expect(page.locator(".search-hit mark").first).to_have_text("温暖")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=SCREENSHOTS / "unionsite-search-390.png", full_page=True)

    page.get_by_text("筛选条件", exact=True).click()
    page.get_by_label("工会").select_option(label="西城区总工会")
    page.get_by_role("button", name="筛选").click()

    expect(page.get_by_role("status")).to_contain_text("找到 1 篇报道")
    expect(page.get_by_role("link", name=ELSEWHERE)).to_have_count(0)
    page.get_by_role("link", name=STORY).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(STORY)
    marks = page.locator("mark.search-mark")
    expect(marks.first).to_have_text("温暖")
    expect(page.locator(".story__body mark.search-mark").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=SCREENSHOTS / "unionsite-search-story-390.png", full_page=True)
