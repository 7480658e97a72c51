"""Forms of the editors' page import: the dump (or the page's PDF) and its placement,
then one form a report.

The forms only validate what the editor typed; the dump is parsed by the view, once per
preview (`articles.pageimport.services.parse_dump`, or `read_page_pdf` and `parse_pdf`),
never inside `Form.clean()`.

An uploaded PDF is staged in storage between the preview and the confirm (the editor
does not upload it twice): content-addressed, `epaper/staging/<sha256>.pdf`, and carried
in the preview's form as a signed token of its sha256, so a post can name no other file.
"""

import hashlib
import json

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.functional import cached_property

from articles.forms import WIDE
from articles.models import ArticleKind, Contributor, Credit, Topic
from articles.pageimport.parser import NewUnion, ParsedArticle, ParsedCredit, ParsedPage
from articles.pageimport.parser.credits import OUTLET_ROLE_WORDS
from articles.pageimport.pdf.document import MAX_PDF_BYTES
from articles.pageimport.services import (
    MAX_PAGE_CHARS,
    PageImportError,
    body_of,
    decode_dump,
    title_for_untitled,
    union_name_index,
)
from unions.models import UnionLevel
from unions.vocabulary import DEFAULT_ROLE_WORDS, ROLE_OF_WORD

# A page of MAX_PAGE_CHARS characters in UTF-8, with room to spare.
MAX_DUMP_BYTES = 512 * 1024

STAGING_FOLDER = "epaper/staging"
STAGED_PDF_SALT = "articles.pageimport.staged-pdf"
STAGED_PDF_MAX_AGE = 24 * 3600  # a preview left open overnight is uploaded again
# A report's zones as posted back by the preview: a few blocks each (headline, column
# segments, pictures); more than this is no report.
MAX_ZONES_PER_REPORT = 40


def stage_pdf(data: bytes) -> str:
    """Keep an uploaded PDF until the preview is confirmed; returns its signed token."""
    sha256 = hashlib.sha256(data).hexdigest()
    name = _staged_name(sha256)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return signing.dumps(sha256, salt=STAGED_PDF_SALT)


