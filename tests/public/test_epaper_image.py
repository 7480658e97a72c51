"""The e-paper page of a 版 imported from its PDF: the page image, each public story's
zones drawn over it as links, the PDF to download, the share card, and the story's way
back to its zone on the page."""

import datetime
import hashlib
import io
import re
import secrets
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from articles.models import Article, ArticleStatus, PageZone, PrintPage
from articles.pageimport.pdf import images
from articles.pageimport.services import parse_pdf, pdf_text, read_page_pdf, save_page
from articles.public.epaper import overlay_rects
from tests.factories import make_article, make_print_page
from tests.public.test_epaper import PAGE_WITH_IMAGE_QUERIES

pytestmark = pytest.mark.django_db

JAN_23 = datetime.date(2024, 1, 23)
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

# --- A page PDF -------------------------------------------------------------------------

# A broadsheet 版 (A3-ish, in points) set in four columns of 10 pt type, its stories two
# abreast, each under a headline across its two columns, as the paper sets a news page.
PAGE_W, PAGE_H = 842, 1191
MARGIN = 40
COLUMN_W, GUTTER = 181.5, 12  # four of them fill the width between the margins
BODY, LEADING = 10, 15
ROW_TOP, ROW_HEIGHT, BODY_ROWS = 130, 340, 18  # a row of stories: headline, 18 lines

SENTENCES = [
    "区总工会坚持以职工需求为导向，把服务阵地建在职工身边。",
    "活动现场，工会干部为一线职工送上米、面、油等慰问品，并详细询问他们的工作和生活情况。",
    "近年来，各级工会组织持续深化“我为职工办实事”实践活动，推动服务资源向基层倾斜。",
    "职工们纷纷表示，工会“娘家人”的关怀让他们感受到了温暖，干劲更足了。",
    "下一步，区总工会将继续完善服务职工工作体系，健全常态化帮扶机制。",
    "街道总工会整合辖区资源，建成职工之家、职工书屋和户外劳动者服务站点十余个。",
]


def _register_font() -> None:
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))


def _body_lines(number: int, reporter: str, per_line: int) -> list[str]:
    paragraphs = [f"本报讯（记者 {reporter}）" + SENTENCES[number % len(SENTENCES)]]
    paragraphs += [SENTENCES[(number + n) % len(SENTENCES)] * 2 for n in range(1, 8)]
    lines = []
    for paragraph in paragraphs:
        chars = "\u3000\u3000" + paragraph  # the two-character indent
        lines += [chars[i : i + per_line] for i in range(0, len(chars), per_line)]
    return lines[: 2 * BODY_ROWS]


