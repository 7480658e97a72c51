"""A correspondent's piece from a phone to the printed page, in a real Chromium.

A correspondent of 天桥街道总工会 logs in on a 390-px phone, files a Word file with two
photos in it, and sends it; an editor finds it at the top of the 待审 queue on /admin/
with the credit, the union and both photos; the chief editor puts it on 第3版 as its lead
story (版内顺序 1) and publishes it; the correspondent sees 已采用 with where it was
printed, the link and its points; the quarter's ranking workbook lists the union, its
district and the correspondent with those points. axe-core finds no serious violation on
the desk's pages. Screenshots: /tmp/contribute-390.png, /tmp/contribute-1280.png."""

import os
import re
import tempfile
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from articles.contribute import services
from articles.models import Article, ArticleStatus
from articles.workflow.roles import CHIEF_EDITOR, EDITOR, sync_roles
from tests.contribute.conftest import word_file
from tests.e2e.test_photos import serious_axe_violations
from tests.factories import make_print_page, make_union
from unions.models import UnionLevel

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-newsroom-1"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
TITLE = "天桥街道总工会为300名一线职工送温暖"


@pytest.fixture
def site(live_server, settings):
    settings.ROOT_URLCONF = "tests.photos.media_urls"  # uploaded photos served too
    return live_server.url


@pytest.fixture
def people(django_user_model):
    sync_roles(apps)  # a live-server test before this one flushed the migration's groups
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    tianqiao = make_union(
        "西城区天桥街道总工会",
        level=UnionLevel.STREET,
        parent=district,
        short_name="天桥街道总工会",
    )
    correspondent = services.create_correspondent(
        username="tongxunyuan",
        password=PASSWORD,
        name="张小红",
        unions=[tianqiao],
        email="zhangxh@union.example.org",
    )

    def member(username, group, name):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True, first_name=name
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "union": tianqiao,
        "correspondent": correspondent,
        "editor": member("bianji", EDITOR, "王伟"),
        "chief": member("zongbian", CHIEF_EDITOR, "李明"),
    }


def admin_log_in(page: Page, site: str, username: str) -> Page:
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(f"{site}/admin/")
    return page


def no_serious_violations(page: Page) -> None:
    assert serious_axe_violations(page) == [], page.url


def test_a_correspondents_piece_from_a_phone_to_page_three(
    new_context, site, people, tmp_path, points_table
):
    document = tmp_path / "天桥送温暖.docx"
    document.write_bytes(word_file(TITLE, photos=2).getvalue())

    # The correspondent, on a phone: anonymous → the desk's login page.
    phone = new_context(**PHONE, bypass_csp=True).new_page()
    phone.goto(f"{site}/contribute/")
    expect(phone).to_have_url(f"{site}/contribute/login/?next=/contribute/")
    no_serious_violations(phone)
    phone.fill("#id_username", "tongxunyuan")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="登录").click()
    expect(phone).to_have_url(f"{site}/contribute/")
    expect(phone.get_by_text("您还没有投过稿")).to_be_visible()

    phone.get_by_role("link", name="投稿", exact=True).first.click()
    expect(phone.get_by_label("来稿单位")).to_have_value(str(people["union"].pk))
    no_serious_violations(phone)
    phone.get_by_label("Word 文件").set_input_files(document)
    phone.screenshot(path=SCREENSHOTS / "contribute-390-form.png", full_page=True)
    phone.locator("form.card button[type=submit]").click()
    expect(phone.locator(".messages")).to_contain_text(f"已投稿：《{TITLE}》")
    expect(phone.locator(".state")).to_have_text("已收到")
    expect(phone.locator(".photos picture")).to_have_count(2)
    no_serious_violations(phone)

    story = Article.objects.get()
    assert story.status == ArticleStatus.REVIEW and story.source_union == people["union"]

    # The editor: at the top of the 待审 queue, with the credit, the union and the photos.
    editor = admin_log_in(new_context().new_page(), site, "bianji")
    first = editor.locator("#desk-review tbody th[scope=row]").first
    expect(first).to_have_text(TITLE)
    first.locator("a").click()
    expect(editor.locator("#id_title")).to_have_value(TITLE)
    credit = editor.locator("#credits-group")
    expect(credit).to_contain_text("张小红")
    expect(editor.locator("#id_source_union")).to_contain_text("西城区天桥街道总工会")
    expect(editor.locator("#photos-group img")).to_have_count(2)

    # The chief editor: 第3版, lead story, 签发.
    page_three = make_print_page(number=3)
    chief = admin_log_in(new_context().new_page(), site, "zongbian")
    chief.goto(f"{site}/admin/articles/article/{story.pk}/change/")
    chief.evaluate(
        """([pk, label]) => {
            const select = document.querySelector('#id_print_page');
            select.append(new Option(label, pk, true, true));
        }""",
        [str(page_three.pk), str(page_three)],
    )
    chief.fill("#id_print_order", "1")
    chief.click("button[name=_transition][value=publish]")
    expect(chief.locator(".messagelist .success")).to_be_visible()
    story.refresh_from_db()
    assert story.status == ArticleStatus.PUBLISHED
    assert (story.print_page, story.print_order) == (page_three, 1)

    # The correspondent sees it adopted, where it was printed, and the link.
    phone.goto(f"{site}/contribute/")
    row = phone.locator(".piece").first
    expect(row.locator(".state")).to_have_text("已采用")
    expect(row).to_contain_text("刊于2024年1月23日 第3版")
    # The 考核's points: a 消息 on 其他版 is 4 (the default points table), one correspondent.
    expect(row).to_contain_text("积分 4")
    expect(row.get_by_role("link", name="查看报道")).to_have_attribute(
        "href", story.get_absolute_url()
    )
    no_serious_violations(phone)
    phone.screenshot(path=SCREENSHOTS / "contribute-390.png", full_page=True)
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.screenshot(path=SCREENSHOTS / "contribute-1280.png", full_page=True)
    phone.goto(f"{site}/contribute/{story.pk}/")
    no_serious_violations(phone)
    phone.screenshot(path=SCREENSHOTS / "contribute-1280-piece.png", full_page=True)
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.screenshot(path=SCREENSHOTS / "contribute-390-piece.png", full_page=True)

    # The quarter's ranking workbook, as the chief editor downloads it.
    now = timezone.localtime(story.published_at)
    period = f"{now.year}Q{(now.month - 1) // 3 + 1}"
    chief.goto(f"{site}/admin/scoring/?period={period}")
    with chief.expect_download() as download:
        chief.get_by_role("link", name=re.compile("Excel")).first.click()
    saved = tmp_path / download.value.suggested_filename
    assert saved.suffix == ".xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    rows = {
        sheet: [[cell for cell in row if cell is not None] for row in workbook[sheet].values]
        for sheet in ("单位排名", "通讯员排名")
    }
    for sheet, name in (
        ("单位排名", "西城区天桥街道总工会"),
        ("单位排名", "西城区总工会"),  # the street's points count for its district once
        ("通讯员排名", "张小红"),
    ):
        found = [row for row in rows[sheet] if name in row]
        assert len(found) == 1, (sheet, name, rows[sheet])
        assert 4 in [c for c in found[0] if isinstance(c, (int, float))], found[0]