def read_staged_pdf(token: str) -> tuple[str, bytes]:
    """The staged PDF a token names: (sha256, bytes); ValidationError in Chinese if the
    token is forged or expired, or the file is gone (confirmed already)."""
    try:
        sha256 = signing.loads(token, salt=STAGED_PDF_SALT, max_age=STAGED_PDF_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError("预览已超过一天，暂存的 PDF 已失效：请重新上传版面 PDF。") from None
    except signing.BadSignature:
        raise ValidationError("版面 PDF 的暂存凭据无效：请重新上传版面 PDF。") from None
    name = _staged_name(sha256)
    if not default_storage.exists(name):
        raise ValidationError("暂存的版面 PDF 已不存在（可能已经导入）：请重新上传版面 PDF。")
    with default_storage.open(name, "rb") as stored:
        return sha256, stored.read()


def discard_staged_pdf(sha256: str) -> None:
    default_storage.delete(_staged_name(sha256))


def _staged_name(sha256) -> str:
    # Only this module signs these tokens, but what a token carries is checked all the
    # same: a signed value of another shape is refused, never a 500.
    if not isinstance(sha256, str) or len(sha256) != 64 or sha256.strip("0123456789abcdef"):
        raise ValidationError("版面 PDF 的暂存凭据无效：请重新上传版面 PDF。")
    return f"{STAGING_FOLDER}/{sha256}.pdf"


# Role words an editor may type in the preview: every printed word the parser knows, and
# the photo suffix 摄 written first ("摄 周美玉").
LABEL_ROLES = {**ROLE_OF_WORD, **OUTLET_ROLE_WORDS, "摄": "photographer"}


class ImportPageForm(forms.Form):
    text = forms.CharField(
        label="版面文本",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 80}),
        help_text="从数字报系统复制整版文本粘贴到这里，或在下面上传导出的文本文件。",
    )
    file = forms.FileField(label="或上传文本文件", required=False)
    pdf = forms.FileField(
        label="或上传版面 PDF",
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=f"排版系统导出的一个版面的 PDF（不超过 {MAX_PDF_BYTES // 1024 // 1024} MB）："
        "识别稿件和每篇稿件在版面上的位置，并保存版面图。上传 PDF 时无需粘贴文本。",
    )
    # The signed sha256 of the PDF staged by the preview (see the module's docstring).
    staged_pdf = forms.CharField(required=False, widget=forms.HiddenInput)
    edition_date = forms.DateField(
        label="出版日期",
        # ISO format: a browser's date input ignores the zh-hans 2024/01/23 rendering.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    page_number = forms.IntegerField(label="版次", min_value=1, max_value=99)
    page_name = forms.CharField(label="版名", required=False, max_length=40)
    banner = forms.CharField(
        label="通栏标题",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=WIDE),
        help_text="预览时自动识别，可修改。",
    )
    allow_duplicate = forms.BooleanField(label="该版面已导入过，仍然导入", required=False)

    # The page's PDF, from this post's upload or from staging (None: a text import), and
    # the sha256 it is staged under.
    pdf_data: bytes | None = None
    pdf_sha256 = ""

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload is None:
            return None
        if upload.size > MAX_PDF_BYTES:
            raise ValidationError(
                f"PDF 有 {upload.size / 1024 / 1024:.1f} MB，超过上限 "
                f"{MAX_PDF_BYTES // 1024 // 1024} MB：请上传一个版面的 PDF。"
            )
        self.pdf_data = upload.read()
        self.pdf_sha256 = hashlib.sha256(self.pdf_data).hexdigest()
        return upload

    def clean(self):
        cleaned = super().clean()
        if "pdf" in self.errors:
            return cleaned
        if self.pdf_data is None and cleaned.get("staged_pdf"):
            try:
                self.pdf_sha256, self.pdf_data = read_staged_pdf(cleaned["staged_pdf"])
            except ValidationError as exc:
                raise ValidationError({"pdf": exc.messages}) from None
        if self.pdf_data is not None:
            # The page's text is read from the PDF (the preview carries it on as the
            # import record's); a pasted text goes unused.
            if len(cleaned.get("text", "")) > MAX_PAGE_CHARS:
                raise ValidationError({"text": f"版面文本超过 {MAX_PAGE_CHARS} 个字符。"})
            return cleaned
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_DUMP_BYTES:
                raise ValidationError({"file": "文件太大：一个版面的文本不会超过 512 KB。"})
            try:
                cleaned["text"] = decode_dump(upload.read())
            except PageImportError as exc:
                raise ValidationError({"file": str(exc)}) from exc
        text = cleaned.get("text", "")
        if not text.strip():
            raise ValidationError({"text": "请粘贴版面文本，或上传文本文件或版面 PDF。"})
        if len(text) > MAX_PAGE_CHARS:
            raise ValidationError(
                {"text": f"版面文本超过 {MAX_PAGE_CHARS} 个字符：一次只导入一个版面。"}
            )
        return cleaned


class AttachPdfForm(forms.Form):
    """The 版's PDF for a page whose stories are in already: its image and their zones."""

    pdf = forms.FileField(
        label="版面 PDF",
        help_text=f"排版系统导出的本版 PDF（不超过 {MAX_PDF_BYTES // 1024 // 1024} MB）："
        "保存 PDF、生成版面图，并按标题为本版已有的稿件划定区域。",
    )

    def clean_pdf(self) -> bytes:
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise ValidationError(
                f"PDF 超过 {MAX_PDF_BYTES // 1024 // 1024} MB：请上传一个版面的 PDF。"
            )
        return upload.read()


