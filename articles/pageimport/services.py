"""Turn an e-paper page dump, a page PDF or a correspondent's Word file into draft
articles: the database side of the page parser.

`articles.pageimport.parser` knows nothing of Django; this module feeds it the union tree, the
topics and the column straps from the database, and writes what it found in one
transaction. The admin's import screen, `manage.py import_page` and the demo loader all
call `parse_dump()` and `save_page()`; `import_docx` and the contribution desk call
`parse_docx()` and `save_docx()`. One module past 500 lines on purpose: every write the
import makes, with the helpers they share (credits, titles, bodies), in one place.
"""

import datetime
import hashlib
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles.models import (
    CROSSHEAD_MARK,
    Article,
    ArticleStatus,
    Column,
    Contributor,
    Credit,
    PageFile,
    PageImport,
    PageZone,
    Photo,
    PrintPage,
    Topic,
)
from articles.pageimport.parser import NewUnion, PageParseError, ParsedPage, parse_page
from articles.pageimport.pdf import images
from articles.pageimport.pdf.document import PdfError, PdfPage, read_pdf
from articles.pageimport.pdf.pages import parse_pdf_page
from articles.pageimport.word import DocxError, ParsedDocx, read_docx
from articles.photos import renditions
from articles.photos.pipeline import clean_upload
from articles.photos.services import discard_on_commit, prepare
from articles.workflow.services import record_revision
from unions.models import Union
from unions.services import save_union
from unions.vocabulary import stored_label

__all__ = [
    "DocxError",
    "PageImportError",
    "PageParseError",
    "attach_pdf",
    "decode_dump",
    "parse_docx",
    "parse_dump",
    "parse_pdf",
    "read_page_pdf",
    "save_docx",
    "save_page",
    "save_page_image",
]


class PageImportError(ValueError):
    """A page that cannot be imported, with a message for the editor."""


@dataclass
class ImportResult:
    page_import: PageImport
    articles: list[Article] = field(default_factory=list)


def decode_dump(data: bytes) -> str:
    """Text of an uploaded dump; refuses what is not UTF-8 text instead of guessing."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PageImportError(
            f"文件不是 UTF-8 编码的文本（第 {exc.start} 字节无法识别）。"
            "请从数字报系统导出 UTF-8 文本后再导入。"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def union_name_index() -> dict[str, str]:
    """Every name a union goes by (full, short, aliases) -> its official full name.

    Official names are entered first, so a short name or alias that happens to equal
    another union's official name never takes it over; between two unions sharing a
    short name, the older one keeps it.
    """
    unions = list(Union.objects.only("name", "short_name", "aliases").order_by("pk"))
    index = {union.name: union.name for union in unions}
    for union in unions:
        for name in union.all_names:
            index.setdefault(name, union.name)
    return index


# Bounds on one page's work. A real page dump is a few thousand characters with up to
# about twenty reports (a page of briefs); these leave ample room and keep a parse under
# a second and the preview's confirm post under Django's field limit.
MAX_PAGE_CHARS = 100_000
MAX_REPORTS_PER_PAGE = 60


def parse_dump(text: str) -> ParsedPage:
    """Parse a dump against the unions, topics and columns known to the database,
    within the bounds of one page."""
    if len(text) > MAX_PAGE_CHARS:
        raise PageParseError(
            f"版面文本有 {len(text)} 个字符，超过一个版面的上限 {MAX_PAGE_CHARS} 个："
            "请检查是否粘贴了整份报纸，一次只导入一个版面。"
        )
    page = parse_page(
        text,
        union_names=union_name_index(),
        column_names=Column.objects.values_list("name", flat=True),
    )
    return _one_page(page)


def _one_page(page: ParsedPage) -> ParsedPage:
    """The page, if it holds no more reports than one page can."""
    if len(page.articles) > MAX_REPORTS_PER_PAGE:
        raise PageParseError(
            f"识别出 {len(page.articles)} 篇稿件，超过一个版面的上限 {MAX_REPORTS_PER_PAGE} 篇："
            "请检查是否是一个版面。"
        )
    return page


def read_page_pdf(data: bytes) -> PdfPage:
    """The one page of a 版's PDF, checked (PageParseError in Chinese otherwise)."""
    try:
        return read_pdf(data)[0]
    except PdfError as exc:
        raise PageParseError(str(exc)) from exc


