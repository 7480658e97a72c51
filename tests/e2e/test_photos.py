"""The photo desk in a real Chromium: a reader on a 360 px phone gets only small AVIF or
WebP renditions and swipes the gallery; an editor drops five photos at once on a photo
report, reorders them, sets a focal point and publishes; axe-core finds nothing serious."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from articles.models import Article, ArticleKind, ArticleStatus, Photo
from articles.workflow.roles import sync_roles
from tests.factories import make_article
from tests.photos.conftest import make_photo
from tests.photos.images import plain_image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "has_touch": True}
RENDITION = re.compile(r"/media/photos/r/[0-9a-f]{24}/(\d+)w\.(avif|webp|jpg)$")
COLOURS = [(200, 40, 40), (40, 160, 40), (40, 40, 200), (200, 160, 40), (120, 40, 160)]


@pytest.fixture
def media_site(live_server, settings):
    settings.ROOT_URLCONF = "tests.photos.media_urls"
    return live_server.url


def swipe(page: Page, x: float, y: float, distance: float) -> None:
    """A finger on the touch screen: down at (x, y), ten moves sideways, up."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x + distance * step / 10, "y": y}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def serious_axe_violations(page: Page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_phone_reader_gets_small_avif_or_webp_and_swipes_the_gallery(new_context, media_site):
    article = make_article("通州区总工会走访多源企业", kind=ArticleKind.PHOTO)
    for n, colour in enumerate(COLOURS * 2):
        caption = f"第{n + 1}张：职工在车间"
        make_photo(article, order=n, size=(1600, 1067), colour=colour, caption=caption)
    # bypass_csp: axe-core is injected as a script of the test's own.
    page = new_context(**PHONE, bypass_csp=True).new_page()
    images = []
    page.on("requestfinished", lambda r: images.append(r.url) if "/media/" in r.url else None)

    page.goto(f"{media_site}{article.get_absolute_url()}")
    gallery = page.get_by_role("region", name="组图，共10张")
    expect(gallery).to_be_visible()
    row = gallery.locator(".gallery__list")
    expect(gallery.locator(".gallery__status")).to_have_text("第 1 张，共 10 张")

    # A finger swipes left across the first photo: the next one snaps into place.
    box = row.bounding_box()
    swipe(page, box["x"] + box["width"] * 0.8, box["y"] + 100, -box["width"] * 0.6)
    expect(gallery.locator(".gallery__status")).to_have_text("第 2 张，共 10 张")
    step = page.evaluate(
        "() => { const l = document.querySelector('.gallery__list');"
        " return [l.scrollLeft, l.children[1].offsetLeft - l.children[0].offsetLeft]; }"
    )
    assert abs(step[0] - step[1]) <= 1, step

    # The keyboard and the buttons go on from there.
    row.focus()
    page.keyboard.press("ArrowRight")
    expect(gallery.locator(".gallery__status")).to_have_text("第 3 张，共 10 张")
    gallery.get_by_role("button", name="上一张").click()
    expect(gallery.locator(".gallery__status")).to_have_text("第 2 张，共 10 张")
    gallery.get_by_role("button", name="下一张").click()
    gallery.get_by_role("button", name="下一张").click()
    expect(gallery.locator(".gallery__status")).to_have_text("第 4 张，共 10 张")
    expect(gallery.get_by_text("第4张：职工在车间")).to_be_in_viewport()
    page.wait_for_load_state("networkidle")

    assert len(images) >= 3, images
    for url in images:
        match = RENDITION.search(url)
        assert match, f"not a rendition: {url}"
        assert int(match.group(1)) <= 640 and match.group(2) in ("avif", "webp"), url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    assert serious_axe_violations(page) == []
    page.goto(f"{media_site}/")
    expect(page.get_by_role("heading", name="图片报道")).to_be_visible()
    assert serious_axe_violations(page) == []