class ReportForm(forms.Form):
    """One report found on the page, as the editor confirms or corrects it."""

    include = forms.BooleanField(label="导入", required=False, initial=True)
    kind = forms.ChoiceField(label="体裁", choices=ArticleKind.choices)
    column = forms.CharField(label="栏目", required=False, max_length=60)
    kicker = forms.CharField(label="引题", required=False, max_length=200)
    title = forms.CharField(label="主题", max_length=200)
    subtitle = forms.CharField(label="副题", required=False, max_length=200)
    dateline = forms.CharField(label="电头", required=False, max_length=40)
    credits = forms.CharField(
        label="署名",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一位：称谓 姓名，例如“记者 边磊”“通讯员 蔡洪玉”。",
    )
    body = forms.CharField(
        label="正文", widget=forms.Textarea(attrs={"rows": 8}), help_text="每段一行。"
    )
    unions = forms.CharField(
        label="涉及工会",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一个工会全称或别称。",
    )
    topics = forms.ModelMultipleChoiceField(
        label="专题",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Where the report stands on the page, read from its PDF: [[x0, y0, x1, y1], ...],
    # fractions of the page, origin top left (empty for a pasted dump).
    zones = forms.CharField(label="版面区域", required=False, widget=forms.HiddenInput)

    @classmethod
    def initial_from(cls, item: ParsedArticle) -> dict:
        return {
            "include": True,
            "kind": item.kind,
            "column": item.column,
            "kicker": item.kicker,
            # A brief printed without a headline gets the opening of its text to correct.
            "title": item.title or title_for_untitled(item),
            "subtitle": item.subtitle,
            "dateline": item.dateline,
            "credits": "\n".join(
                f"{c.label or DEFAULT_ROLE_WORDS.get(c.role, '')} {c.name}".strip()
                for c in item.credits
            ),
            "body": body_of(item),
            "unions": "\n".join(item.unions),  # known unions; new ones are proposed apart
            "topics": item.topics,
            "zones": json.dumps([[round(v, 4) for v in zone] for zone in item.zones]),
        }

    def clean_zones(self) -> list[list[float]]:
        value = self.cleaned_data["zones"]
        if not value:
            return []
        try:
            zones = json.loads(value)
        except (ValueError, RecursionError):
            zones = None
        if not _are_zones(zones):
            raise ValidationError("稿件在版面上的区域数据无效：请重新上传版面 PDF 预览。")
        return [[float(v) for v in zone] for zone in zones]

    def clean_credits(self) -> list[ParsedCredit]:
        credits = []
        for line in self.cleaned_data["credits"].splitlines():
            words = line.split()
            if not words:
                continue
            if len(words) == 1:
                credits.append(ParsedCredit(role="other", name=words[0], label=""))
                continue
            label, names = words[0], words[1:]
            for name in names:
                credits.append(
                    ParsedCredit(role=LABEL_ROLES.get(label, "other"), name=name, label=label)
                )
        # The same limits as the tables the importer writes to (Contributor, Credit).
        name_limit = Contributor._meta.get_field("name").max_length
        label_limit = Credit._meta.get_field("label").max_length
        for credit in credits:
            if len(credit.name) > name_limit:
                raise ValidationError(
                    f"署名“{credit.name[:12]}…”过长：姓名最多 {name_limit} 个字，"
                    "每行写“称谓 姓名”，多个姓名用空格分开。"
                )
            if len(credit.label) > label_limit:
                raise ValidationError(f"称谓“{credit.label[:12]}…”过长：最多 {label_limit} 个字。")
        return credits

    def __init__(self, *args, union_names: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.union_names = union_names

    def clean_unions(self) -> list[str]:
        wanted = [n.strip() for n in self.cleaned_data["unions"].splitlines() if n.strip()]
        unknown = [n for n in wanted if n not in self.union_names]
        if unknown:
            raise ValidationError(
                "这些工会不在组织体系中：%(names)s。请先在“工会组织”中添加，或删去这一行。",
                params={"names": "、".join(unknown)},
            )
        return list(dict.fromkeys(self.union_names[n] for n in wanted))

    def to_parsed(self) -> ParsedArticle:
        data = self.cleaned_data
        return ParsedArticle(
            kind=data["kind"],
            column=data["column"].strip(),
            kicker=data["kicker"].strip(),
            title=data["title"].strip(),
            subtitle=data["subtitle"].strip(),
            dateline=data["dateline"].strip(),
            credits=data["credits"],
            paragraphs=[p.strip() for p in data["body"].splitlines() if p.strip()],
            unions=data["unions"],
            topics=[t.slug for t in data["topics"]],
            zones=data["zones"],
        )


def _are_zones(zones) -> bool:
    """A list of boxes [x0, y0, x1, y1] inside the page (0..1, x0 <= x1, y0 <= y1)."""
    if not isinstance(zones, list) or len(zones) > MAX_ZONES_PER_REPORT:
        return False
    for zone in zones:
        if not isinstance(zone, list) or len(zone) != 4:
            return False
        # The range check first: NaN and infinities fail it, no huge integer is converted.
        if not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in zone
        ):
            return False
        x0, y0, x1, y1 = zone
        if x1 < x0 or y1 < y0:
            return False
    return True


class BaseReportFormSet(forms.BaseFormSet):
    @cached_property
    def union_names(self) -> dict[str, str]:
        # One look-up of the union tree for all the page's reports, not one per report.
        return union_name_index()

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "union_names": self.union_names}

    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("include") for form in self.forms):
            raise ValidationError("至少勾选一篇稿件导入。")

    def to_page(self, banner: str, new_unions: "NewUnionFormSet | None" = None) -> ParsedPage:
        """The page to save; each confirmed new union is added to the reports naming it."""
        confirmed = new_unions.confirmed_by_report() if new_unions is not None else {}
        articles = []
        for index, form in enumerate(self.forms):
            if not form.cleaned_data.get("include"):
                continue
            article = form.to_parsed()
            for name in confirmed.get(index, []):
                if name not in article.unions:
                    article.unions.append(name)
            articles.append(article)
        return ParsedPage(banner=banner or None, articles=articles, dropped=[], warnings=[])