def parse_pdf(page: PdfPage) -> ParsedPage:
    """A page PDF's reports with their zones, against the database's unions and
    columns, within the bounds of one page: the same result a dump gives."""
    parsed = parse_pdf_page(
        page,
        union_names=union_name_index(),
        column_names=Column.objects.values_list("name", flat=True),
    )
    return _one_page(parsed)


def pdf_text(parsed: ParsedPage) -> str:
    """What a page PDF said, as text: the import record's raw text and fingerprint."""
    return "\n".join(parsed.consumed_text())


# A brief printed under its row's strap has no headline of its own; its web title is the
# opening of its text (the first clause, at most this many characters).
UNTITLED_TITLE_CHARS = 30


def body_of(item) -> str:
    """A report's body as a story keeps it: a paragraph a line, the crossheads the page's
    layout showed marked as the readers' page and the 小标题 button mark them."""
    return "\n".join(
        CROSSHEAD_MARK + text
        if number in item.crossheads and not text.startswith(CROSSHEAD_MARK)
        else text
        for number, text in enumerate(item.paragraphs)
    )


def title_for_untitled(item) -> str:
    """A title for a report printed without one: the first clause of its text."""
    text = item.paragraphs[0] if item.paragraphs else ""
    clause = re.split(r"[，。！？；：,;]", text, maxsplit=1)[0].strip()
    return clause[:UNTITLED_TITLE_CHARS] or "（无标题）"


def text_fingerprint(text: str) -> str:
    normalized = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def find_duplicate(text: str, *, edition_date: datetime.date, page_number: int) -> str:
    """A warning when this page or this exact text was imported before, else ""."""
    earlier = PageImport.objects.filter(text_sha256=text_fingerprint(text)).first()
    if earlier is not None:
        when = timezone.localtime(earlier.imported_at)
        return f"同样的文本已于 {when:%Y-%m-%d %H:%M} 导入到 {earlier.print_page}。"
    page = PrintPage.objects.filter(edition_date=edition_date, number=page_number).first()
    if page is not None and page.articles.exists():
        return f"{page} 已有 {page.articles.count()} 篇稿件。"
    return ""


def save_page(
    *,
    parsed: ParsedPage,
    raw_text: str,
    edition_date: datetime.date,
    page_number: int,
    page_name: str = "",
    user=None,
    new_unions: list[NewUnion] = (),
    pdf: bytes | None = None,
) -> ImportResult:
    """Create the page's reports as drafts with credits, unions, topics and placement.

    `new_unions` are the unions the editor confirmed in the preview: they are created in
    the tree first (through `unions.services.save_union`), so the reports that name them
    are linked to them. With the page's `pdf`, the PDF is kept, the page image made and
    each report's zones stored. All or nothing: any failure rolls back every union and
    article, and deletes the page image's files.
    """
    if not parsed.articles:
        raise PageImportError("没有识别到任何稿件，未保存。")
    with _page_image(pdf) as manifest:
        return _save_page(
            parsed=parsed,
            raw_text=raw_text,
            edition_date=edition_date,
            page_number=page_number,
            page_name=page_name,
            user=user,
            new_unions=new_unions,
            pdf=pdf,
            manifest=manifest,
        )


def save_page_image(
    *,
    page: PdfPage,
    pdf: bytes,
    edition_date: datetime.date,
    page_number: int,
    page_name: str = "",
) -> PrintPage:
    """Keep a page whose text cannot make drafts (a scan): its PDF and image, for zones
    drawn by hand in the admin."""
    with _page_image(pdf) as manifest, transaction.atomic():
        print_page = _page(edition_date, page_number, page_name, banner="")
        _keep_pdf(print_page, pdf, manifest, layer=page.text_layer)
    return print_page