def page_pdf(
    stories: list[tuple[str, str]],
    *,
    banner: str = "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面",
) -> bytes:
    """A one-page PDF of the 版 with these (title, reporter) stories: the page header, a
    banner, the stories two abreast, each a headline over two columns of body text, and
    the folio at the foot. Body characters are set one by one on the column grid, as a
    layout system places them."""
    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=True)  # the same bytes each time

    def text(x: float, top: float, line: str, size: float) -> None:
        canvas.setFont("WQY", size)
        canvas.drawString(x, PAGE_H - top - size * 0.88, line)

    text(MARGIN, 20, "工会报  2024年1月23日 星期二  第3版 工会新闻", 9)
    canvas.line(MARGIN, PAGE_H - 40, PAGE_W - MARGIN, PAGE_H - 40)
    text(MARGIN + 20, 60, banner, 28)
    for number, (title, reporter) in enumerate(stories):
        row, side = divmod(number, 2)
        left, top = MARGIN + side * 2 * (COLUMN_W + GUTTER), ROW_TOP + row * ROW_HEIGHT
        text(left, top, title, 22)
        top += 40
        for index, line in enumerate(_body_lines(number, reporter, int(COLUMN_W // BODY))):
            column, line_number = divmod(index, BODY_ROWS)
            x = left + column * (COLUMN_W + GUTTER)
            for place, char in enumerate(line):
                if char != "\u3000":
                    text(x + place * BODY, top + line_number * LEADING, char, BODY)
    canvas.line(MARGIN, PAGE_H - 1150, PAGE_W - MARGIN, PAGE_H - 1150)
    text(MARGIN, 1160, "责任编辑 王伟  版式 李明", 9)
    canvas.save()
    return buffer.getvalue()


# Six stories filling the page, as a news page runs them.
FULL_PAGE = [
    ("以大抓基层为导向健全服务职工体系", "崔欣"),
    ("昌平区总工会启动“两节”送温暖活动", "边磊"),
    ("天桥街道建成户外劳动者服务站", "陈曦"),
    ("通州区总工会走访慰问一线职工", "周美玉"),
    ("职工书屋开进生产一线车间班组", "王伟"),
    ("区总工会举办第十届职工技能大赛", "李明"),
]


# Each PDF's page image as first rendered in this run: its manifest and files by name.
_RENDERED: dict[str, tuple[dict, dict[str, bytes]]] = {}


@pytest.fixture(autouse=True)
def _page_images_rendered_once(monkeypatch):
    """The import renders a page's image once per run and stores a copy under a new key
    for each later test: making the AVIFs takes seconds, and storage is a new folder
    per test (tests/conftest.py)."""
    render = images.render

    def render_once(data: bytes, index: int) -> dict:
        digest = hashlib.sha256(data).hexdigest()
        if digest not in _RENDERED:
            manifest = render(data, index)
            files = {}
            for name in images.names(manifest):
                with default_storage.open(name, "rb") as stored:
                    files[name] = stored.read()
            _RENDERED[digest] = manifest, files
            return manifest
        manifest, files = _RENDERED[digest]
        copy = {**manifest, "key": secrets.token_hex(12)}
        for name, content in files.items():
            default_storage.save(name.replace(manifest["key"], copy["key"]), ContentFile(content))
        return copy

    monkeypatch.setattr(images, "render", render_once)


def import_page(pdf: bytes, *, day=JAN_23, number=3, publish=True) -> PrintPage:
    """The page imported from its PDF as an editor does, its drafts published."""
    parsed = parse_pdf(read_page_pdf(pdf))
    result = save_page(
        parsed=parsed,
        raw_text=pdf_text(parsed),
        edition_date=day,
        page_number=number,
        page_name="工会新闻",
        pdf=pdf,
    )
    if publish:
        # Whole seconds, as the demo's: `<time datetime>` on the story page prints
        # microseconds, which the W3C checker refuses (a `date:'c'` of the shared base).
        an_hour_ago = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
        Article.objects.filter(page_import=result.page_import).update(
            status=ArticleStatus.PUBLISHED, published_at=an_hour_ago
        )
    return result.page_import.print_page


# --- What the page prints ---------------------------------------------------------------

RECT = re.compile(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"')
# A story on the overlay: the mask of its zones, its link around them, their outline.
STORY_ON_PAGE = re.compile(
    r'<g id="story-(\d+)">\s*<mask id="story-\1-inside"[^>]*><rect [^>]*/>(.*?)</mask>\s*'
    r'(<a [^>]*>)(.*?)<g class="epaper-zones__outline" mask="url\(#story-\1-inside\)">'
    r"(.*?)</g></a>\s*</g>",
    re.DOTALL,
)


@dataclass
class Drawn:
    link: str  # the `<a>` tag
    rects: list[tuple[float, ...]]  # the link's area, one rect a zone
    outline: str  # the markup of the outline's rects
    mask: list[tuple[float, ...]]


def rects_in(markup: str) -> list[tuple[float, ...]]:
    return [tuple(float(n) for n in found) for found in RECT.findall(markup)]


def story_groups(html: str) -> dict[int, Drawn]:
    """The stories drawn on the overlay by pk, in the order of the page."""
    return {
        int(pk): Drawn(link, rects_in(area), outline, rects_in(mask))
        for pk, mask, link, area, outline in STORY_ON_PAGE.findall(html)
    }


@pytest.fixture
def imported():
    page = import_page(page_pdf(FULL_PAGE))
    return page, list(page.articles.in_print_order())


def test_the_page_shows_its_image_with_a_link_on_each_storys_zones(client, imported):
    page, stories = imported

    html = client.get(page.get_absolute_url()).content.decode()

    manifest = page.file.renditions
    assert f"/media/photos/r/{manifest['key']}/640w.avif 640w" in html
    assert 'alt="第3版 工会新闻 版面图"' in html
    assert 'loading="eager"' in html and 'fetchpriority="high"' in html
    assert '<svg class="epaper-zones" viewBox="0 0 1000 1000" preserveAspectRatio="none"' in html
    groups = story_groups(html)
    assert list(groups) == [story.pk for story in stories]  # in print order
    for story in stories:
        drawn = groups[story.pk]
        assert drawn.link == f'<a href="{story.get_absolute_url()}" aria-label="{story.title}">'
        zones = list(story.zones.order_by("order", "pk"))
        rects = drawn.rects
        assert len(rects) == len(zones) >= 2  # the headline and its columns
        # The outline and its mask are drawn from the same rects.
        assert rects_in(drawn.outline) == drawn.mask == rects
        for (x, y, width, height), zone in zip(rects, zones, strict=True):
            # The zone ×1000, drawn up to 5 units outside the text it holds.
            outside = [
                zone.x0 * 1000 - x,
                zone.y0 * 1000 - y,
                x + width - zone.x1 * 1000,
                y + height - zone.y1 * 1000,
            ]
            assert all(-0.1 <= side <= 5.1 for side in outside), (outside, zone.box)
            assert 0 <= x < x + width <= 1000 and 0 <= y < y + height <= 1000
        assert drawn.outline.count('vector-effect="non-scaling-stroke"/>') == len(zones)
    # The list of stories stays below the image, for keyboards and screen readers.
    assert html.index("epaper-zones") < html.index('<article class="page-story">')
    assert " style=" not in html  # the Content-Security-Policy allows no inline style


def test_the_zones_stand_where_the_stories_were_printed(client, imported):
    page, stories = imported

    html = client.get(page.get_absolute_url()).content.decode()

    # Two abreast down the page: each story's zones in its half of the page and its row,
    # under the page header and the banner.
    groups = story_groups(html)
    for number, story in enumerate(stories):
        row, side = divmod(number, 2)
        top = (ROW_TOP + row * ROW_HEIGHT) / PAGE_H * 1000
        for x, y, width, height in groups[story.pk].rects:
            assert (x < 500) == (side == 0) and (x + width <= 500) == (side == 0), story
            assert top - 10 <= y and y + height <= top + ROW_HEIGHT / PAGE_H * 1000, story


def test_only_public_stories_have_zones_on_the_page(client, imported):
    page, stories = imported
    draft, scheduled = stories[1], stories[2]
    Article.objects.filter(pk=draft.pk).update(status=ArticleStatus.DRAFT, published_at=None)
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + datetime.timedelta(hours=3)
    )

    html = client.get(page.get_absolute_url()).content.decode()

    assert list(story_groups(html)) == [stories[0].pk, *(s.pk for s in stories[3:])]
    assert draft.title not in html and scheduled.title not in html
    assert draft.get_absolute_url() not in html


def test_a_story_without_zones_is_listed_but_not_drawn(client, imported):
    page, _ = imported
    added = make_article("补登的简讯", print_page=page, print_order=9)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "补登的简讯" in html
    assert added.pk not in story_groups(html)
    assert f'id="story-{added.pk}"' not in html


def test_the_page_offers_its_pdf_and_links_to_the_back_issues(client, imported):
    page, _ = imported

    html = client.get(page.get_absolute_url()).content.decode()

    assert f'href="{page.file.pdf.url}" type="application/pdf">下载本版 PDF</a>' in html
    assert page.file.pdf.url.endswith(".pdf")
    assert '<a href="/epaper/back-issues/">往期</a>' in html
    assert 'href="/epaper/2024-01-23/">本期目录</a>' in html


def test_the_share_card_is_the_page_images_og_crop(client, imported):
    page, _ = imported

    html = client.get(page.get_absolute_url()).content.decode()

    manifest = page.file.renditions
    og = f"http://testserver/media/photos/r/{manifest['key']}/og-50-15.jpg"
    assert f'<meta property="og:image" content="{og}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_a_page_without_a_file_looks_as_before(client):
    page = make_print_page(JAN_23, 3)
    make_article("没有版面图的稿件", print_page=page)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "没有版面图的稿件" in html
    assert "<svg" not in html and "<picture" not in html and "下载本版 PDF" not in html
    assert 'property="og:image"' not in html
    assert '<div class="epaper-layout">' in html


def test_a_page_whose_image_is_not_made_yet_shows_no_image(client, imported):
    page, _ = imported
    page.file.renditions = {}
    page.file.save(update_fields=["renditions"])

    html = client.get(page.get_absolute_url()).content.decode()

    assert "<svg" not in html and "<picture" not in html
    assert 'property="og:image"' not in html


def test_a_story_links_back_to_its_zone_on_the_page(client, imported):
    page, stories = imported
    story = stories[1]

    html = client.get(story.get_absolute_url()).content.decode()

    assert f'见报：<a href="/epaper/2024-01-23/3/#story-{story.pk}">' in html
    page_html = client.get(page.get_absolute_url()).content.decode()
    assert f'<g id="story-{story.pk}">' in page_html


@pytest.mark.parametrize("stories", [1, 6])
def test_the_page_with_an_image_takes_one_more_query_flat_as_stories_grow(
    client, django_assert_num_queries, stories
):
    page = import_page(page_pdf(FULL_PAGE[:stories]))
    assert page.zones.count() >= 2 * stories
    for n in range(stories * 5):  # and more stories without zones, from other sources
        make_article(f"简讯{n}", print_page=page, print_order=10 + n)
    client.get(page.get_absolute_url())

    with django_assert_num_queries(PAGE_WITH_IMAGE_QUERIES):
        response = client.get(page.get_absolute_url())
    assert len(story_groups(response.content.decode())) == stories


def test_a_lone_zone_is_drawn_a_little_outside_its_text_within_the_page():
    assert overlay_rects([(0.25, 0.5, 0.75, 0.625)]) == [(245, 495, 510, 135)]
    assert overlay_rects([(0, 0.0001, 1, 1)]) == [(0, 0, 1000, 1000)]


def test_zones_side_by_side_meet_halfway_and_touching_ones_keep_their_edge():
    headline = (0.1, 0.1, 0.5, 0.15)
    first_column = (0.1, 0.15, 0.296, 0.5)  # right under the headline
    second_column = (0.304, 0.15, 0.5, 0.5)  # 8 units to the right of the first
    rects = overlay_rects([headline, first_column, second_column])
    # The columns meet at 300, halfway; the headline's foot is the columns' head.
    assert rects == [(95, 95, 410, 55), (95, 150, 205, 355), (300, 150, 205, 355)]


def test_no_drawn_zone_covers_another(client, imported):
    page, _ = imported

    html = client.get(page.get_absolute_url()).content.decode()

    rects = [rect for drawn in story_groups(html).values() for rect in drawn.rects]
    assert len(rects) == page.zones.count()
    for index, (x, y, width, height) in enumerate(rects):
        for ox, oy, other_width, other_height in rects[index + 1 :]:
            apart_x = x + width <= ox + 0.1 or ox + other_width <= x + 0.1
            apart_y = y + height <= oy + 0.1 or oy + other_height <= y + 0.1
            assert apart_x or apart_y


def test_a_zone_moved_in_the_database_shows_on_the_next_request(
    imported, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROLLUP_CACHE_SECONDS = 600
    cache.clear()
    page, stories = imported
    client = Client()
    url = page.get_absolute_url()
    before = client.get(url).content.decode()
    with django_assert_num_queries(0):  # served from the page cache
        assert client.get(url).content.decode() == before
    zone = PageZone.objects.filter(article=stories[0]).order_by("order", "pk").first()

    with django_capture_on_commit_callbacks(execute=True):
        zone.x0, zone.y0 = 0.5, 0.985  # into the foot margin, where no other zone is
        zone.x1, zone.y1 = 0.75, 0.995
        zone.save()

    after = client.get(url).content.decode()
    assert (495, 980, 260, 20) in story_groups(after)[stories[0].pk].rects
    assert after != before
    cache.clear()
