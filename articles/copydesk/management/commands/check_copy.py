"""check_copy FILE... [--json] [--fail-on-error]: the copy desk over text files.

Each file is one story, UTF-8, one paragraph a line. It is checked as a whole with the
rules the database holds now (`services.current_rules()`: the union tree and the active
term list) by `engine.check_text`, and its figures are read by `figures.read_figures`.

Offsets are in characters of the file's text as it is: the bytes are decoded as UTF-8
and line endings are not translated, so in a CRLF file each "\\r" counts as a character
and `text[start:end]` is what a finding is about. A UTF-8 byte order mark at the start is
no character of the text: it is dropped before the check (as Python's "utf-8-sig" reads
it), so offsets count from the character after it and 本报讯 at the head of the file is
still a dateline.

Output: with --json, one JSON object a line for each file read, to stdout only:
    {"file", "findings": [{"check", "level", "start", "end", "message", "replacement"}],
     "figures": [{"text", "start", "end", "value", "unit", "qualifier"}]}
(`replacement` null when there is none, `qualifier` "" when none). Without it, a report
in Chinese for each file (file:line:column, 错误/提示, the excerpt, the message, → the
replacement; then the figures) and a line of totals. Lines and columns count from 1,
columns in characters; lines are the engine's paragraphs.

A file that cannot be read (missing, a directory, not UTF-8, no permission) gets a
message on stderr and no output line; the other files are still checked. Exit status:
1 when some file could not be read, or, with --fail-on-error, when some file's copy has
an error (错误, what would stop 签发); else 0. Warnings (提示) never change it.
"""

import json
import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand

from articles.copydesk.checks.text import paragraphs
from articles.copydesk.engine import check_text
from articles.copydesk.figures import read_figures
from articles.copydesk.findings import ERROR, LEVEL_NAMES, Figure, Finding
from articles.copydesk.services import current_rules

BOM = "\ufeff"

# The checks' names as the report prints them.
CHECK_NAMES = {
    "dateline": "电头",
    "punctuation": "标点",
    "numbers": "数字",
    "union_names": "工会名称",
    "terms": "用词",
}


class UnreadableFileError(Exception):
    """A file that is no story to check; the message says why, in Chinese."""


@dataclass(frozen=True)
class Result:
    file: str
    text: str
    findings: list[Finding]
    figures: list[Figure]

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.level == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "findings": [finding.as_json() for finding in self.findings],
            "figures": [figure.as_json() for figure in self.figures],
        }


def read_story(path: str) -> str:
    """The file's text, decoded as UTF-8 without translating line endings, a leading
    byte order mark dropped."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableFileError(f"{path}：文件不存在。") from exc
    except IsADirectoryError as exc:
        raise UnreadableFileError(f"{path}：这是一个目录，不是文件。") from exc
    except PermissionError as exc:
        raise UnreadableFileError(f"{path}：没有读取权限。") from exc
    except OSError as exc:
        raise UnreadableFileError(f"{path}：无法读取（{exc.strerror or exc}）。") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"{path}：不是 UTF-8 编码的文本（第 {exc.start} 字节处无法解码，字节从 0 数起），"
            "请另存为 UTF-8 后再检查。"
        ) from exc
    return text.removeprefix(BOM)


def check_story(path: str, rules) -> Result:
    text = read_story(path)
    return Result(path, text, check_text(text, rules), read_figures(text))


class Command(BaseCommand):
    help = (
        "校对文本文件中的稿件（每个文件一篇，UTF-8 编码，每行一段）：电头、标点、数字、"
        "工会名称和禁用词。位置按文件文本的字符计（不转换换行符；开头的 BOM 不计）。"
        "有文件无法读取时退出码为 1；加 --fail-on-error 时，稿件中有错误也为 1。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="稿件文本文件")
        parser.add_argument(
            "--json", action="store_true", help="每个文件输出一行 JSON（问题和数字）"
        )
        parser.add_argument(
            "--fail-on-error",
            action="store_true",
            help="稿件中有错误（签发前须改正的问题）时，退出码为 1",
        )

    def handle(self, *args, **options) -> None:
        rules = current_rules()
        unreadable = 0
        results = []
        for path in options["files"]:
            try:
                result = check_story(path, rules)
            except UnreadableFileError as exc:
                unreadable += 1
                self.stderr.write(f"无法检查：{exc}")
                continue
            results.append(result)
            if options["json"]:
                self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            else:
                self._report(result)
        if not options["json"]:
            self._totals(results, unreadable)
        copy_errors = options["fail_on_error"] and any(result.errors for result in results)
        if unreadable or copy_errors:
            # As Django's own `makemigrations --check`: a status, not a traceback.
            sys.exit(1)

    def _report(self, result: Result) -> None:
        if not result.text.strip():
            self.stdout.write(f"{result.file}：空文件，没有可检查的内容。")
            return
        starts = [start for start, _line in paragraphs(result.text)]
        for finding in result.findings:
            line = bisect_right(starts, finding.start)
            column = finding.start - starts[line - 1] + 1
            excerpt = result.text[finding.start : finding.end].replace("\r", "").replace("\n", "↵")
            fix = f" → {finding.replacement}" if finding.replacement is not None else ""
            self.stdout.write(
                f"{result.file}:{line}:{column}: {LEVEL_NAMES[finding.level]}"
                f"〔{CHECK_NAMES.get(finding.check, finding.check)}〕"
                f"“{excerpt}” {finding.message}{fix}"
            )
        if not result.findings:
            self.stdout.write(f"{result.file}：未发现问题。")
        if result.figures:
            self.stdout.write(f"{result.file}：稿件中的数字 {len(result.figures)} 个")
            for figure in result.figures:
                line = bisect_right(starts, figure.start)
                column = figure.start - starts[line - 1] + 1
                qualifier = f"（{figure.qualifier}）" if figure.qualifier else ""
                self.stdout.write(
                    f"  {line}:{column}: {figure.text} = {figure.value}{figure.unit}{qualifier}"
                )

    def _totals(self, results: list[Result], unreadable: int) -> None:
        errors = sum(result.errors for result in results)
        warnings = sum(result.warnings for result in results)
        figures = sum(len(result.figures) for result in results)
        line = (
            f"共检查 {len(results)} 个文件：错误 {errors} 处，提示 {warnings} 处，数字 {figures} 个"
        )
        if unreadable:
            line += f"；{unreadable} 个文件无法读取"
        self.stdout.write(line + "。")
