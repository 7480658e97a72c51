"""The page PDF import: real pages typeset as PDFs (tests/epaper/typeset.py, from the seed
page and the corpus of real union-paper reports), read back into the text import's
answer with each report's zones; and every file that is not a clean page refused with a
Chinese message, nothing written."""

import datetime
import itertools
import json

import pypdfium2 as pdfium
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.models import Article, PageFile, PageZone, PrintPage
from articles.pageimport.parser import PageParseError
from articles.pageimport.pdf.document import read_pdf
from articles.pageimport.pdf.pages import parse_pdf_page
from articles.pageimport.services import read_page_pdf
from tests.epaper import hostile
from tests.epaper.typeset import LAYOUTS, LayoutError, corpus_page, seed_page, typeset
from tests.pageimport.test_parser import SEED_REPORTS

PAGES = {
    "seed": seed_page,
    **{
        name: (lambda name=name: corpus_page(name))
        for name in ("201_grrb_news", "202_grrb_features", "203_regional_datelines", "204_briefs")
    },
}
FIELDS = ("kind", "column", "kicker", "title", "subtitle", "paragraphs")
MIN_IOU = 0.8


def typeset_or_skip(page_name: str, layout: str):
    try:
        return typeset(PAGES[page_name](), layout=layout)
    except LayoutError as exc:  # the page does not suit the layout (a page plan's call)
        pytest.skip(f"{page_name} is not set as {layout}: {exc}")


def report_key(article: dict) -> tuple:
    return (article["title"], article["paragraphs"][0] if article["paragraphs"] else "")


def essentials(article: dict) -> dict:
    found = {field: article[field] for field in FIELDS}
    found["credits"] = [(c["role"], c["name"]) for c in article["credits"]]
    return found


# --- Zones: areas of unions of rectangles --------------------------------------------------


def area(rects) -> float:
    """The area the rectangles cover together (each counted once)."""
    xs = sorted({x for r in rects for x in (r[0], r[2])})
    total = 0.0
    for left, right in itertools.pairwise(xs):
        spans = sorted((r[1], r[3]) for r in rects if r[0] <= left and r[2] >= right)
        covered, reach = 0.0, None
        for top, bottom in spans:
            if reach is None or top > reach:
                covered += bottom - top
                reach = bottom
            elif bottom > reach:
                covered += bottom - reach
                reach = bottom
        total += covered * (right - left)
    return total


def iou(ours, theirs) -> float:
    both = area(ours) + area(theirs) - area([*ours, *theirs])
    return both / area([*ours, *theirs])


def test_the_union_area_counts_overlaps_once():
    assert area([(0, 0, 2, 2), (1, 1, 3, 3)]) == pytest.approx(7)
    assert iou([(0, 0, 1, 1)], [(0, 0, 1, 1)]) == pytest.approx(1)
    assert iou([(0, 0, 1, 1)], [(1, 1, 2, 2)]) == 0


# --- Typeset pages read back ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("page_name", list(PAGES))
def test_a_typeset_page_reads_back_as_the_text_imports_answer_with_its_zones(page_name, layout):
    typeset_page = typeset_or_skip(page_name, layout)
    found = parse_pdf_page(read_pdf(typeset_page.pdf)[0]).to_json_dict()

    expected = typeset_page.expected
    assert (found["banner"] or "") == (expected.get("banner") or "")
    assert found["page_size_pt"] == pytest.approx(list(typeset_page.page_size_pt))
    # The page's reading order is the layout's; the dump's is its e-paper's list.
    ours = sorted(found["articles"], key=report_key)
    theirs = sorted(
        zip(expected["articles"], typeset_page.zones, strict=True), key=lambda x: report_key(x[0])
    )
    assert [essentials(a) for a in ours] == [essentials(a) for a, _ in theirs]
    for article, (_, zones) in zip(ours, theirs, strict=True):
        assert iou(article["zones"], zones) >= MIN_IOU, article["title"]


def test_the_seed_page_as_a_pdf_gives_the_six_golden_reports():
    typeset_page = typeset(seed_page(), layout="lead_across_top")
    found = parse_pdf_page(read_pdf(typeset_page.pdf)[0])
    assert found.banner == "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"
    by_title = {article.title: article for article in found.articles}
    assert set(by_title) == {report["title"] for report in SEED_REPORTS}
    for report in SEED_REPORTS:
        article = by_title[report["title"]]
        assert article.kicker == report["kicker"]
        assert article.subtitle == report["subtitle"]
        assert [(c.role, c.name) for c in article.credits] == [
            tuple(credit[:2]) for credit in report["credits"]
        ]
        assert article.zones, article.title


# --- Saving: drafts, the page image and the zones --------------------------------------------


@pytest.fixture
def seed_pdf(tmp_path):
    path = tmp_path / "page-3.pdf"
    path.write_bytes(typeset(seed_page(), layout="side_by_side").pdf)
    return path


