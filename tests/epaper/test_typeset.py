"""The test typesetter sets what it says where it says: every paragraph is in the PDF's
text layer, inside its report's zones; zones do not overlap; the hostile files are what
they claim. No database.

Every page in every layout it suits is read back with PDFium (fast); pdfplumber, the
importer's reader, reads a selection that covers each page and each layout twice (it
parses a page in about 0.3 s, the whole matrix would take the file past 10 s).
"""

import io
import json
from functools import cache
from itertools import combinations

import pdfplumber
import pypdfium2
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from tests.epaper import hostile
from tests.epaper.pages import CORPUS, CORPUS_PAGES
from tests.epaper.typeset import LAYOUTS, LayoutError, corpus_page, seed_page, typeset

# Each page in the layouts it suits (the others raise LayoutError: the seed and 203 are
# too full for the tabloid photo page, 203's ten reports for a lead across the top even
# at 9 points; 201, 202 and 204 have no report long enough to wrap around another; 201's
# six photo reports do not fit under a lead across the top).
MATRIX = {
    "seed": ("lead_across_top", "side_by_side", "l_shape", "briefs_column"),
    "201": ("side_by_side", "briefs_column", "photo_boxes"),
    "202": ("lead_across_top", "side_by_side", "briefs_column", "photo_boxes"),
    "203": ("side_by_side", "l_shape", "briefs_column"),
    "204": ("lead_across_top", "side_by_side", "briefs_column", "photo_boxes"),
}
CASES = [(name, layout) for name, layouts in MATRIX.items() for layout in layouts]
PLUMBED = [
    ("seed", "l_shape"),
    ("seed", "lead_across_top"),
    ("201", "photo_boxes"),
    ("201", "side_by_side"),
    ("202", "briefs_column"),
    ("202", "photo_boxes"),
    ("203", "briefs_column"),
    ("203", "l_shape"),
    ("204", "lead_across_top"),
    ("204", "side_by_side"),
]


@cache
def page_of(name: str) -> dict:
    return seed_page() if name == "seed" else corpus_page(name)


@cache
def made(name: str, layout: str):
    return typeset(page_of(name), layout=layout)


@cache
def read_by_pdfium(name: str, layout: str) -> list[dict]:
    """The page's characters in content order, as PDFium reads them (origin top left)."""
    result = made(name, layout)
    document = pypdfium2.PdfDocument(result.pdf)
    try:
        assert len(document) == 1
        page = document[0]
        assert page.get_size() == pytest.approx(result.page_size_pt)
        text, height, chars = page.get_textpage(), page.get_height(), []
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            left, bottom, right, top = text.get_charbox(i)
            if not char.isspace():
                box = dict(x0=left, x1=right, top=height - top, bottom=height - bottom)
                chars.append({"text": char, **box})
        return chars
    finally:
        document.close()


@cache
def read_by_pdfplumber(name: str, layout: str) -> list[dict]:
    result = made(name, layout)
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx(result.page_size_pt)
        return page.chars


def squeeze(text: str) -> str:
    return "".join(text.split())


def owner(char: dict, zones, size) -> int | None:
    """The report whose zone holds the character's centre."""
    x = (char["x0"] + char["x1"]) / 2 / size[0]
    y = (char["top"] + char["bottom"]) / 2 / size[1]
    for index, boxes in enumerate(zones):
        if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes):
            return index
    return None


def printed_texts(article: dict) -> list[str]:
    """What the report prints, in order: headline, lead, paragraphs, credit lines."""
    words = article["print"]
    subtitle = "——" + article["subtitle"] if article["subtitle"] else ""
    return [
        *(t for t in (article["kicker"], article["title"], subtitle, words["lead"]) if t),
        *article["paragraphs"],
        *(t for t in (words["tail"], *words["lines"]) if t),
    ]


def assert_each_report_in_its_zones(name: str, result, chars: list[dict]) -> None:
    """Every piece of each report is read, in order, from inside the report's zones."""
    by_report = [""] * len(result.zones)
    for char in chars:
        index = owner(char, result.zones, result.page_size_pt)
        if index is not None:
            by_report[index] += char["text"]
    for index, article in enumerate(page_of(name)["articles"]):
        text, at = squeeze(by_report[index]), 0
        for piece in printed_texts(article):
            found = text.find(squeeze(piece), at)
            assert found >= 0, (index, piece[:30], text[at : at + 60])
            at = found + len(squeeze(piece))


def test_every_page_has_two_layouts_and_every_layout_two_pages():
    for matrix in (MATRIX, {n: [lay for m, lay in PLUMBED if m == n] for n in MATRIX}):
        assert set(matrix) == {"seed", *CORPUS_PAGES}
        assert all(len(layouts) >= 2 for layouts in matrix.values())
        for layout in LAYOUTS:
            assert sum(layout in layouts for layouts in matrix.values()) >= 2, layout


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_each_report_prints_its_text_in_order_inside_its_zones(name, layout):
    assert_each_report_in_its_zones(name, made(name, layout), read_by_pdfium(name, layout))


