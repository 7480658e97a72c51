"""A reader's journey through the demo page in a real Chromium, on a phone and a desktop:
front page → 送温暖 → the 天桥 story → 西城区天桥街道总工会 → 西城区总工会 → the story
again → the e-paper page it was printed on."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {
    "phone": {"width": 360, "height": 740},
    "desktop": {"width": 1280, "height": 900},
}
STORY = "西城区天桥街道总工会为职工送出“温暖礼包”"
UNION = "西城区天桥街道总工会"
DISTRICT = "西城区总工会"
PRINTED_ON = "2024年1月23日 第3版 工会新闻"
# Screenshots for a human to look at the design: /tmp/unionsite-front-360.png and so on.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))


def expect_readable(page: Page, width: int) -> None:
    """Nothing sticks out sideways: a phone reader never scrolls horizontally."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_reader_goes_from_the_front_page_to_the_printed_page(
    page: Page, demo_site: str, viewport: str
):
    size = VIEWPORTS[viewport]
    page.set_viewport_size(size)
    heading = page.get_by_role("heading", level=1)

    page.goto(f"{demo_site}/")
    expect(page).to_have_title("工会报")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    warmth = page.get_by_role("region", name="送温暖", exact=True)
    expect(warmth.get_by_role("link", name=STORY)).to_be_visible()
    expect_readable(page, size["width"])
    warmth.get_by_role("link", name="送温暖", exact=True).click()

    expect(heading).to_have_text("送温暖")
    expect(page.get_by_text("冬季 · 2023年12月至2024年2月")).to_be_visible()
    expect(page.get_by_text("温暖礼包（含焖泡壶） 1030份")).to_be_visible()
    expect_readable(page, size["width"])
    page.get_by_role("link", name=STORY).click()

    expect(heading).to_have_text(STORY)
    expect(page.get_by_text("——“希望职工不仅感受新意更能够感受到心意”")).to_be_visible()
    expect(page.get_by_text("本报讯（记者 陈曦）")).to_be_visible()
    expect(page.get_by_text("精心准备了1030份包括焖泡壶在内的“温暖礼包”")).to_be_visible()
    expect(page.get_by_role("link", name=PRINTED_ON)).to_be_visible()
    expect_readable(page, size["width"])
    page.screenshot(path=SCREENSHOTS / f"unionsite-story-{size['width']}.png", full_page=True)
    page.get_by_role("link", name=UNION, exact=True).click()

    expect(heading).to_have_text(UNION)
    breadcrumb = page.get_by_role("navigation", name="工会层级")
    expect(breadcrumb).to_contain_text("北京市总工会")
    expect(page.get_by_text("温暖礼包（含焖泡壶） 1030份")).to_be_visible()
    expect(page.get_by_text("天桥街道工会服务站").first).to_be_visible()
    breadcrumb.get_by_role("link", name=DISTRICT).click()

    expect(heading).to_have_text(DISTRICT)
    expect(page.get_by_role("link", name=UNION, exact=True)).to_be_visible()
    page.get_by_role("link", name=STORY).click()  # the district rolls up its streets

    expect(heading).to_have_text(STORY)
    page.get_by_role("link", name=PRINTED_ON).click()

    expect(heading).to_have_text("第3版 工会新闻")
    expect(
        page.get_by_text("深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面")
    ).to_be_visible()
    expect(page.get_by_role("link", name=STORY)).to_be_visible()
    expect(page.get_by_text("本报记者 周美玉 摄影报道")).to_be_visible()
    expect_readable(page, size["width"])
    page.screenshot(path=SCREENSHOTS / f"unionsite-epaper-{size['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_front_page_looks_like_a_newspaper(page: Page, demo_site: str, viewport: str):
    size = VIEWPORTS[viewport]
    page.set_viewport_size(size)

    page.goto(f"{demo_site}/")

    expect(page.get_by_role("region", name="要闻")).to_contain_text("以大抓基层为导向")
    expect(page.get_by_role("region", name="学习型组织", exact=True)).to_contain_text("职工书屋")
    expect(page.get_by_role("region", name="图片报道")).to_contain_text("“娘家人”送来暖心慰问")
    expect(page.get_by_role("link", name="寒冬送暖 工会行动")).to_be_visible()
    # The stylesheet is served and applied: the masthead is the paper's red.
    brand = page.get_by_role("link", name="工会报").first
    expect(brand).to_have_css("color", "rgb(179, 18, 27)")
    expect_readable(page, size["width"])
    page.screenshot(path=SCREENSHOTS / f"unionsite-front-{size['width']}.png", full_page=True)
