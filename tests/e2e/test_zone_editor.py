"""The zone editor in a real Chromium: an editor (编辑) drags a story's zone to where the
story stands, resizes another by its corner, nudges it with the keyboard and saves; the
saved zones moved. No script is refused by the admin's Content-Security-Policy."""

import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import PageZone
from articles.workflow.roles import EDITOR, sync_roles
from tests.articles.test_zones_admin import make_page_with_image

SCREENSHOTS = Path(tempfile.gettempdir())  # looked at by hand, not compared

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-bianji-12345"


@pytest.fixture
def media_site(live_server, settings):
    settings.ROOT_URLCONF = "tests.photos.media_urls"
    return live_server.url


@pytest.fixture
def editor(django_user_model):
    sync_roles(apps)  # a live-server test before this one flushed the data migration's
    user = django_user_model.objects.create_user("bianji", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def drag(page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(
            start[0] + (end[0] - start[0]) * step / 10, start[1] + (end[1] - start[1]) * step / 10
        )
    page.mouse.up()


def test_an_editor_drags_a_zone_to_a_new_place_and_saves(
    new_context, media_site, admin_login, editor
):
    print_page = make_page_with_image(width=640)
    first, second = print_page.articles.order_by("print_order")
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if message.type == "error" else None,
    )
    admin_login(page, "bianji", PASSWORD)
    page.goto(f"{media_site}/admin/articles/printpage/{print_page.pk}/change/")

    editor_box = page.locator("[data-zone-editor]")
    sheet = editor_box.locator("[data-zone-sheet]")
    zones = sheet.locator("[data-zone]")
    expect(zones).to_have_count(2)
    expect(sheet.locator("img")).to_have_js_property("complete", True)
    editor_box.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "zones-before.png", full_page=True)

    area = sheet.bounding_box()
    # The first story's zone, [0.05, 0.1, 0.5, 0.3], taken by its middle and moved a
    # fifth of the page right and a tenth down.
    box = zones.nth(0).bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    drag(page, middle, (middle[0] + area["width"] * 0.2, middle[1] + area["height"] * 0.1))
    expect(zones.nth(0)).to_have_attribute("aria-pressed", "true")

    # The second story's zone, [0.05, 0.4, 0.5, 0.6], made wider by its lower right
    # corner, then nudged down by the keyboard (Shift: 2 % of the page).
    zones.nth(1).click()
    handle = zones.nth(1).locator("[data-handle=se]")
    corner = handle.bounding_box()
    centre = (corner["x"] + corner["width"] / 2, corner["y"] + corner["height"] / 2)
    drag(page, centre, (centre[0] + area["width"] * 0.3, centre[1]))
    zones.nth(1).focus()
    page.keyboard.press("Shift+ArrowDown")
    page.screenshot(path=SCREENSHOTS / "zones-moved.png", full_page=True)

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("[data-zone-editor] [data-zone]")).to_have_count(2)
    page.locator("[data-zone-editor]").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "zones-saved.png", full_page=True)

    moved = PageZone.objects.get(article=first).box
    assert moved == pytest.approx((0.25, 0.2, 0.7, 0.4), abs=0.01)
    resized = PageZone.objects.get(article=second).box
    assert resized == pytest.approx((0.05, 0.42, 0.8, 0.62), abs=0.01)
    assert not [text for text in refused if "Content Security Policy" in text], refused
