"""The import screen with a 版's PDF: the preview shows the reports and where they stand,
the PDF waits in staging until the confirm saves drafts, the PDF, the page image and the
zones; a scan is kept as its image alone; a bad file is the PDF field's error in Chinese
and nothing is written."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from articles.models import Article, ArticleStatus, PageFile, PageImport, PageZone, PrintPage
from articles.pageimport import forms as import_forms
from articles.workflow.roles import EDITOR, sync_roles

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_pageimport_add")
PLACEMENT = {"edition_date": "2024-01-23", "page_number": "3", "page_name": "工会新闻"}
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
WIDTH, HEIGHT = 842, 1191

FIRST_TITLE = "以大抓基层为导向健全服务职工工作体系"
SECOND_TITLE = "昌平区总工会启动“两节”送温暖活动"


def _canvas(buffer, **options) -> Canvas:
    if "Hei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Hei", FONT, subfontIndex=0))
    return Canvas(buffer, pagesize=(WIDTH, HEIGHT), **options)


def _text(canvas: Canvas, x: float, top: float, text: str, size: float) -> None:
    """Text with its top `top` points below the page's top edge."""
    canvas.setFont("Hei", size)
    canvas.drawString(x, HEIGHT - top - size * 0.88, text)


def _columns(canvas, x, top, paragraphs, size, columns, width, lines_per_column) -> None:
    """Body copy set character by character in columns, each paragraph indented two."""
    per_line = int(width // size)
    lines = []
    for paragraph in paragraphs:
        chars = list("\u3000\u3000" + paragraph)
        while chars:
            lines.append(chars[:per_line])
            chars = chars[per_line:]
    for index, line in enumerate(lines[: columns * lines_per_column]):
        column, row = divmod(index, lines_per_column)
        for k, char in enumerate(line):
            if char != "\u3000":
                _text(
                    canvas, x + column * (width + 12) + k * size, top + row * size * 1.5, char, size
                )


def news_page(pages: int = 1, **options) -> bytes:
    """A 版 with a page header, a banner and two reports, like the layout system's."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, **options)
    for _ in range(pages):
        _text(canvas, 40, 20, "工会报  2024年1月23日 星期二  第3版 工会新闻", 9)
        canvas.line(40, HEIGHT - 40, WIDTH - 40, HEIGHT - 40)
        _text(canvas, 60, 60, "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面", 28)
        _text(canvas, 40, 150, "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局", 16)
        _text(canvas, 40, 172, FIRST_TITLE, 26)
        _columns(
            canvas,
            40,
            215,
            [
                "本报讯（记者 崔欣）中关村科技园区怀柔园管理委员会工会联合会主打的工作方法是"
                "“加减乘除法”；龙山街道总工会在做好“娘家人”“贴心人”等方面频出新招。",
                "“在消除职工后顾之忧、减轻职工职场压力方面，我们探索多做‘减法’。”"
                "中关村怀柔园工会副主席杨艳介绍道。",
            ],
            10,
            4,
            120,
            12,
        )
        _text(canvas, 40, 420, SECOND_TITLE, 24)
        _columns(
            canvas,
            40,
            460,
            [
                "本报讯（记者 边磊 通讯员 蔡洪玉）1月19日，昌平区总工会启动“两节”送温暖活动，"
                "为一线职工送去温暖。",
                "活动现场，工会为职工送上米、面、油等慰问品。",
            ],
            10,
            3,
            120,
            6,
        )
        canvas.line(40, HEIGHT - 1150, WIDTH - 40, HEIGHT - 1150)
        _text(canvas, 40, 1160, "责任编辑 王伟  版式 李明", 9)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def scanned_page() -> bytes:
    """A page with no text layer: only drawn shapes, as a scan's picture would be."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    for row in range(60, 1150, 30):
        canvas.rect(40, HEIGHT - row, 760, 12, fill=1, stroke=0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def garbled_page() -> bytes:
    """A page whose text is Latin garbage, as fonts without a Unicode map decode to."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    canvas.setFont("Helvetica", 12)
    for row in range(10):
        canvas.drawString(40, HEIGHT - 80 - row * 20, "Qxvbn Zrtplk Wmfgh Jkdsa Yuiop" * 2)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def upload(data: bytes, name: str = "page03.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/pdf")


def preview(client, data: bytes, **extra):
    return client.post(URL, {**PLACEMENT, "preview": "1", "pdf": upload(data), **extra})


def confirm_data(response) -> dict:
    """The preview's forms as the browser would post them back unchanged."""
    data = {}
    formset = response.context["formset"]
    for form in [response.context["form"], formset.management_form, *formset]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    data["confirm"] = "1"
    return data


def staged_files() -> list[str]:
    if not default_storage.exists(import_forms.STAGING_FOLDER):
        return []
    return default_storage.listdir(import_forms.STAGING_FOLDER)[1]


def nothing_written() -> bool:
    return not (
        Article.objects.exists()
        or PageImport.objects.exists()
        or PageFile.objects.exists()
        or PageZone.objects.exists()
        or PrintPage.objects.exists()
    )


@pytest.fixture
def editor_client(client, django_user_model):
    sync_roles(apps)
    user = django_user_model.objects.create_user("bianji", password="pw-bianji-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    return client


@pytest.fixture(params=["superuser", "editor"])
def staff_client(request, unions_and_topics):
    return request.getfixturevalue(f"{request.param}_client")


def test_the_import_screen_offers_a_pdf_upload(superuser_client):
    content = superuser_client.get(URL).content.decode()
    assert "或上传版面 PDF" in content
    assert 'accept="application/pdf,.pdf"' in content


def test_a_pdf_is_previewed_with_its_reports_and_their_zones(staff_client):
    response = preview(staff_client, news_page())
    assert response.status_code == 200
    formset = response.context["formset"]
    titles = [form["title"].value() for form in formset]
    assert titles == [FIRST_TITLE, SECOND_TITLE]
    assert formset[0]["kicker"].value() == "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局"
    assert "记者 崔欣" in formset[0]["credits"].value()
    zones = json.loads(formset[0]["zones"].value())
    assert zones and all(len(zone) == 4 and 0 <= min(zone) <= max(zone) <= 1 for zone in zones)
    assert response.context["form"]["banner"].value() == (
        "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"
    )
    content = response.content.decode()
    assert "data:image/webp;base64," in content  # the page, with its zones drawn
    assert content.count('class="zone"') == sum(
        len(json.loads(form["zones"].value())) for form in formset
    )
    # The PDF waits in staging; nothing else is written before the confirm.
    assert len(staged_files()) == 1
    assert not Article.objects.exists() and not PageFile.objects.exists()


def test_confirm_saves_drafts_the_pdf_the_page_image_and_the_zones(staff_client):
    response = preview(staff_client, news_page())
    data = confirm_data(response)
    moved = [[0.1, 0.2, 0.6, 0.3]]
    data["reports-1-zones"] = json.dumps(moved)
    response = staff_client.post(URL, data)
    assert response.status_code == 302, response.context["form"].errors
    page = PrintPage.objects.get(edition_date="2024-01-23", number=3)
    first, second = page.articles.order_by("print_order")
    assert (first.title, second.title) == (FIRST_TITLE, SECOND_TITLE)
    assert {first.status, second.status} == {ArticleStatus.DRAFT}
    page_file = page.file
    assert (page_file.width_pt, page_file.height_pt) == (WIDTH, HEIGHT)
    assert page_file.renditions["widths"]
    assert default_storage.exists(page_file.pdf.name)
    assert first.zones.count() >= 1
    assert [list(zone.box) for zone in second.zones.all()] == moved
    assert PageImport.objects.get().raw_text.count(FIRST_TITLE) == 1
    # The staged PDF goes with the confirm.
    assert staged_files() == []


def test_a_pdf_import_without_text_needs_no_text(superuser_client, unions_and_topics):
    response = superuser_client.post(
        URL, {**PLACEMENT, "preview": "1", "text": "", "pdf": upload(news_page())}
    )
    assert "text" not in response.context["form"].errors
    assert len(response.context["formset"].forms) == 2


@pytest.mark.parametrize("data", [scanned_page, garbled_page], ids=["scan", "garbled"])
def test_a_page_without_usable_text_is_kept_as_its_image_alone(staff_client, data):
    response = preview(staff_client, data())
    assert response.status_code == 200
    assert response.context["formset"] is None
    content = response.content.decode()
    assert response.context["pdf"]["message"] in content
    assert "只保存版面图（稍后手工划定区域）" in content
    assert not PrintPage.objects.exists()

    token = response.context["form"]["staged_pdf"].value()
    response = staff_client.post(URL, {**PLACEMENT, "staged_pdf": token, "save_image": "1"})
    page = PrintPage.objects.get(edition_date="2024-01-23", number=3)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_printpage_change", args=[page.pk])
    assert page.file.renditions["widths"]
    assert page.file.text_layer in ("none", "unreadable")
    assert not Article.objects.exists() and not PageZone.objects.exists()
    assert staged_files() == []
    # Where the editor is sent, the page image waits for its zones.
    assert "data-zone-editor" in staff_client.get(response["Location"]).content.decode()


def encrypted_page() -> bytes:
    buffer = io.BytesIO()
    canvas = _canvas(buffer, encrypt="secret")
    _text(canvas, 40, 40, "加密的版面" * 10, 12)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


BAD_FILES = {
    "not a pdf": (lambda: "第3版 工会新闻".encode(), "不是 PDF"),
    # The reader says 已加密 and 损坏 once it sees pdfminer's errors through pdfplumber's
    # wrapper (PdfminerException); until then, its general 无法读取.
    "encrypted": (encrypted_page, ("已加密", "无法读取")),
    "damaged": (lambda: news_page()[:2000], ("损坏", "无法读取")),
    "two pages": (lambda: news_page(pages=2), "超过上限 1 页"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_the_pdf_fields_error_and_nothing_is_written(staff_client, name):
    make, words = BAD_FILES[name]
    response = preview(staff_client, make())
    assert response.status_code == 200
    errors = response.context["form"].errors["pdf"]
    words = (words,) if isinstance(words, str) else words
    assert any(word in error for error in errors for word in words), errors
    assert nothing_written()
    assert staged_files() == []


def test_a_pdf_over_the_limit_is_refused_before_it_is_read(superuser_client, monkeypatch):
    monkeypatch.setattr(import_forms, "MAX_PDF_BYTES", 10_000)
    response = preview(superuser_client, news_page())
    assert "超过上限" in response.context["form"].errors["pdf"][0]
    assert nothing_written() and staged_files() == []


def test_the_pdf_limit_is_far_above_the_text_files():
    assert import_forms.MAX_PDF_BYTES >= 20 * import_forms.MAX_DUMP_BYTES


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        signing.dumps("0" * 64, salt="some other salt"),
        signing.dumps("../../settings", salt=import_forms.STAGED_PDF_SALT),
        signing.dumps("f" * 64, salt=import_forms.STAGED_PDF_SALT),  # signed, never staged
    ],
)
def test_a_forged_staging_token_is_an_error_and_saves_nothing(staff_client, token):
    data = confirm_data(preview(staff_client, news_page()))
    data["staged_pdf"] = token
    response = staff_client.post(URL, data)
    assert response.status_code == 200
    assert "请重新上传版面 PDF" in response.context["form"].errors["pdf"][0]
    assert not Article.objects.exists() and not PageFile.objects.exists()


def test_an_expired_staging_token_is_an_error(superuser_client, unions_and_topics, monkeypatch):
    data = confirm_data(preview(superuser_client, news_page()))
    monkeypatch.setattr(import_forms, "STAGED_PDF_MAX_AGE", -1)
    response = superuser_client.post(URL, data)
    assert "已失效" in response.context["form"].errors["pdf"][0]
    assert not Article.objects.exists()


def test_a_confirm_sent_twice_is_an_error_the_second_time(superuser_client, unions_and_topics):
    data = confirm_data(preview(superuser_client, news_page()))
    assert superuser_client.post(URL, data).status_code == 302
    response = superuser_client.post(URL, data)
    assert "已不存在" in response.context["form"].errors["pdf"][0]
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    "zones",
    [
        "{",
        "[[0.1, 0.2, 0.3]]",
        "[[0.5, 0.2, 0.3, 0.4]]",
        "[[0.1, 0.2, 1.3, 0.4]]",
        "[[NaN, 0, 1, 1]]",
    ],
)
def test_bad_zones_in_the_preview_are_an_error_on_the_report(
    superuser_client, unions_and_topics, zones
):
    data = confirm_data(preview(superuser_client, news_page()))
    data["reports-0-zones"] = zones
    response = superuser_client.post(URL, data)
    assert response.status_code == 200
    assert "区域数据无效" in response.context["formset"].forms[0].errors["zones"][0]
    assert "区域数据无效" in response.content.decode()
    assert not Article.objects.exists() and not PageFile.objects.exists()
    # The staged PDF waits for the corrected confirm.
    assert len(staged_files()) == 1