@contextmanager
def _page_image(pdf: bytes | None):
    """The page image's renditions (None without a PDF), made before the transaction that
    records them and deleted if it fails: files are no transaction's."""
    if pdf is None:
        yield None
        return
    try:
        manifest = images.render(pdf, 0)
    except Exception as exc:
        # PDFium read the file before; a page it cannot draw is still the editor's to know.
        raise PageImportError("版面图生成失败：这个 PDF 无法绘制，请重新导出后再试。") from exc
    try:
        yield manifest
    except BaseException:
        renditions.delete(images.names(manifest))
        raise


def _create_zones(print_page: PrintPage, story: Article, zones: list[list[float]]) -> None:
    PageZone.objects.bulk_create(
        PageZone(print_page=print_page, article=story, order=order, **_box(zone))
        for order, zone in enumerate(zones)
    )


@dataclass
class AttachResult:
    page_file: PageFile
    zoned: list[Article]  # stories whose zones the PDF gave
    unmatched: list[str]  # reports on the PDF with no story of their title on the page


def attach_pdf(*, print_page: PrintPage, pdf: bytes) -> AttachResult:
    """Keep a 版's PDF and image on a page whose stories are in already (typed in, or
    imported from a dump), with each story's zones where the PDF has a report of its
    title; a story's zones from before are replaced. A scan keeps its image only."""
    page = read_page_pdf(pdf)
    parsed = parse_pdf(page) if page.text_layer == "usable" else None
    with _page_image(pdf) as manifest, transaction.atomic():
        page_file = _keep_pdf(print_page, pdf, manifest, layer=page.text_layer)
        result = AttachResult(page_file=page_file, zoned=[], unmatched=[])
        stories = {story.title: story for story in print_page.articles.all()}
        for item in parsed.articles if parsed else []:
            title = item.title or title_for_untitled(item)
            story = stories.get(title)
            if story is None or not item.zones:
                result.unmatched.append(title)
                continue
            PageZone.objects.filter(print_page=print_page, article=story).delete()
            _create_zones(print_page, story, item.zones)
            result.zoned.append(story)
    return result


def _page(edition_date, page_number: int, page_name: str, banner: str) -> PrintPage:
    page, _ = PrintPage.objects.get_or_create(
        edition_date=edition_date,
        number=page_number,
        defaults={"name": page_name, "banner": banner},
    )
    changed = [f for f, v in (("name", page_name), ("banner", banner)) if v]
    if changed:
        page.name = page_name or page.name
        page.banner = banner or page.banner
        page.save(update_fields=changed)
    return page


def _keep_pdf(
    print_page: PrintPage, pdf: bytes, manifest: dict, *, layer: str = "usable"
) -> PageFile:
    """The page's PDF and image; a PDF imported again replaces the one before, whose
    files go once this commits."""
    old = PageFile.objects.filter(print_page=print_page).first()
    if old is not None:
        discard_on_commit([old.pdf.name, *images.names(old.renditions)])
        old.delete()
    date = print_page.edition_date
    size = images.page_size(pdf)
    page_file = PageFile(
        print_page=print_page,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        width_pt=size[0],
        height_pt=size[1],
        text_layer=layer,
        renditions=manifest,
    )
    page_file.pdf.save(f"{date:%Y%m%d}-{print_page.number:02d}.pdf", ContentFile(pdf), save=False)
    page_file.save()
    return page_file