ReportFormSet = forms.formset_factory(ReportForm, formset=BaseReportFormSet, extra=0)


class NewUnionForm(forms.Form):
    """A union the copy names that the tree does not know: the editor confirms it (as
    proposed or corrected) or rejects it."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        label="处理",
        choices=[(ACCEPT, "确认，加入组织体系"), (REJECT, "不是工会或不需要，忽略")],
        initial=ACCEPT,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label="全称", max_length=120)
    level = forms.ChoiceField(label="层级", choices=UnionLevel.choices)
    parent = forms.CharField(
        label="上级工会",
        required=False,
        max_length=120,
        help_text="组织体系中已有工会的全称或别称，或本页另一个新工会；可留空。",
    )
    reports = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, page: ParsedPage, index: dict[str, str]) -> list[dict]:
        """One form per proposed union of the page, with the reports that name it."""
        proposals: dict[str, dict] = {}
        for number, article in enumerate(page.articles):
            for union in article.new_unions:
                item = proposals.setdefault(
                    union.name,
                    {
                        "decision": cls.ACCEPT,
                        "name": union.name,
                        "level": union.level,
                        "parent": index.get(union.parent, union.parent),
                        "numbers": [],
                    },
                )
                item["numbers"].append(number)
        return [
            {**item, "reports": ",".join(str(n) for n in item.pop("numbers"))}
            for item in proposals.values()
        ]

    def report_numbers(self) -> list[int]:
        return [int(n) for n in self.cleaned_data["reports"].split(",") if n.strip().isdigit()]

    def accepted(self) -> bool:
        return self.cleaned_data.get("decision") == self.ACCEPT


class BaseNewUnionFormSet(forms.BaseFormSet):
    @cached_property
    def union_names(self) -> dict[str, str]:
        return union_name_index()

    def clean(self):
        if any(self.errors):
            return
        accepted = {f.cleaned_data["name"].strip() for f in self.forms if f.accepted()}
        for form in self.forms:
            if not form.accepted():
                continue
            parent = form.cleaned_data["parent"].strip()
            if parent and parent not in self.union_names and parent not in accepted:
                form.add_error(
                    "parent", "上级工会不在组织体系中，也不是本页确认的新工会；请改正或留空。"
                )
        if any(self.errors):
            raise ValidationError("请改正新工会的上级工会。")

    def to_new_unions(self) -> list[NewUnion]:
        """The confirmed unions; a parent named by an alias goes by its official name."""
        return [
            NewUnion(
                name=form.cleaned_data["name"].strip(),
                level=form.cleaned_data["level"],
                parent=self.union_names.get(
                    form.cleaned_data["parent"].strip(), form.cleaned_data["parent"].strip()
                ),
            )
            for form in self.forms
            if form.accepted()
        ]

    def confirmed_by_report(self) -> dict[int, list[str]]:
        """Report number -> the names of confirmed unions it names (official names for
        unions the tree already has)."""
        by_report: dict[int, list[str]] = {}
        for form in self.forms:
            if not form.accepted():
                continue
            name = form.cleaned_data["name"].strip()
            for number in form.report_numbers():
                by_report.setdefault(number, []).append(self.union_names.get(name, name))
        return by_report


NewUnionFormSet = forms.formset_factory(NewUnionForm, formset=BaseNewUnionFormSet, extra=0)
