"""The copy desk's part in an import (issue 23): what the preview shows of each story's
copy before it is saved, and how many saved stories have copy errors or warnings.

The checks and the figures are the copy desk's (`articles.copydesk`); this module only
runs them over the stories as parsed (or as the editor corrected them in the preview) and
puts what they found into shapes the preview's template and the messages print. The
saved stories were checked already: `save_page` and `save_docx` record each story's first
revision, and the workflow keeps its `StoryCheck` then.
"""

from dataclasses import dataclass

from articles.copydesk.engine import Rules
from articles.copydesk.figures import sentence_parts
from articles.copydesk.findings import ERROR, LEVEL_NAMES, WARNING
from articles.copydesk.models import StoryCheck
from articles.copydesk.services import check_fields, current_rules, figures_of
from articles.models import Article
from articles.pageimport.services import body_of, title_for_untitled

# The copy fields an imported story has, in the preview's order (an import writes no 摘要).
STORY_FIELDS = ("kicker", "title", "subtitle", "dateline", "body")
# Characters of the field shown on either side of a finding.
CONTEXT_CHARS = 12


@dataclass(frozen=True)
class FindingLine:
    """A finding as the preview prints it: the field, the text around it, the message."""

    level: str  # ERROR or WARNING
    level_name: str  # 错误, 提示
    field_label: str  # 主题, 正文第2段 …
    before: str
    excerpt: str
    after: str
    message: str


@dataclass(frozen=True)
class FigureLine:
    """A figure as the preview prints it: its sentence cut around it, and how it reads."""

    before: str
    printed: str  # 70余册
    after: str
    reading: str  # 70 册（余）


@dataclass(frozen=True)
class StoryCopy:
    """One story's copy as the copy desk reads it."""

    findings: list[FindingLine]
    figures: list[FigureLine]

    @property
    def errors(self) -> int:
        return sum(1 for item in self.findings if item.level == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for item in self.findings if item.level == WARNING)


def check_stories(stories: list[dict[str, str]]) -> list[StoryCopy]:
    """Each story's findings and figures, for stories given as their copy fields; the
    rules (the union tree, the term list) are read once for them all."""
    if not stories:
        return []
    rules = current_rules()
    return [check_story(fields, rules) for fields in stories]


def check_story(fields: dict[str, str], rules: Rules) -> StoryCopy:
    fields = {name: fields.get(name) or "" for name in STORY_FIELDS}
    labels = {name: str(Article._meta.get_field(name).verbose_name) for name in STORY_FIELDS}
    findings = []
    for item in check_fields(fields, rules):
        text, finding = fields[item.field], item.finding
        label = labels[item.field]
        if item.field == "body":
            label += f"第{item.paragraph}段"
        findings.append(
            FindingLine(
                level=finding.level,
                level_name=LEVEL_NAMES[finding.level],
                field_label=label,
                before=_context_before(text, finding.start),
                excerpt=item.excerpt,
                after=_context_after(text, finding.end),
                message=finding.message,
            )
        )
    figures = []
    for figure in figures_of(fields):
        before, printed, after = sentence_parts(fields["body"], figure)
        qualifier = f"（{figure.qualifier}）" if figure.qualifier else ""
        figures.append(
            FigureLine(
                before=before,
                printed=printed,
                after=after,
                reading=f"{figure.value} {figure.unit}{qualifier}",
            )
        )
    return StoryCopy(findings=findings, figures=figures)


def _context_before(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    begin = max(line_start, start - CONTEXT_CHARS)
    return ("…" if begin > line_start else "") + text[begin:start]


def _context_after(text: str, end: int) -> str:
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    stop = min(line_end, end + CONTEXT_CHARS)
    return text[end:stop] + ("…" if stop < line_end else "")


@dataclass(frozen=True)
class CopyCounts:
    """How the saved stories of one import fared at the copy desk."""

    stories: int
    with_errors: list[int]  # ids of the stories with at least one error
    with_warnings: list[int]  # ids of the stories with warnings and no error

    @property
    def with_findings(self) -> list[int]:
        return self.with_errors + self.with_warnings

    def sentence(self) -> str:
        """其中 2 篇有校对错误，另有 1 篇有校对提示 / 校对未发现问题 (no full stop: the
        caller's sentence goes on or ends)."""
        if not self.with_findings:
            return "校对未发现问题"
        parts = []
        if self.with_errors:
            parts.append(f"其中 {len(self.with_errors)} 篇有校对错误")
        if self.with_warnings:
            another = "另有" if self.with_errors else "其中"
            parts.append(f"{another} {len(self.with_warnings)} 篇有校对提示")
        return "，".join(parts)

    @classmethod
    def total(cls, counts: "list[CopyCounts]") -> "CopyCounts":
        """Several imports' counts as one (a whole edition)."""
        return cls(
            stories=sum(item.stories for item in counts),
            with_errors=[pk for item in counts for pk in item.with_errors],
            with_warnings=[pk for item in counts for pk in item.with_warnings],
        )


def copy_counts(articles: list[Article]) -> CopyCounts:
    """The stories' last checks counted (one query)."""
    checks = StoryCheck.objects.filter(article__in=articles).order_by("article_id")
    rows = list(checks.values_list("article_id", "errors", "warnings"))
    return CopyCounts(
        stories=len(articles),
        with_errors=[pk for pk, errors, _warnings in rows if errors],
        with_warnings=[pk for pk, errors, warnings in rows if warnings and not errors],
    )


# --- The console's preview (import_page and import_docx with --dry-run) -------------------


def story_fields(item) -> dict[str, str]:
    """A parsed report's copy fields as `save_page` and `save_docx` will store them."""
    return {
        "kicker": item.kicker,
        "title": item.title or title_for_untitled(item),
        "subtitle": item.subtitle,
        "dateline": item.dateline,
        "body": body_of(item),
    }


def counts_text(copy: StoryCopy) -> str:
    """校对 2 处错误、1 处提示 / 校对未发现问题"""
    if not copy.findings:
        return "校对未发现问题"
    return f"校对 {copy.errors} 处错误、{copy.warnings} 处提示"


def console_lines(items) -> list[str]:
    """Each parsed report's findings and figures, as lines for the console."""
    fields = [story_fields(item) for item in items]
    lines = []
    for number, (story, copy) in enumerate(zip(fields, check_stories(fields), strict=True), 1):
        lines.append(f"第 {number} 篇《{story['title']}》：{counts_text(copy)}")
        for item in copy.findings:
            lines.append(
                f"  {item.level_name}｜{item.field_label}：{item.before}【{item.excerpt}】"
                f"{item.after}——{item.message}"
            )
        for figure in copy.figures:
            lines.append(
                f"  数字｜{figure.printed} 读作 {figure.reading}："
                f"{figure.before}【{figure.printed}】{figure.after}"
            )
    return lines