@transaction.atomic
def _save_page(
    *,
    parsed: ParsedPage,
    raw_text: str,
    edition_date: datetime.date,
    page_number: int,
    page_name: str,
    user,
    new_unions: list[NewUnion],
    pdf: bytes | None,
    manifest: dict | None,
) -> ImportResult:
    _create_unions(new_unions)
    page = _page(edition_date, page_number, page_name, banner=parsed.banner or "")

    page_import = PageImport.objects.create(
        print_page=page,
        raw_text=raw_text,
        text_sha256=text_fingerprint(raw_text),
        imported_by=user,
    )
    first_free = (page.articles.aggregate(last=Max("print_order"))["last"] or 0) + 1
    unions_by_name = {u.name: u for u in Union.objects.filter(name__in=_all_union_names(parsed))}
    topics_by_slug = {t.slug: t for t in Topic.objects.filter(slug__in=_all_topic_slugs(parsed))}

    result = ImportResult(page_import=page_import)
    for position, item in enumerate(parsed.articles):
        column = None
        if item.column:
            column, _ = Column.objects.get_or_create(name=item.column)
        article = Article(
            kicker=item.kicker,
            title=item.title or title_for_untitled(item),
            subtitle=item.subtitle,
            column=column,
            kind=item.kind,
            dateline=item.dateline,
            body=body_of(item),
            print_page=page,
            print_order=first_free + position,
            status=ArticleStatus.DRAFT,
            page_import=page_import,
            created_by=user,
        )
        try:
            article.full_clean()
        except ValidationError as exc:
            messages = "；".join(m for ms in exc.message_dict.values() for m in ms)
            raise PageImportError(
                f"第 {position + 1} 篇《{item.title}》无法保存：{messages}"
            ) from exc
        article.save()
        _add_credits(article, item)
        article.unions.set([unions_by_name[n] for n in item.unions if n in unions_by_name])
        article.topics.set([topics_by_slug[s] for s in item.topics if s in topics_by_slug])
        _create_zones(page, article, item.zones)
        # An import is each story's first revision, like a save in the admin.
        record_revision(article, user=user, note="版面导入")
        result.articles.append(article)
    if pdf is not None:
        _keep_pdf(page, pdf, manifest)
    return result


def _add_credits(article: Article, item) -> None:
    """The report's credits with their roles, each name one contributor (the oldest of
    that name, or a new one)."""
    for order, credit in enumerate(item.credits):
        contributor = Contributor.objects.filter(name=credit.name).order_by("pk").first()
        if contributor is None:
            contributor = Contributor.objects.create(name=credit.name)
        Credit.objects.get_or_create(
            article=article,
            contributor=contributor,
            role=credit.role,
            defaults={"label": stored_label(credit.label), "order": order},
        )


def _box(zone: list[float]) -> dict:
    x0, y0, x1, y1 = zone
    return {"x0": x0, "y0": y0, "x1": max(x1, x0 + 0.001), "y1": max(y1, y0 + 0.001)}


def _create_unions(new_unions: list[NewUnion]) -> None:
    """Create confirmed unions, parents before children; a name the tree already has is
    kept as it is (the editor corrected a proposal to an existing union)."""
    index = union_name_index()
    pending = list(new_unions)
    while pending:
        ready = [
            u
            for u in pending
            if not u.parent or u.parent in index or u.parent not in {p.name for p in pending}
        ]
        if not ready:
            names = "、".join(u.name for u in pending)
            raise PageImportError(f"新工会的上级工会互相指向，无法创建：{names}")
        for proposal in ready:
            pending.remove(proposal)
            if proposal.name in index:
                continue
            parent = None
            if proposal.parent:
                parent = Union.objects.filter(name=index.get(proposal.parent, "")).first()
                if parent is None:
                    raise PageImportError(
                        f"新工会“{proposal.name}”的上级工会“{proposal.parent}”不在组织体系中。"
                    )
            union = Union(name=proposal.name, level=proposal.level, parent=parent)
            try:
                save_union(union=union)
            except ValidationError as exc:
                messages = "；".join(m for ms in exc.message_dict.values() for m in ms)
                raise PageImportError(f"新工会“{proposal.name}”无法创建：{messages}") from exc
            index[union.name] = union.name


def _all_union_names(parsed: ParsedPage) -> set[str]:
    return {name for item in parsed.articles for name in item.unions}


def _all_topic_slugs(parsed: ParsedPage) -> set[str]:
    return {slug for item in parsed.articles for slug in item.topics}


# --- Word files ---------------------------------------------------------------------------