@pytest.mark.django_db
def test_import_page_saves_the_drafts_the_pdf_the_page_image_and_six_zones(seed_pdf, capsys):
    call_command("import_page", str(seed_pdf), "--date", "2024-01-23", "--page", "3")

    page = PrintPage.objects.get(edition_date=datetime.date(2024, 1, 23), number=3)
    drafts = Article.objects.filter(print_page=page)
    assert sorted(drafts.values_list("title", flat=True)) == sorted(
        r["title"] for r in SEED_REPORTS
    )
    assert set(drafts.values_list("status", flat=True)) == {"draft"}
    assert PageZone.objects.filter(print_page=page).values("article").distinct().count() == 6
    page_file = PageFile.objects.get(print_page=page)
    assert page_file.pdf.name.startswith("epaper/pdf/2024/01/")
    assert default_storage.exists(page_file.pdf.name)
    assert page_file.width_pt == pytest.approx(842, abs=1)
    widths = [width for width, _ in page_file.renditions["widths"]]
    assert widths[0] == 320 and widths[-1] == 1280
    for width in widths:
        for ext in ("avif", "webp", "jpg"):
            assert default_storage.exists(f"photos/r/{page_file.renditions['key']}/{width}w.{ext}")


@pytest.mark.django_db
def test_import_page_json_is_the_dumps_contract_plus_zones_and_page_size(seed_pdf, capsys):
    call_command(
        "import_page", str(seed_pdf), "--date", "2024-01-23", "--page", "3", "--dry-run", "--json"
    )
    found = json.loads(capsys.readouterr().out)
    assert found["page_size_pt"] == pytest.approx([842, 1191], abs=1)
    assert len(found["articles"]) == 6
    for article in found["articles"]:
        assert {
            "kind",
            "column",
            "kicker",
            "title",
            "subtitle",
            "credits",
            "paragraphs",
            "unions",
            "topics",
            "new_unions",
        } <= set(article)
        for x0, y0, x1, y1 in article["zones"]:
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    assert not Article.objects.exists() and not PrintPage.objects.exists()


# --- Files that are not a clean page ----------------------------------------------------------

BAD_FILES = {
    "scanned": (hostile.scanned_pdf, "没有文字层"),
    "garbage_font": (hostile.garbage_font_pdf, "乱码"),
    "encrypted": (hostile.encrypted_pdf, "加密"),
    "hundred_pages": (hostile.many_pages_pdf, "超过上限"),
    "not_a_pdf": (hostile.not_a_pdf, "不是 PDF"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_page_that_cannot_make_drafts_gets_its_message_and_nothing_is_written(
    kind, tmp_path, settings
):
    make, message = BAD_FILES[kind]
    path = tmp_path / "page.pdf"
    path.write_bytes(make())
    with pytest.raises(CommandError, match=message):
        call_command("import_page", str(path), "--date", "2024-01-23", "--page", "3")
    assert not PrintPage.objects.exists() and not Article.objects.exists()
    assert not PageFile.objects.exists()
    assert not (settings.MEDIA_ROOT / "epaper").exists()
    assert not (settings.MEDIA_ROOT / "photos").exists()


def test_the_reader_refuses_what_is_no_page_in_chinese():
    for kind, (make, message) in BAD_FILES.items():
        if kind in ("scanned", "garbage_font"):
            page = read_page_pdf(make())
            assert page.text_layer != "usable"
            assert message in page.text_layer_message
        else:
            with pytest.raises(PageParseError, match=message):
                read_page_pdf(make())


@pytest.mark.django_db
def test_a_scan_is_kept_as_an_image_only_when_asked(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile.scanned_pdf())
    call_command("import_page", str(path), "--date", "2024-01-23", "--page", "3", "--image-only")
    page_file = PageFile.objects.get()
    assert page_file.text_layer == "none" and page_file.renditions["widths"]
    assert not Article.objects.exists()
    assert "没有生成草稿" in capsys.readouterr().out


# --- A whole edition ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_import_edition_imports_each_page_once_and_says_so(tmp_path, capsys):
    folder = tmp_path / "20240123"
    folder.mkdir()
    (folder / "A03.pdf").write_bytes(typeset(seed_page(), layout="side_by_side").pdf)
    (folder / "04.pdf").write_bytes(
        typeset(corpus_page("204_briefs"), layout="briefs_column", number=4).pdf
    )
    (folder / "05.pdf").write_bytes(hostile.scanned_pdf())

    call_command("import_edition", str(folder), "--date", "2024-01-23")
    out = capsys.readouterr().out
    assert "第3版：导入" in out and "第4版：导入" in out and "第5版：只存版面图" in out
    assert "共 3 个版面：导入 2 版" in out
    assert PrintPage.objects.get(number=3).name == "工会新闻"  # read from the page's header
    drafts = Article.objects.count()

    call_command("import_edition", str(folder), "--date", "2024-01-23")
    assert "跳过 3 版" in capsys.readouterr().out
    assert Article.objects.count() == drafts


@pytest.mark.slow
@pytest.mark.django_db
def test_one_edition_pdf_is_split_page_by_page(tmp_path, capsys):
    edition = pdfium.PdfDocument.new()
    for page in (typeset(seed_page(), layout="l_shape").pdf, hostile_page_two()):
        edition.import_pages(pdfium.PdfDocument(page), [0])
    path = tmp_path / "20240123.pdf"
    edition.save(str(path))

    call_command("import_edition", str(path), "--date", "2024-01-23")
    out = capsys.readouterr().out
    assert "第1版：导入，识别并导入 6 篇草稿" in out
    assert "第2版：只存版面图" in out
    assert list(PrintPage.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def hostile_page_two() -> bytes:
    return hostile.scanned_pdf()


def test_an_edition_folder_without_page_numbers_is_refused(tmp_path):
    (tmp_path / "front.pdf").write_bytes(hostile.scanned_pdf())
    (tmp_path / "back.pdf").write_bytes(hostile.scanned_pdf())
    with pytest.raises(CommandError, match="版次"):
        call_command("import_edition", str(tmp_path), "--date", "2024-01-23")