def test_without_javascript_the_gallery_is_a_plain_list(new_context, media_site):
    article = make_article("组图", kind=ArticleKind.PHOTO)
    for n in range(3):
        make_photo(article, order=n, caption=f"说明{n + 1}", credit="周美玉 摄")
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(f"{media_site}{article.get_absolute_url()}")
    items = page.get_by_role("list").filter(has_text="说明1").get_by_role("listitem")
    expect(items).to_have_count(3)
    expect(page.get_by_role("button", name="下一张")).to_have_count(0)
    # Stacked: the third photo sits below the first, not beside it.
    first, third = items.nth(0).bounding_box(), items.nth(2).bounding_box()
    assert third["y"] > first["y"] + first["height"] - 1 and abs(third["x"] - first["x"]) < 1


def captions(rows) -> list[str]:
    return rows.locator("textarea").evaluate_all("areas => areas.map(a => a.value)")


def test_an_editor_drops_five_photos_reorders_sets_a_focus_and_publishes(
    new_context, media_site, admin_login, django_user_model
):
    sync_roles(apps)  # a live-server test before this one flushed the data migration's
    django_user_model.objects.create_superuser("zongbian", "z@example.com", "pw-chief-12345")
    article = make_article(
        "通州区总工会走访多源企业",
        kind=ArticleKind.PHOTO,
        status=ArticleStatus.DRAFT,
        body="区总工会走访辖区企业，慰问一线职工。",
    )
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    admin_login(page, "zongbian", "pw-chief-12345")
    page.goto(f"{media_site}/admin/articles/article/{article.pk}/change/")

    files = [
        {
            "name": f"DSC_{n + 1}.jpg",
            "mimeType": "image/jpeg",
            "buffer": plain_image("JPEG", (600, 400), colour),
        }
        for n, colour in enumerate(COLOURS)
    ]
    page.locator("[data-drop-input]").set_input_files(files)
    rows = page.locator("[data-photo-row][data-has-photo]")
    # Each file is taken in and rendered by its own request: give a busy machine time.
    expect(rows).to_have_count(5, timeout=30_000)
    expect(page.locator("[data-drop-status]")).to_have_text(
        "已添加 5 张照片。保存稿件后生效。", timeout=30_000
    )
    for n in range(5):
        rows.nth(n).locator("textarea").fill(f"照片{n + 1}")

    # The last photo goes first, the first goes last.
    for position in (4, 3, 2, 1):
        rows.nth(position).get_by_role("button", name="上移").click()
    assert captions(rows) == ["照片5", "照片1", "照片2", "照片3", "照片4"]
    for position in (1, 2, 3):
        rows.nth(position).get_by_role("button", name="下移").click()
    expected = ["照片5", "照片2", "照片3", "照片4", "照片1"]
    assert captions(rows) == expected

    # The focal point of the new lead photo: a click at the right, near the top.
    picture = rows.nth(0).locator("[data-focal-image]")
    # Measured once the thumbnail has loaded (its height is 0 until then on a busy
    # machine), at whole pixels, which is where Chromium puts a click anyway.
    expect(picture).to_have_js_property("complete", True)
    page.wait_for_function("image => image.naturalHeight > 0", arg=picture.element_handle())
    box = picture.bounding_box()
    picture.click(position={"x": round(box["width"] * 0.8), "y": round(box["height"] * 0.2)})
    expect(rows.nth(0).locator('[name$="-focal_x"]')).to_have_value("80")
    expect(rows.nth(0).locator('[name$="-focal_y"]')).to_have_value("20")

    page.click("button[name=_transition][value=publish]")
    expect(page.locator(".messagelist .success")).to_contain_text("已保存并签发", timeout=30_000)

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    photos = list(Photo.objects.filter(article=article).order_by("order", "pk"))
    assert [p.caption for p in photos] == expected
    assert (photos[0].focal_x, photos[0].focal_y) == (80, 20)
    assert photos[0].renditions["focus"] == [80, 20]

    reader = new_context(**PHONE).new_page()
    reader.goto(f"{media_site}{Article.objects.get(pk=article.pk).get_absolute_url()}")
    figcaptions = reader.locator(".gallery figcaption")
    expect(figcaptions).to_have_count(5)
    seen = [re.sub(r"^\d+/5\s*", "", text).strip() for text in figcaptions.all_inner_texts()]
    assert seen == expected
