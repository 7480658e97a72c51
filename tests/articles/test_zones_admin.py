"""The zones of a printed page, corrected in its admin change page: the editor's JSON is
saved by `articles.services.save_zones`, all or nothing."""

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image, ImageDraw

from articles.models import PageFile, PageZone, PrintPage
from articles.pageimport.pdf import images
from articles.photos import renditions
from articles.services import save_zones
from articles.workflow.roles import EDITOR, REPORTER, sync_roles
from tests.factories import admin_change_data, make_article, make_print_page

pytestmark = pytest.mark.django_db

PAGE_SIZE_PT = (842.0, 1191.0)


def make_page_with_image(number: int = 3, stories: int = 2, width: int = 320) -> PrintPage:
    """A printed page with its PageFile, a drawn page image `width` pixels wide in
    storage, and `stories` reports, each with one zone (the first at the top left, the
    next below it)."""
    page = make_print_page(number=number)
    image = Image.new("RGB", (width, round(width * PAGE_SIZE_PT[1] / PAGE_SIZE_PT[0])), "white")
    draw = ImageDraw.Draw(image)
    line = max(2, width // 100)
    for row in range(0, image.height, line * 4):
        draw.line(
            [(width // 20, row), (width - width // 20, row)], fill=(170, 170, 170), width=line
        )
    manifest = renditions.render(image, images.FOCUS)
    page_file = PageFile(
        print_page=page,
        pdf_sha256="0" * 64,
        width_pt=PAGE_SIZE_PT[0],
        height_pt=PAGE_SIZE_PT[1],
        renditions=manifest,
    )
    page_file.pdf.save("page.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    page_file.save()
    for n in range(stories):
        article = make_article(f"第{n + 1}篇报道", print_page=page, print_order=n + 1)
        PageZone.objects.create(
            print_page=page, article=article, x0=0.05, y0=0.1 + n * 0.3, x1=0.5, y1=0.3 + n * 0.3
        )
    return page


def zones_of(page: PrintPage) -> list[tuple[int, tuple]]:
    return [
        (zone.article_id, zone.box)
        for zone in PageZone.objects.filter(print_page=page).order_by("article_id", "order")
    ]


@pytest.fixture
def editor_client(client, django_user_model):
    sync_roles(apps)
    user = django_user_model.objects.create_user("bianji", password="pw-bianji-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    return client


@pytest.fixture(params=["superuser", "editor"])
def staff_client(request):
    return request.getfixturevalue(f"{request.param}_client")


def change_url(page: PrintPage) -> str:
    return reverse("admin:articles_printpage_change", args=[page.pk])


def test_the_change_page_draws_the_page_image_and_its_zones(staff_client):
    page = make_page_with_image()
    response = staff_client.get(change_url(page))
    assert response.status_code == 200
    content = response.content.decode()
    manifest = page.file.renditions
    assert renditions.width_name(manifest, manifest["widths"][-1][0], "webp") in content
    assert "data-zone-editor" in content
    assert "admin/epaper-zones.js" in content
    zones = json.loads(response.context["adminform"].form["zones"].value())
    assert [zone["article"] for zone in zones] == [a.pk for a in page.articles.order_by("pk")]
    assert zones[0]["box"] == [0.05, 0.1, 0.5, 0.3]


def test_a_page_without_an_image_has_no_zone_editor(superuser_client):
    page = make_print_page()
    response = superuser_client.get(change_url(page))
    assert response.status_code == 200
    assert "data-zone-editor" not in response.content.decode()


def test_posted_zones_replace_the_pages_zones(staff_client):
    page = make_page_with_image()
    first, second = page.articles.order_by("print_order")
    zones = [
        {"article": first.pk, "box": [0.1, 0.2, 0.6, 0.45]},
        {"article": first.pk, "box": [0.6, 0.2, 0.95, 0.3]},
        {"article": second.pk, "box": [0.05, 0.5, 0.9, 0.8]},
    ]
    data = admin_change_data(staff_client, change_url(page), zones=json.dumps(zones))
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 302, response.context["adminform"].errors
    assert zones_of(page) == [
        (first.pk, (0.1, 0.2, 0.6, 0.45)),
        (first.pk, (0.6, 0.2, 0.95, 0.3)),
        (second.pk, (0.05, 0.5, 0.9, 0.8)),
    ]
    assert list(first.zones.values_list("order", flat=True)) == [0, 1]


def test_a_post_without_zones_leaves_them_as_they_are(superuser_client):
    page = make_page_with_image()
    before = zones_of(page)
    data = admin_change_data(superuser_client, change_url(page), name="要闻")
    data.pop("zones")
    assert superuser_client.post(change_url(page), data).status_code == 302
    assert zones_of(page) == before
    page.refresh_from_db()
    assert page.name == "要闻"


def test_removing_every_zone_is_saved(superuser_client):
    page = make_page_with_image()
    data = admin_change_data(superuser_client, change_url(page), zones="[]")
    assert superuser_client.post(change_url(page), data).status_code == 302
    assert zones_of(page) == []


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" * 40,
        json.dumps({"article": 1}),
        json.dumps([[0.1, 0.1, 0.2, 0.2]]),
        json.dumps([{"article": "FIRST", "box": [0.5, 0.1, 0.4, 0.5]}]),
        json.dumps([{"article": "FIRST", "box": [-0.1, 0.1, 0.4, 0.5]}]),
        json.dumps([{"article": "FIRST", "box": [0.1, 0.1, 0.4, 1.5]}]),
        json.dumps([{"article": "FIRST", "box": [0.1, 0.1, 0.4]}]),
        json.dumps([{"article": "FIRST", "box": [True, 0.1, 0.4, 0.5]}]),
        json.dumps([{"article": "FIRST", "box": [0.1, 0.1, 10**400, 0.5]}]),
        '[{"article": FIRST, "box": [0.1, 0.1, NaN, 0.5]}]',
        '[{"article": FIRST, "box": [0.1, 0.1, Infinity, 0.5]}]',
        json.dumps([{"article": "OTHER", "box": [0.1, 0.1, 0.4, 0.5]}]),
        json.dumps([{"article": 999999, "box": [0.1, 0.1, 0.4, 0.5]}]),
        json.dumps([{"article": "FIRST", "box": [0.1, 0.1, 0.2, 0.2]}] * 301),
    ],
)
def test_a_bad_payload_is_a_chinese_error_and_saves_nothing(staff_client, payload):
    page = make_page_with_image()
    other_page = make_print_page(number=4)
    elsewhere = make_article("别的版的稿件", print_page=other_page)
    first = page.articles.order_by("print_order").first()
    payload = payload.replace('"FIRST"', str(first.pk)).replace("FIRST", str(first.pk))
    payload = payload.replace('"OTHER"', str(elsewhere.pk))
    before = zones_of(page)
    data = admin_change_data(staff_client, change_url(page), zones=payload, name="改了版名")
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["zones"]
    assert errors and all(any("\u4e00" <= ch <= "\u9fff" for ch in e) for e in errors)
    assert zones_of(page) == before
    page.refresh_from_db()
    assert page.name == "工会新闻"


def test_a_reporter_cannot_change_a_page(client, django_user_model):
    sync_roles(apps)
    user = django_user_model.objects.create_user("jizhe", password="pw-jizhe-1", is_staff=True)
    user.groups.add(Group.objects.get(name=REPORTER))
    client.force_login(user)
    page = make_page_with_image()
    before = zones_of(page)
    response = client.post(change_url(page), {"zones": "[]", "edition_date": "2024-01-23"})
    assert response.status_code == 403
    assert zones_of(page) == before


def test_save_zones_refuses_a_story_of_another_page_and_keeps_the_old_zones():
    page = make_page_with_image()
    elsewhere = make_article("别的版的稿件", print_page=make_print_page(number=4))
    before = zones_of(page)
    with pytest.raises(Exception, match="没有对应本版的稿件"):
        save_zones(print_page=page, zones=[{"article": elsewhere.pk, "box": [0, 0, 1, 1]}])
    assert zones_of(page) == before


def test_a_zone_of_a_story_moved_to_another_page_is_not_shown(superuser_client):
    page = make_page_with_image()
    moved = page.articles.order_by("print_order").first()
    moved.print_page = make_print_page(number=4)
    moved.save()
    response = superuser_client.get(change_url(page))
    zones = json.loads(response.context["adminform"].form["zones"].value())
    assert moved.pk not in [zone["article"] for zone in zones]
    assert len(zones) == 1
