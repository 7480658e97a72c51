"""Word files as correspondents send them, made from the import corpus's real reports.

The tests build .docx files in memory from the corpus (tests/fixtures/corpus/, sources in
its SOURCES.md) and the seed page (a real page of 劳动午报): each report's hand-checked
fields (the expected JSON) laid out as a correspondent types them in Word: a strap and
kicker in small type, the title large and bold, the subtitle under it, the dateline and
credits in the first paragraph, the text, two photos each followed by its caption
paragraph, the credits after the text on lines of their own. The credits are written as
the page printed them: the parser's reading of the corpus page gives each report's
credit fragments as printed (`credit_text`), and their place (before or after the text)
is found in the page's text.

Run as a script, it writes the sample files of tests/fixtures/docx/ (for the demo and
the browser tests) again, byte for byte the same:

    .venv/bin/python tests/pageimport/make_docx.py
"""

from __future__ import annotations

import datetime
import io
import json
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script

import docx  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from articles.pageimport.parser import parse_page  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SEED = ROOT / "articles" / "demo" / "seed" / "000_d4ee9057b028e5d6.txt"
SAMPLES = ROOT / "tests" / "fixtures" / "docx"
BODY_PT, KICKER_PT, TITLE_PT, CAPTION_PT = 12, 14, 22, 10.5
CAPTIONS = (("图为活动现场。", "通讯员 王芳 摄"), ("工会工作人员与职工交流。", ""))


@dataclass
class Story:
    column: str = ""
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    subtitle_mark: str = ""
    dateline: str = ""
    dateline_credit: str = ""  # （记者 边磊 通讯员 蔡洪玉）, printed right after the dateline
    top_credits: list[str] = field(default_factory=list)  # bylines on a line above the text
    paragraphs: list[str] = field(default_factory=list)
    end_credits: list[str] = field(default_factory=list)  # after the text: 王芳 摄, 责任编辑 X
    brief_strap: str = ""  # a row of briefs: the strap over them, each paragraph a brief


@dataclass
class CorpusFile:
    name: str
    stories: list[Story]
    expected: list[dict]  # the corpus's expected JSON of the reports, in order


def jpeg(color: str = "#b03a2e", size: tuple[int, int] = (96, 64)) -> bytes:
    """A small photo: a coloured field with a shape on it."""
    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), "white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


# --- the corpus as Word files ----------------------------------------------------------


def corpus_pages() -> list[tuple[Path, list[dict]]]:
    """Each corpus page with its expected reports; the seed page too (its reports'
    fields are written out in tests/pageimport/test_parser.py): it has the kickers and
    subtitles the corpus lacks."""
    from tests.pageimport.test_parser import SEED_REPORTS

    pages = [
        (page, json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["articles"])
        for page in sorted(CORPUS.glob("*.txt"))
    ]
    seed = [
        {**report, "credits": [{"role": c[0], "name": c[1]} for c in report["credits"]]}
        for report in SEED_REPORTS
    ]
    return [(SEED, seed), *pages]


def corpus_files() -> list[CorpusFile]:
    """Every corpus report, one Word file each; a row of briefs is one file of its own."""
    files = []
    for page, expected in corpus_pages():
        text = page.read_text(encoding="utf-8")
        parsed = parse_page(text).articles
        assert len(parsed) == len(expected), page.name
        joined = "".join(text.split())
        cursor = 0
        index = 0
        while index < len(expected):
            want = expected[index]
            if want["kind"] == "brief":
                row = [
                    i
                    for i in range(index, len(expected))
                    if expected[i]["column"] == want["column"]
                ]
                row = row[: next((n for n, i in enumerate(row) if i != index + n), len(row))]
                story = Story(brief_strap=want["column"])
                story.paragraphs = [p for i in row for p in expected[i]["paragraphs"]]
                files.append(
                    CorpusFile(f"{page.stem}_{index}", [story], [expected[i] for i in row])
                )
                cursor = _after(joined, story.paragraphs[-1], cursor)
                index = row[-1] + 1
                continue
            story, cursor = _story(want, parsed[index], joined, cursor)
            files.append(CorpusFile(f"{page.stem}_{index}", [story], [want]))
            index += 1
    return files


def _story(want: dict, parsed, joined: str, cursor: int) -> tuple[Story, int]:
    story = Story(
        column=want["column"],
        kicker=want["kicker"],
        title=want["title"],
        subtitle=want["subtitle"],
        subtitle_mark=parsed.subtitle_mark,
        dateline=want["dateline"],
        paragraphs=list(want["paragraphs"]),
    )
    start = joined.find(_squeeze(want["title"]), cursor) if want["title"] else cursor
    text_at = joined.find(_squeeze(story.paragraphs[0])[:10], start)
    fragments = list(parsed.credit_text)
    if story.dateline and fragments:
        after = joined.find(_squeeze(story.dateline), start) + len(_squeeze(story.dateline))
        if joined.startswith(_squeeze(fragments[0]), after):
            story.dateline_credit = fragments.pop(0)
    for fragment in fragments:
        at = joined.find(_squeeze(fragment), start)
        (story.top_credits if 0 <= at < text_at else story.end_credits).append(fragment)
    return story, _after(joined, story.paragraphs[-1], text_at)


def _after(joined: str, paragraph: str, cursor: int) -> int:
    at = joined.find(_squeeze(paragraph)[-10:], cursor)
    return max(cursor, at)


def _squeeze(text: str) -> str:
    return "".join(text.split())


# --- writing a Word file ---------------------------------------------------------------


