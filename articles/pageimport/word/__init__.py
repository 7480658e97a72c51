"""Word files from correspondents (通讯员): a story, or several, with its photos.

Unions' correspondents send their stories as .docx files: a headline stack (引题, 主题,
副题) set in bigger or bold type, a dateline and credits (`本报讯（记者 边磊 通讯员
蔡洪玉）`, `通讯员 王芳`), paragraphs, and photos each with a caption paragraph (`图为…`,
`王芳 摄`). `read_docx` gives the same `ParsedPage` a page dump or a page PDF gives, its
text read by the same parser stages (`articles.pageimport.parser`), and each story's
photos beside it; `services.save_docx` makes the drafts.

python-docx (MIT, on lxml), not mammoth: the headline stack is told by type, and
python-docx gives every paragraph's style and every run's size and bold (resolved here
through the style chain, `blocks.py`) and the bytes of each inline picture in its place.
mammoth converts to HTML for display and drops the sizes, and its images come out as
data URIs. The package is opened only after the checks of `package.py` (what it is, zip
bombs, macros, size).

Modules: `package` (checks and opening), `blocks` (paragraphs with their type and
pictures), `stories` (photos and captions, headline stacks, stories, the parser).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from articles.pageimport.parser import PageParseError, ParsedArticle, ParsedPage
from articles.pageimport.word.blocks import read_blocks
from articles.pageimport.word.package import DocxError, max_docx_bytes, open_docx
from articles.pageimport.word.stories import DocxPhoto, read_stories, split_caption
from articles.photos.pipeline import clean_upload

__all__ = [
    "DocxError",
    "DocxPhoto",
    "ParsedDocx",
    "max_docx_bytes",
    "read_docx",
    "split_caption",
]

MAX_STORIES = 30  # a correspondent's file holds one story, now and then a few
MAX_PHOTOS = 30  # per file: more are left out, with a warning
MAX_CHARS = 100_000  # the text of a long feature is some 5,000 characters


@dataclass
class ParsedDocx:
    """What a Word file holds: its stories as the page import reads them (`page`, with
    no banner) and, beside each story, its photos that the photo desk accepts."""

    page: ParsedPage
    photos: list[list[DocxPhoto]]

    @property
    def stories(self) -> list[tuple[ParsedArticle, list[DocxPhoto]]]:
        return list(zip(self.page.articles, self.photos, strict=True))

    def to_json_dict(self) -> dict:
        """The page import's JSON (`banner`, `articles`, `warnings`, with each story's
        proposed new unions), each story with its dateline, the indices of its
        crossheads among its paragraphs, and its photos."""
        data = self.page.to_json_dict(with_new_unions=True)
        for item, (article, photos) in zip(data["articles"], self.stories, strict=True):
            item["dateline"] = article.dateline
            item["crossheads"] = list(article.crossheads)
            item["photos"] = [
                {
                    "name": photo.name,
                    "caption": photo.caption,
                    "credit": photo.credit,
                    "bytes": len(photo.data),
                }
                for photo in photos
            ]
        return data


def read_docx(
    data: bytes,
    *,
    union_names: Mapping[str, str] | None = None,
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
    column_names: Iterable[str] = (),
) -> ParsedDocx:
    """The stories of a Word file, or DocxError (in Chinese) saying why not.

    `union_names` and `column_names` are what the database knows (services.parse_docx
    passes them). Writes nothing. Each photo has been through the photo desk's pipeline
    once: one it refuses is left out with a warning on its story, the story stays.
    """
    document = open_docx(data)
    blocks = read_blocks(document)
    chars = sum(block.chars for block in blocks)
    if not chars:
        raise DocxError("Word 文件中没有文字：请把稿件正文写在文档里（不要只放图片或文本框）。")
    if chars > MAX_CHARS:
        raise DocxError(
            f"Word 文件有 {chars} 个字，超过稿件的上限 {MAX_CHARS} 个字：请分成几篇稿件上传。"
        )
    try:
        page, photos = read_stories(
            blocks,
            union_names=union_names,
            topic_keywords=topic_keywords,
            column_names=column_names,
        )
    except PageParseError as exc:
        raise DocxError(str(exc)) from exc
    if len(page.articles) > MAX_STORIES:
        raise DocxError(
            f"识别出 {len(page.articles)} 篇稿件，超过一个 Word 文件的上限 {MAX_STORIES} 篇。"
        )
    if any(block.in_text_box for block in blocks):
        page.warnings.append("文本框中的文字没有导入，请对照原文件核对。")
    parsed = ParsedDocx(page=page, photos=photos)
    _check_photos(parsed)
    return parsed


def _check_photos(parsed: ParsedDocx) -> None:
    """Leave out, with a warning on its story, each photo the pipeline refuses."""
    seen = 0
    for article, photos in parsed.stories:
        kept = []
        for number, photo in enumerate(photos, start=1):
            label = f"第{number}张图片（{photo.name}）"
            if photo.linked:
                article.warnings.append(
                    f"{label}只是链接到发稿人电脑上的文件，没有嵌入文档，未导入"
                )
                continue
            seen += 1
            if seen > MAX_PHOTOS:
                article.warnings.append(f"{label}未导入：一个文件最多导入 {MAX_PHOTOS} 张图片")
                continue
            try:
                # The whole pipeline, decoded pixels and all: what saving will do again.
                clean_upload(ContentFile(photo.data, name=photo.name))
            except ValidationError as exc:
                article.warnings.append(f"{label}未导入：{'；'.join(exc.messages).rstrip('。')}")
                continue
            kept.append(photo)
        photos[:] = kept
