"""The 数字报 page in a real Chromium: a reader on a phone gets a page image of at most
~200 KB, taps a story on it and reads it, and the story's 见报 link brings them back to
the page with the story's zones marked; axe-core and the W3C checker find nothing wrong.
Screenshots for a human to look at: /tmp/epaper-360.png, /tmp/epaper-1280.png and the
marked zone, /tmp/epaper-360-target.png."""

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.e2e.test_photos import serious_axe_violations
from tests.public.test_epaper_image import FULL_PAGE, import_page, page_pdf
from tests.safety.test_w3c_and_csp import VNU

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))
PAGE_IMAGE = re.compile(r"/media/photos/r/[0-9a-f]{24}/(\d+)w\.(avif|webp|jpg)$")
# What a phone may spend on the page image: it is a map of the page, read by tapping.
MAX_IMAGE_BYTES = 200_000
RED = "rgb(179, 18, 27)"


def phone(density: float) -> dict:
    return {
        "viewport": {"width": 360, "height": 740},
        "device_scale_factor": density,
        "has_touch": True,
        "is_mobile": True,
    }


@pytest.fixture
def epaper(live_server, settings):
    """The live server serving media, and a page imported from its PDF and published."""
    settings.ROOT_URLCONF = "tests.photos.media_urls"
    page = import_page(page_pdf(FULL_PAGE))
    return live_server.url, page, list(page.articles.in_print_order())


def images_loaded(page: Page) -> list[tuple[str, int]]:
    """Every image the page asks for, with the bytes of its body, as it loads."""
    loaded = []

    def finished(request) -> None:
        if request.resource_type == "image":
            loaded.append((request.url, len(request.response().body())))

    page.on("requestfinished", finished)
    return loaded


def zone_stroke(page: Page, pk: int) -> str:
    """The colour a story's outline is drawn in ("none": not drawn)."""
    outline = page.locator(f"#story-{pk} .epaper-zones__outline rect").first
    return outline.evaluate("r => getComputedStyle(r).stroke")


def zone(page: Page, pk: int, index: int = 0):
    """One of the story's zones on the page: the link's area that takes the tap."""
    return page.locator(f"#story-{pk} a > rect").nth(index)


@pytest.mark.parametrize("density", [1, 2, 3])
def test_a_phone_downloads_a_page_image_of_at_most_200_kb(new_context, epaper, density):
    url, print_page, _ = epaper
    page = new_context(**phone(density)).new_page()
    loaded = images_loaded(page)

    page.goto(url + print_page.get_absolute_url())
    expect(page.locator(".epaper-sheet__image")).to_be_visible()
    page.wait_for_load_state("networkidle")

    page_images = [(u, size) for u, size in loaded if PAGE_IMAGE.search(u)]
    assert len(page_images) == 1, loaded
    width, kind = PAGE_IMAGE.search(page_images[0][0]).groups()
    assert kind == "avif" and int(width) <= 960, page_images
    total = sum(size for _, size in loaded)
    print(f"density {density}: {page_images[0][0].rsplit('/', 1)[-1]} {total} bytes")
    assert total <= MAX_IMAGE_BYTES, loaded
    # The page edge to edge, the zones exactly over it, nothing sticking out sideways.
    picture = page.locator(".epaper-sheet__image").bounding_box()
    zones = page.locator(".epaper-zones").bounding_box()
    assert picture["width"] == 360 and picture["x"] == 0
    assert zones == pytest.approx(picture, abs=0.5)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_reader_taps_a_story_on_the_page_and_comes_back_to_it(new_context, epaper):
    url, print_page, stories = epaper
    story = stories[3]
    page = new_context(**phone(3), bypass_csp=True).new_page()  # axe is a script of ours

    page.goto(url + print_page.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("第3版 工会新闻")
    page.screenshot(path=SCREENSHOTS / "epaper-360.png", full_page=True)
    assert serious_axe_violations(page) == []
    # Untouched, no zone is drawn over the page.
    assert {zone_stroke(page, s.pk) for s in stories} == {"none"}

    # A tap on the story's body text on the page opens the story.
    zone(page, story.pk, 1).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)
    back = page.get_by_role("link", name="2024年1月23日 第3版 工会新闻")
    expect(back).to_have_attribute("href", f"/epaper/2024-01-23/3/#story-{story.pk}")

    # Its 见报 link goes back to the page with the story's zones marked (:target).
    back.click()
    expect(page).to_have_url(re.compile(rf"/epaper/2024-01-23/3/#story-{story.pk}$"))
    assert page.evaluate("document.querySelector(':target').id") == f"story-{story.pk}"
    assert zone_stroke(page, story.pk) == RED
    assert zone_stroke(page, stories[0].pk) == "none"
    # Scrolled to the zone: it is on the screen.
    expect(zone(page, story.pk)).to_be_in_viewport()
    page.screenshot(path=SCREENSHOTS / "epaper-360-target.png")


def test_on_a_desktop_the_zones_show_on_hover_and_keyboard_focus(new_context, epaper):
    url, print_page, stories = epaper
    page = new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()

    page.goto(url + print_page.get_absolute_url())
    expect(page.locator(".epaper-sheet__image")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # The page beside its list of stories.
    sheet = page.locator(".epaper-sheet").bounding_box()
    listed = page.locator(".printed-page").bounding_box()
    assert listed["x"] > sheet["x"] + sheet["width"] and abs(listed["y"] - sheet["y"]) < 2
    page.screenshot(path=SCREENSHOTS / "epaper-1280.png", full_page=True)
    assert serious_axe_violations(page) == []

    zone(page, stories[1].pk).hover()
    assert zone_stroke(page, stories[1].pk) == RED
    assert zone_stroke(page, stories[2].pk) == "none"
    page.screenshot(path=SCREENSHOTS / "epaper-1280-hover.png")

    # The keyboard reaches each story on the page, in print order, after the page chips.
    page.mouse.move(0, 0)
    page.locator(".chips a").last.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == stories[0].title
    assert zone_stroke(page, stories[0].pk) == RED
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == stories[1].title
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(stories[1].title)


@pytest.mark.skipif(not shutil.which("java") or not VNU.exists(), reason="make system-deps")
def test_the_page_passes_the_w3c_checker(epaper, tmp_path):
    _, print_page, stories = epaper
    files = []
    for name, address in (
        ("page", print_page.get_absolute_url()),
        ("story", stories[0].get_absolute_url()),
    ):
        path = tmp_path / f"{name}.html"
        path.write_bytes(Client().get(address).content)
        files.append(str(path))
    assert "<svg" in Path(files[0]).read_text(encoding="utf-8")
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url')}: {m['message']}" for m in messages] == []