def parse_docx(data: bytes) -> ParsedDocx:
    """A correspondent's Word file read against the unions and columns the database
    knows; DocxError (in Chinese) when it cannot be imported. Writes nothing."""
    return read_docx(
        data,
        union_names=union_name_index(),
        column_names=Column.objects.values_list("name", flat=True),
    )


def save_docx(
    parsed: ParsedDocx,
    *,
    user,
    source_union: Union | None = None,
    topics: Iterable[Topic] | None = None,
    unions: Iterable[Union] | None = None,
) -> list[Article]:
    """Create the Word file's stories as drafts, as `save_page` creates a page's: the
    credits with their roles, the unions and topics (None: those the parser suggested;
    given: exactly these), `source_union` as 来稿单位, each photo through the photo
    desk's pipeline with its renditions, caption and credit, in the file's order, and
    each story's first revision. DocxError (in Chinese) when it cannot.

    All or nothing: the photo files are written first and deleted again if anything
    fails, and the rows are written in one transaction. Called inside a transaction of
    the caller's that rolls back later, the files stay: call it on its own (the
    contribution desk submits the stories afterwards, through the workflow).
    """
    if not parsed.page.articles:
        raise DocxError("没有识别到任何稿件，未保存。")
    topics = None if topics is None else list(topics)
    unions = None if unions is None else list(unions)
    with _photo_files(parsed) as photos:
        return _save_docx(parsed, photos, user, source_union, topics, unions)


@contextmanager
def _photo_files(parsed: ParsedDocx):
    """Each story's photos as unsaved rows whose master and renditions are in storage
    already, made before the transaction that records them and deleted if it fails:
    files are no transaction's (as `_page_image`)."""
    written: list[str] = []
    try:
        rows = []
        for _, photos in parsed.stories:
            row = []
            for order, photo in enumerate(photos):
                try:
                    clean = clean_upload(ContentFile(photo.data, name=photo.name))
                except ValidationError as exc:
                    raise DocxError(
                        f"图片（{photo.name}）无法保存：{'；'.join(exc.messages)}"
                    ) from exc
                record = Photo(caption=photo.caption, credit=photo.credit, order=order)
                prepare(record, clean)  # the renditions, listed in record.renditions
                written += renditions.all_names(record.renditions)
                record.image.save(clean.master.name, clean.master, save=False)
                written.append(record.image.name)
                row.append(record)
            rows.append(row)
        yield rows
    except BaseException:
        renditions.delete(written)
        raise


@transaction.atomic
def _save_docx(parsed, photos, user, source_union, topics, unions) -> list[Article]:
    unions_by_name = {
        u.name: u for u in Union.objects.filter(name__in=_all_union_names(parsed.page))
    }
    topics_by_slug = {
        t.slug: t for t in Topic.objects.filter(slug__in=_all_topic_slugs(parsed.page))
    }
    saved = []
    for position, ((item, _), rows) in enumerate(zip(parsed.stories, photos, strict=True)):
        column = Column.objects.get_or_create(name=item.column)[0] if item.column else None
        article = Article(
            kicker=item.kicker,
            title=item.title or title_for_untitled(item),
            subtitle=item.subtitle,
            column=column,
            kind=item.kind,
            dateline=item.dateline,
            body=body_of(item),
            status=ArticleStatus.DRAFT,
            source_union=source_union,
            created_by=user,
        )
        try:
            article.full_clean()
        except ValidationError as exc:
            messages = "；".join(m for ms in exc.message_dict.values() for m in ms)
            raise DocxError(f"第 {position + 1} 篇《{article.title}》无法保存：{messages}") from exc
        article.save()
        _add_credits(article, item)
        if unions is None:
            article.unions.set([unions_by_name[n] for n in item.unions if n in unions_by_name])
        else:
            article.unions.set(unions)
        if topics is None:
            article.topics.set([topics_by_slug[s] for s in item.topics if s in topics_by_slug])
        else:
            article.topics.set(topics)
        for record in rows:
            record.article = article
            record.save()
        record_revision(article, user=user, note="Word 文件导入")
        saved.append(article)
    return saved
