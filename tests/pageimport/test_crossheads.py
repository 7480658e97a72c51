"""Crossheads (小标题) from a 版's PDF: a single line set a little bigger than the body,
between paragraphs, that reads as a heading (short, no sentence or clause punctuation)
becomes a crosshead of the draft ("## 打造职工之家"); the same size on a sentence does not,
and a pasted dump, which has no type sizes, leaves its short lines as paragraphs."""

import io

import pytest

from articles.models import CROSSHEAD, PARAGRAPH, Article
from articles.pageimport.parser import parse_page, read_laid_out
from articles.pageimport.pdf.document import read_pdf
from articles.pageimport.pdf.pages import parse_pdf_page
from articles.pageimport.services import body_of
from tests.pageimport.test_admin_pdf import HEIGHT, WIDTH, _canvas, _text

BODY_SIZE = 10
CROSSHEAD_SIZE = 12.5
COLUMN_CHARS = 30
TITLE = "门头沟区总工会推进职工之家建设"
# (size, text): the report's text in the order it is set down one column.
REPORT = [
    (
        BODY_SIZE,
        "本报讯（记者 张三）近日，门头沟区总工会召开基层建设推进会，部署今年的建家建站工作。",
    ),
    (CROSSHEAD_SIZE, "打造职工之家"),
    (BODY_SIZE, "今年以来，区总工会把建家建站作为大抓基层的重要抓手，新建职工之家十二个。"),
    (CROSSHEAD_SIZE, "延伸服务触角"),
    (BODY_SIZE, "区总工会还在商圈、楼宇建起了户外劳动者驿站，为快递小哥送去温暖。"),
    # A sentence in the same bigger type (a pull quote) is no crosshead.
    (CROSSHEAD_SIZE, "职工说：有了驿站，真好。"),
    (BODY_SIZE, "下一步，区总工会将继续做好服务职工工作，让职工感受到娘家人的温暖。"),
]


def page_with_crossheads() -> bytes:
    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    _text(canvas, 40, 20, "工会报  2024年1月23日 星期二  第3版 工会新闻", 9)
    canvas.line(40, HEIGHT - 40, WIDTH - 40, HEIGHT - 40)
    _text(canvas, 40, 80, TITLE, 24)
    top, width = 130.0, COLUMN_CHARS * BODY_SIZE
    for size, text in REPORT:
        if size == BODY_SIZE:
            chars = list("\u3000\u3000" + text)
            while chars:
                for k, char in enumerate(chars[:COLUMN_CHARS]):
                    if char != "\u3000":
                        _text(canvas, 40 + k * size, top, char, size)
                chars = chars[COLUMN_CHARS:]
                top += size * 1.5
        else:
            top += size * 0.4
            left = 40 + (width - len(text) * size) / 2
            for k, char in enumerate(text):
                _text(canvas, left + k * size, top, char, size)
            top += size * 1.8
    canvas.line(40, HEIGHT - 1150, WIDTH - 40, HEIGHT - 1150)
    _text(canvas, 40, 1160, "责任编辑 王伟", 9)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report():
    (article,) = parse_pdf_page(read_pdf(page_with_crossheads())[0]).articles
    return article


def test_a_line_set_as_a_crosshead_in_the_pdf_becomes_a_crosshead_of_the_draft(report):
    assert report.title == TITLE
    assert [report.paragraphs[n] for n in report.crossheads] == ["打造职工之家", "延伸服务触角"]
    body = body_of(report)
    assert "\n## 打造职工之家\n" in body and "\n## 延伸服务触角\n" in body
    assert [kind for kind, _ in Article(body=body).blocks] == [
        PARAGRAPH,
        CROSSHEAD,
        PARAGRAPH,
        CROSSHEAD,
        PARAGRAPH,
        PARAGRAPH,
        PARAGRAPH,
    ]


def test_a_sentence_in_crosshead_type_stays_a_paragraph(report):
    assert "职工说：有了驿站，真好。" in report.paragraphs
    assert "## 职工说" not in body_of(report)


def test_the_parser_takes_only_told_crossheads_that_read_as_headings():
    (article,) = read_laid_out(
        [
            "本报讯（记者 张三）近日，开展活动。",
            "打造职工之家",
            "今年以来，建家建站。",
            "职工说：真好。",
        ],
        head=("", "标题", "", ""),
        crossheads={1, 3},
    )
    assert article.crossheads == [1]
    assert (
        body_of(article)
        == "近日，开展活动。\n## 打造职工之家\n今年以来，建家建站。\n职工说：真好。"
    )


def test_a_dump_has_no_type_sizes_and_leaves_its_crossheads_to_the_editor():
    (article,) = parse_page(
        "标题\n本报讯（记者 张三）近日，开展活动。\n打造职工之家\n今年以来，区总工会建家建站。"
    ).articles
    assert article.crossheads == []
    assert body_of(article) == "近日，开展活动。\n打造职工之家\n今年以来，区总工会建家建站。"


def test_the_pdf_json_lists_the_crossheads(report):
    page = parse_pdf_page(read_pdf(page_with_crossheads())[0])
    assert page.to_json_dict()["articles"][0]["crossheads"] == report.crossheads