def build_docx(
    stories: list[Story],
    *,
    photos: bool = True,
    page_breaks: bool = True,
    dateline_apart: bool = False,
    pictures: list[bytes] | None = None,
    captions: tuple[tuple[str, str], ...] = CAPTIONS,
    source: str = "",
) -> bytes:
    """A Word file of the stories, laid out as a correspondent types one (see the top of
    this module). `page_breaks`: a page break between stories, else only the next
    headline; `dateline_apart`: the dateline and credits on a line of their own."""
    document = docx.Document()
    _fonts(document)
    if source:
        document.core_properties.comments = source
    # A fixed date: the samples come out the same every time.
    document.core_properties.created = datetime.datetime(2026, 1, 1)
    document.core_properties.modified = datetime.datetime(2026, 1, 1)
    document.core_properties.last_modified_by = document.core_properties.author = "unionsite"
    pictures = pictures or [jpeg("#b03a2e"), jpeg("#1f618d")]
    for number, story in enumerate(stories):
        if number and page_breaks:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if story.brief_strap:
            _paragraph(document, story.brief_strap, KICKER_PT, bold=True)
            for paragraph in story.paragraphs:
                _paragraph(document, paragraph, BODY_PT, indent=True)
            continue
        if story.column:
            _paragraph(document, story.column, KICKER_PT, bold=True)
        if story.kicker:
            _paragraph(document, story.kicker, KICKER_PT, center=True)
        _paragraph(document, story.title, TITLE_PT, bold=True, center=True)
        if story.subtitle:
            _paragraph(document, story.subtitle_mark + story.subtitle, KICKER_PT, center=True)
        for credit in story.top_credits:
            _paragraph(document, credit, BODY_PT, center=True)
        body = list(story.paragraphs)
        opening = story.dateline + story.dateline_credit
        if opening and dateline_apart:
            _paragraph(document, opening, BODY_PT, indent=True)
        elif opening:
            # A dateline without its credit bracket is set off by a space, as printed.
            body[0] = opening + ("" if story.dateline_credit else " ") + body[0]
        # The photos after the first paragraph and after the last.
        places = {0: 0, len(body) - 1: 1} if photos else {}
        if photos and len(body) == 1:
            places = {0: None}
        for index, paragraph in enumerate(body):
            _paragraph(document, paragraph, BODY_PT, indent=True)
            if index in places:
                chosen = (0, 1) if places[index] is None else (places[index],)
                for which in chosen:
                    _photo(document, pictures[which % len(pictures)], *captions[which])
        for credit in story.end_credits:
            _paragraph(document, credit, BODY_PT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fonts(document) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")


def _paragraph(document, text: str, size: float, *, bold=False, center=False, indent=False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    return paragraph


def _photo(document, data: bytes, caption: str, credit: str) -> None:
    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(io.BytesIO(data), width=Cm(12))
    text = f"{caption}{'  ' + credit if credit else ''}"
    _paragraph(document, text, CAPTION_PT, center=True)


# --- the sample files ------------------------------------------------------------------


def illustration(title: str, palette: tuple[str, str], size=(1200, 800)) -> bytes:
    """A drawn picture standing in for a correspondent's photo (the samples carry no real
    photos): sky, ground and a few figures."""
    image = Image.new("RGB", size, palette[0])
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, height * 2 // 3, width, height), fill=palette[1])
    for n in range(5):
        x = width // 8 + n * width // 6
        draw.ellipse((x, height // 2 - 60, x + 60, height // 2), fill="#f5d7b2")
        draw.rectangle((x - 10, height // 2, x + 70, height * 2 // 3 + 40), fill="#c0392b")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


SAMPLE_REPORTS = {
    # file name: (corpus report's title, the source as SOURCES.md names it, its pictures)
    "shaanxi_winter_solstice.docx": (
        "陕西启动工会驿站关爱户外劳动者专项活动",
        "三秦都市报 via 中工网 2024-12-22, workercn.cn/c/2024-12-22/8420212.shtml",
        (
            ("图为户外劳动者在工会驿站品尝饺子（示意图）。", ""),
            ("图为工会为户外劳动者准备的慰问礼包（示意图）。", ""),
        ),
    ),
    "weihai_riders.docx": (
        "冬日里的暖“新”关爱",
        "工人日报 via 中工网 2026-01-23, workercn.cn/c/2026-01-23/8716261.shtml",
        (
            ("图为外卖骑手领取“暖冬礼包”（示意图）。", ""),
            ("图为工会工作人员为骑手讲解入会政策（示意图）。", ""),
        ),
    ),
}


def write_samples() -> list[Path]:
    by_title = {f.expected[0]["title"]: f for f in corpus_files() if f.expected[0]["title"]}
    SAMPLES.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (title, source, captions) in SAMPLE_REPORTS.items():
        pictures = [
            illustration(title, ("#aed6f1", "#7dcea0")),
            illustration(title, ("#fad7a0", "#a9cce3")),
        ]
        data = build_docx(
            by_title[title].stories,
            pictures=pictures,
            captions=captions,
            source=f"稿件原文：{source}（图片为示意图，非原报道照片）",
        )
        path = SAMPLES / name
        path.write_bytes(_stamped(data))
        written.append(path)
    return written


def _stamped(data: bytes) -> bytes:
    """The zip again with one fixed time on every member (python-docx stamps the time of
    saving): the same file every time it is made."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return buffer.getvalue()


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionsite.settings")
    django.setup()  # the seed page's expectations live beside the demo loader
    for path in write_samples():
        print(path.relative_to(ROOT))
