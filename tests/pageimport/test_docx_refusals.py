"""Files the Word import refuses, each with a Chinese message, before anything is read
or written; and a photo the photo desk refuses, left out with a warning."""

import io
import zipfile

import pytest
from PIL import Image

from articles.pageimport.word import DocxError, read_docx
from tests.pageimport.make_docx import Story, build_docx, jpeg

STORY = Story(
    title="昌平区总工会启动“两节”送温暖活动",
    dateline="本报讯",
    dateline_credit="（通讯员 王芳）",
    paragraphs=["1月11日，昌平区总工会启动送温暖活动。", "活动为一线职工送去米、面、油。"],
)


@pytest.fixture(scope="module")
def good() -> bytes:
    return build_docx([STORY])


def rezip(data: bytes, *, drop=(), add=(), replace=None) -> bytes:
    """The Word file's zip with members left out, added or changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename in drop:
                continue
            content = source.read(member)
            if replace:
                content = replace(member.filename, content)
            target.writestr(member.filename, content)
        for name, content in add:
            target.writestr(name, content)
    return buffer.getvalue()


def test_a_good_file_is_read(good):
    assert read_docx(good).page.articles[0].title == STORY.title


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "看起来是PDF 文件"),
        (jpeg(), "看起来是图片"),
        ("本报讯（记者 边磊）1月11日，昌平区总工会启动送温暖活动。".encode(), "文本或其他格式"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "旧版 Word 文件（.doc）"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"", "空的"),
    ],
    ids=["pdf", "jpeg", "text", "doc", "rtf", "empty"],
)
def test_what_is_not_a_word_file_is_refused_by_its_content(data, message):
    with pytest.raises(DocxError, match=message):
        read_docx(data)


def test_a_truncated_file_is_refused_as_damaged(good):
    with pytest.raises(DocxError, match="已损坏或不完整"):
        read_docx(good[: len(good) // 2])


def test_a_member_with_broken_bytes_is_refused_as_damaged(good):
    # Flip bytes inside word/document.xml's packed data: its inflate or CRC check fails.
    archive = zipfile.ZipFile(io.BytesIO(good))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 10
    broken = bytearray(good)
    broken[start : start + 40] = bytes(40)
    with pytest.raises(DocxError, match="损坏"):
        read_docx(bytes(broken))


def test_a_zip_that_is_no_word_file_is_refused(good):
    with pytest.raises(DocxError, match="不是 Word 文档"):
        read_docx(rezip(good, drop=["[Content_Types].xml"]))


def test_an_excel_file_is_named_as_such(good):
    def as_excel(name, content):
        if name == "[Content_Types].xml":
            return content.replace(b"wordprocessingml.document.main", b"spreadsheetml.sheet.main")
        return content

    with pytest.raises(DocxError, match="Excel"):
        read_docx(rezip(good, replace=as_excel))


def test_a_macro_enabled_document_is_refused_by_its_content_type(good):
    def as_docm(name, content):
        if name == "[Content_Types].xml":
            return content.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            )
        return content

    with pytest.raises(DocxError, match="含有宏"):
        read_docx(rezip(good, replace=as_docm))


def test_a_vba_project_inside_is_refused_whatever_the_content_types_say(good):
    with pytest.raises(DocxError, match="含有宏"):
        read_docx(rezip(good, add=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(100))]))


def test_a_file_over_the_byte_cap_is_refused_before_it_is_opened(good, settings):
    settings.MAX_DOCX_BYTES = len(good) - 1
    with pytest.raises(DocxError, match="Word 文件过大"):
        read_docx(good)


def test_a_zip_bomb_member_is_refused_from_the_directory_alone(good):
    bomb = rezip(good, add=[("word/media/zeros.bin", bytes(30 * 1024 * 1024))])
    with pytest.raises(DocxError, match="解压后过大"):
        read_docx(bomb)


def test_too_many_bytes_unpacked_in_all_is_refused(good, monkeypatch):
    from articles.pageimport.word import package

    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 100_000)
    with pytest.raises(DocxError, match="解压后过大"):
        read_docx(good)


def test_too_many_members_is_refused(good):
    many = rezip(good, add=[(f"customXml/item{n}.bin", b"x") for n in range(1001)])
    with pytest.raises(DocxError, match="部件过多"):
        read_docx(many)


def test_an_xml_part_with_a_doctype_is_refused(good):
    def with_dtd(name, content):
        if name == "word/document.xml":
            return content.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1)
        return content

    with pytest.raises(DocxError, match="DOCTYPE"):
        read_docx(rezip(good, replace=with_dtd))


def test_a_file_without_text_is_refused():
    document = build_docx([Story(title="", paragraphs=[""])], photos=False)
    with pytest.raises(DocxError, match="没有文字"):
        read_docx(document)


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "GIF")
    return buffer.getvalue()


def test_a_photo_the_pipeline_refuses_is_left_out_with_a_warning_and_the_story_stays():
    parsed = read_docx(build_docx([STORY], pictures=[gif(), jpeg()]))
    (article,) = parsed.page.articles
    assert article.title == STORY.title
    assert [p.caption for p in parsed.photos[0]] == ["工会工作人员与职工交流。"]
    (warning,) = [w for w in article.warnings if "图片" in w]
    assert warning.startswith("第1张图片（image1.gif）未导入：只能上传 JPEG")
    assert f"{STORY.title}：{warning}" in parsed.to_json_dict()["warnings"]


def noisy_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 80).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_a_photo_too_large_for_the_photo_desk_is_left_out(settings):
    small, large = jpeg(), noisy_jpeg()
    settings.MAX_PHOTO_BYTES = len(small) * 4
    assert len(large) > settings.MAX_PHOTO_BYTES
    parsed = read_docx(build_docx([STORY], pictures=[large, small]))
    assert [len(p) for p in parsed.photos] == [1]
    assert any("图片文件过大" in w for w in parsed.page.articles[0].warnings)