@pytest.mark.parametrize(("name", "layout"), PLUMBED)
def test_pdfplumber_reads_each_report_inside_its_zones(name, layout):
    assert_each_report_in_its_zones(name, made(name, layout), read_by_pdfplumber(name, layout))


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_the_page_prints_its_header_folio_and_banner(name, layout):
    result = made(name, layout)
    text = squeeze("".join(c["text"] for c in read_by_pdfium(name, layout)))
    assert text.startswith("3工会新闻工会报2024年1月23日星期二第3版")
    assert "责任编辑李明版式王芳" in text
    assert squeeze(result.expected["banner"]) in text
    straps = {a["column"] for a in result.expected["articles"]} - {""}
    assert all(squeeze(strap) in text for strap in straps)


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_zones_lie_on_the_page_and_reports_do_not_overlap(name, layout):
    result = made(name, layout)
    assert all(result.zones), "a report without zones"
    for boxes in result.zones:
        for x0, y0, x1, y1 in boxes:
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    for (a, first), (b, second) in combinations(enumerate(result.zones), 2):
        for x0, y0, x1, y1 in first:
            for u0, v0, u1, v1 in second:
                overlap = min(x1, u1) - max(x0, u0), min(y1, v1) - max(y0, v0)
                assert min(overlap) <= 1e-6, (a, b)


def test_the_expected_answer_is_the_corpus_json_with_its_banner():
    result = made("202", "side_by_side")
    data = json.loads(next(CORPUS.glob("202*.json")).read_text(encoding="utf-8"))
    assert result.expected == {"banner": "", "articles": data["articles"]}
    seed = made("seed", "l_shape")
    assert seed.expected["banner"] == "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"
    assert [a["credits"] for a in seed.expected["articles"]][2] == [
        {"role": "reporter", "name": "边磊"},
        {"role": "correspondent", "name": "蔡洪玉"},
    ]


def test_type_sizes_tell_title_from_kicker_from_body():
    result, chars = made("seed", "l_shape"), read_by_pdfplumber("seed", "l_shape")
    sizes = {}
    for char in chars:
        index = owner(char, result.zones, result.page_size_pt)
        if index == 0:
            sizes.setdefault(round(char["size"], 1), []).append(char["text"])
    title, kicker, *_, body = sorted(sizes, reverse=True)
    assert "".join(sizes[title]) == "以大抓基层为导向健全服务职工工作体系"
    assert "".join(sizes[kicker]) == "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局"
    assert 24 <= title <= 30 and 14 <= kicker <= 16 and 9 <= body <= 10.5


def test_a_crosshead_is_set_as_a_paragraph_of_its_own():
    page = {
        "banner": "",
        "articles": [
            {
                "kind": "news",
                "column": "",
                "kicker": "",
                "title": "门头沟区总工会推进职工之家建设",
                "subtitle": "",
                "dateline": "本报讯",
                "credits": [{"role": "reporter", "name": "张三"}],
                "paragraphs": [
                    "近日，门头沟区总工会召开基层建设推进会，部署今年职工之家建设工作。",
                    "打造职工之家",
                    "今年以来，门头沟区总工会把建家建站作为大抓基层的重要抓手。",
                ],
                "unions": [],
                "new_unions": [],
            }
        ],
    }
    result = typeset(page, layout="side_by_side")
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        chars = pdf.pages[0].chars
    text = squeeze("".join(c["text"] for c in chars))
    (body,) = {round(c["size"], 1) for c in chars if c["text"] == "近"}
    head = [c for c in chars if body < round(c["size"], 1) <= body * 1.1]
    assert "本报讯（记者张三）近日，门头沟区总工会" in text
    assert "部署今年职工之家建设工作。打造职工之家今年以来" in text
    assert "".join(c["text"] for c in head) == "打造职工之家"


def test_a_layout_that_does_not_suit_the_page_says_so():
    with pytest.raises(LayoutError):
        typeset(page_of("204"), layout="l_shape")


# --------------------------------------------------------------------------- hostile files


def test_the_scanned_page_has_a_picture_and_no_text():
    with pdfplumber.open(io.BytesIO(hostile.scanned_pdf())) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].chars == []
        assert len(pdf.pages[0].images) == 1


def test_the_garbage_font_page_has_characters_but_no_chinese():
    with pdfplumber.open(io.BytesIO(hostile.garbage_font_pdf())) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert len(text) > 1000
    assert not any("\u4e00" <= c <= "\u9fff" for c in text)
    assert "(cid:" in text


def test_the_encrypted_page_needs_its_password():
    data = hostile.encrypted_pdf()
    with pytest.raises(PdfminerException) as error, pdfplumber.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].chars  # noqa: B018
    assert isinstance(error.value.args[0], PDFPasswordIncorrect)
    with pdfplumber.open(io.BytesIO(data), password=hostile.PASSWORD) as pdf:
        assert "工会新闻" in pdf.pages[0].extract_text()


def test_the_issue_has_a_hundred_pages():
    with pdfplumber.open(io.BytesIO(hostile.many_pages_pdf())) as pdf:
        assert len(pdf.pages) == 100
        assert "第100版" in pdf.pages[-1].extract_text()


@pytest.mark.parametrize("kind", ["png", "docx"])
def test_what_is_not_a_pdf_does_not_open_as_one(kind):
    data = hostile.not_a_pdf(kind)
    assert data[:4] in (b"\x89PNG", b"PK\x03\x04")
    with pytest.raises(PdfminerException), pdfplumber.open(io.BytesIO(data)) as pdf:
        pdf.pages  # noqa: B018
