"""How the Word reader reads what correspondents type: Word's own styles, crossheads,
captions in tables, a file without any formatting, photo reports, soft line breaks."""

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from articles.models import CROSSHEAD_MARK
from articles.pageimport.services import body_of
from articles.pageimport.word import read_docx, split_caption
from tests.pageimport.make_docx import jpeg

LEAD = "本报讯（通讯员 王芳）1月11日，昌平区总工会启动“两节”送温暖活动，为一线职工送去慰问。"


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_words_own_title_subtitle_and_heading_styles_give_the_stack_and_the_crossheads():
    document = docx.Document()
    document.add_paragraph("昌平区总工会启动送温暖活动", style="Title")
    document.add_paragraph("——1030个温暖礼包送到一线职工手中", style="Subtitle")
    document.add_paragraph(LEAD)
    document.add_paragraph("精准对接需求", style="Heading 2")
    document.add_paragraph("工会工作人员提前走访，了解职工所需。")
    document.add_paragraph("一、强化组织领导").runs[0].bold = True
    document.add_paragraph("各级工会成立工作专班，层层压实责任。")
    (article,) = read_docx(saved(document)).page.articles
    assert (article.kicker, article.title, article.subtitle) == (
        "",
        "昌平区总工会启动送温暖活动",
        "1030个温暖礼包送到一线职工手中",
    )
    assert article.subtitle_mark == "——"
    assert (article.dateline, [c.name for c in article.credits]) == ("本报讯", ["王芳"])
    assert article.crossheads == [1, 3]
    assert body_of(article).splitlines()[1] == f"{CROSSHEAD_MARK}精准对接需求"


def test_a_bold_sentence_in_the_text_is_no_crosshead():
    document = docx.Document()
    title = document.add_paragraph().add_run("昌平区总工会启动送温暖活动")
    title.bold, title.font.size = True, Pt(22)
    document.add_paragraph(LEAD)
    document.add_paragraph().add_run(
        "活动当天，共有100余名职工领取礼包，现场气氛热烈。"
    ).bold = True
    (article,) = read_docx(saved(document)).page.articles
    assert article.crossheads == []
    assert len(article.paragraphs) == 2


def test_a_photo_and_its_caption_laid_out_in_a_table_are_read():
    document = docx.Document()
    document.add_paragraph("昌平区总工会启动送温暖活动", style="Title")
    document.add_paragraph(LEAD)
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run().add_picture(io.BytesIO(jpeg()))
    cell.add_paragraph("图为职工领取温暖礼包。（王芳 摄）")
    document.add_paragraph("活动为一线职工送去米、面、油。")
    parsed = read_docx(saved(document))
    (photo,) = parsed.photos[0]
    assert (photo.caption, photo.credit) == ("图为职工领取温暖礼包。", "王芳 摄")
    assert len(parsed.page.articles[0].paragraphs) == 2


def test_a_file_without_any_formatting_is_read_as_a_dump():
    document = docx.Document()
    for line in ("昌平区总工会启动送温暖活动", LEAD, "活动为一线职工送去米、面、油。"):
        document.add_paragraph(line)
    (article,) = read_docx(saved(document)).page.articles
    assert article.title == "昌平区总工会启动送温暖活动"
    assert article.dateline == "本报讯"
    assert len(article.paragraphs) == 2


def test_a_story_of_photos_and_captions_only_is_a_photo_report_with_its_captions_as_text():
    document = docx.Document()
    title = document.add_paragraph().add_run("“娘家人”送来暖心慰问")
    title.bold, title.font.size = True, Pt(22)
    document.add_paragraph().add_run().add_picture(io.BytesIO(jpeg()))
    document.add_paragraph("近日，通州多源公司工会走访慰问困难职工。本报记者 周美玉 摄")
    parsed = read_docx(saved(document))
    (article,) = parsed.page.articles
    assert article.kind == "photo"
    assert article.paragraphs == ["近日，通州多源公司工会走访慰问困难职工。"]
    assert [(c.role, c.name) for c in article.credits] == [("photographer", "周美玉")]
    (photo,) = parsed.photos[0]
    assert (photo.caption, photo.credit) == ("", "本报记者 周美玉 摄")


def test_a_paragraph_broken_by_soft_line_breaks_is_joined_again():
    document = docx.Document()
    document.add_paragraph("昌平区总工会启动送温暖活动", style="Title")
    paragraph = document.add_paragraph()
    paragraph.add_run("本报讯（通讯员 王芳）1月11日，昌平区总工会")
    paragraph.add_run().add_break()
    paragraph.add_run("启动送温暖活动。")
    (article,) = read_docx(saved(document)).page.articles
    assert article.paragraphs == ["1月11日，昌平区总工会启动送温暖活动。"]


def test_a_page_break_followed_by_text_goes_on_with_the_story():
    document = docx.Document()
    document.add_paragraph("昌平区总工会启动送温暖活动", style="Title")
    document.add_paragraph(LEAD)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("活动为一线职工送去米、面、油。")
    (article,) = read_docx(saved(document)).page.articles
    assert len(article.paragraphs) == 2


def test_a_caption_above_nothing_and_a_centred_short_line_after_a_photo_is_its_caption():
    document = docx.Document()
    document.add_paragraph("昌平区总工会启动送温暖活动", style="Title")
    document.add_paragraph(LEAD)
    document.add_paragraph().add_run().add_picture(io.BytesIO(jpeg()))
    caption = document.add_paragraph("职工领取温暖礼包")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("活动为一线职工送去米、面、油。")
    parsed = read_docx(saved(document))
    assert [p.caption for p in parsed.photos[0]] == ["职工领取温暖礼包"]
    assert "职工领取温暖礼包" not in parsed.page.articles[0].paragraphs


def test_a_long_paragraph_after_a_photo_stays_text():
    document = docx.Document()
    document.add_paragraph("昌平区总工会启动送温暖活动", style="Title")
    document.add_paragraph(LEAD)
    document.add_paragraph().add_run().add_picture(io.BytesIO(jpeg()))
    document.add_paragraph("活动为一线职工送去米、面、油。" * 3)
    parsed = read_docx(saved(document))
    assert [p.caption for p in parsed.photos[0]] == [""]
    assert len(parsed.page.articles[0].paragraphs) == 2


def test_photo_credits_are_split_from_captions_in_the_forms_print_uses():
    assert split_caption("图为活动现场。王芳 摄") == ("图为活动现场。", "王芳 摄")
    assert split_caption("图为活动现场（通讯员 王芳 摄）") == ("图为活动现场", "通讯员 王芳 摄")
    assert split_caption("本报记者 周美玉 摄影报道") == ("", "本报记者 周美玉 摄影报道")
    assert split_caption("图为职工在书屋里看书（12月6日摄）。") == (
        "图为职工在书屋里看书（12月6日摄）。",
        "",
    )
