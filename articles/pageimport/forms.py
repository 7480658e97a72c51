"""Forms of the editors' page import: the dump and its placement, then one form a report.

The forms only validate what the editor typed; the dump is parsed by the view, once per
preview (`articles.pageimport.services.parse_dump`), never inside `Form.clean()`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from articles.forms import WIDE
from articles.models import ArticleKind, Contributor, Credit, Topic
from articles.pageimport.parser import NewUnion, ParsedArticle, ParsedCredit, ParsedPage
from articles.pageimport.parser.credits import OUTLET_ROLE_WORDS
from articles.pageimport.services import (
    MAX_PAGE_CHARS,
    PageImportError,
    decode_dump,
    union_name_index,
)
from unions.models import UnionLevel
from unions.vocabulary import DEFAULT_ROLE_WORDS, ROLE_OF_WORD

# A page of MAX_PAGE_CHARS characters in UTF-8, with room to spare.
MAX_DUMP_BYTES = 512 * 1024

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

    def clean(self):
        cleaned = super().clean()
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
            raise ValidationError({"text": "请粘贴版面文本或上传文本文件。"})
        if len(text) > MAX_PAGE_CHARS:
            raise ValidationError(
                {"text": f"版面文本超过 {MAX_PAGE_CHARS} 个字符：一次只导入一个版面。"}
            )
        return cleaned


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

    @classmethod
    def initial_from(cls, item: ParsedArticle) -> dict:
        return {
            "include": True,
            "kind": item.kind,
            "column": item.column,
            "kicker": item.kicker,
            "title": item.title,
            "subtitle": item.subtitle,
            "dateline": item.dateline,
            "credits": "\n".join(
                f"{c.label or DEFAULT_ROLE_WORDS.get(c.role, '')} {c.name}".strip()
                for c in item.credits
            ),
            "body": "\n".join(item.paragraphs),
            "unions": "\n".join(item.unions),  # known unions; new ones are proposed apart
            "topics": item.topics,
        }

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
        )


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
