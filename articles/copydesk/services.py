"""The copy desk against the database: the rules as staff keep them now (the union tree,
the term list), a story's fields checked, its last check kept for lists, and the open
errors 签发 asks about.

The workflow calls `check_article` whenever it keeps a revision (every save in the admin,
every import and contribution, a restored revision) and `open_errors` at 签发; the admin
calls `check_fields` on the change form, with what the editor typed.
"""

from dataclasses import dataclass

from django.utils import timezone

from articles.copydesk.checks import dateline
from articles.copydesk.checks.unionnames import UnionDirectory
from articles.copydesk.engine import Rules, check_text
from articles.copydesk.figures import read_figures
from articles.copydesk.findings import ERROR, WARNING, Figure, Finding
from articles.copydesk.models import StoryCheck, Term
from articles.copydesk.terms import TermEntry, TermList
from articles.models import Article
from unions.models import Union

# The fields of a story that are copy, in the order the form shows them.
COPY_FIELDS = ("kicker", "title", "subtitle", "dateline", "lead", "body")
# Figures are read from the body only: the 摘要 repeats them.
FIGURE_FIELDS = ("body",)


@dataclass(frozen=True)
class FieldFinding:
    """A finding in one field of a story."""

    field: str
    finding: Finding
    excerpt: str  # the text it is about, as it stood when checked
    paragraph: int = 1  # the line of the field it stands in, from 1

    @property
    def is_error(self) -> bool:
        return self.finding.level == ERROR

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "excerpt": self.excerpt,
            "paragraph": self.paragraph,
            **self.finding.as_json(),
        }


def current_rules() -> Rules:
    """The union tree and the active term list as the database holds them now (two
    queries; the term list's segmenter is kept per process while the list is unchanged)."""
    rows = Union.objects.values_list("name", "short_name", "aliases", "level")
    directory = UnionDirectory.build(
        (name, short, [a.strip() for a in aliases.splitlines() if a.strip()], level)
        for name, short, aliases, level in rows
    )
    entries = Term.objects.filter(active=True).order_by("term")
    terms = TermList(
        TermEntry(term.term, term.kind, term.replacement, term.note) for term in entries
    )
    return Rules(directory=directory, terms=terms)


def check_fields(fields: dict[str, str], rules: Rules | None = None) -> list[FieldFinding]:
    """Every finding in a story's copy fields, field by field in form order."""
    rules = rules or current_rules()
    found = []
    for name in COPY_FIELDS:
        text = fields.get(name) or ""
        if not text:
            continue
        findings = dateline.check_field(text) if name == "dateline" else check_text(text, rules)
        found.extend(
            FieldFinding(
                name,
                finding,
                text[finding.start : finding.end],
                text.count("\n", 0, finding.start) + 1,
            )
            for finding in findings
        )
    return found


def article_fields(article: Article) -> dict[str, str]:
    return {name: getattr(article, name) or "" for name in COPY_FIELDS}


def figures_of(fields: dict[str, str]) -> list[Figure]:
    """Amounts and counts in the story's 正文."""
    found = []
    for name in FIGURE_FIELDS:
        found.extend(read_figures(fields.get(name) or ""))
    return found


def check_article(article: Article, rules: Rules | None = None) -> StoryCheck:
    """Check the story's copy as saved and keep the result for lists and the import."""
    fields = article_fields(article)
    found = check_fields(fields, rules)
    result = StoryCheck(
        article=article,
        errors=sum(1 for item in found if item.is_error),
        warnings=sum(1 for item in found if item.finding.level == WARNING),
        findings=[item.as_json() for item in found],
        figures=[figure.as_json(sentence=True) for figure in figures_of(fields)],
        checked_at=timezone.now(),
    )
    # One query, the first save of a story or its hundredth: an insert or an update.
    StoryCheck.objects.bulk_create(
        [result],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["errors", "warnings", "findings", "figures", "checked_at"],
    )
    return result


def open_errors(article: Article, fields: dict[str, str] | None = None) -> list[FieldFinding]:
    """The errors in the story's copy now (or in `fields`, what a form is about to save):
    what 签发 may not pass without the chief editor's reason."""
    found = check_fields(fields if fields is not None else article_fields(article))
    return [item for item in found if item.is_error]


def describe(errors: list[FieldFinding], *, limit: int = 3) -> str:
    """错误 in a sentence for a refusal: “主题”：…；正文 第12字“(”：…"""
    labels = {name: str(Article._meta.get_field(name).verbose_name) for name in COPY_FIELDS}
    parts = [
        f"{labels[item.field]}“{item.excerpt}”：{item.finding.message}" for item in errors[:limit]
    ]
    more = f"等 {len(errors)} 处" if len(errors) > limit else f"共 {len(errors)} 处"
    return f"{'；'.join(parts)}（{more}）"
