import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from articles.pageimport.copy_checks import console_lines, copy_counts
from articles.pageimport.services import DocxError, parse_docx, save_docx
from articles.pageimport.word import max_docx_bytes
from unions.models import Union


class Command(BaseCommand):
    help = (
        "把通讯员的 Word 稿件（.docx，含图片）导入为草稿：标题、电头、署名、正文、"
        "图片及图片说明（全部成功或全部不保存）。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Word 文件（.docx），- 表示标准输入")
        parser.add_argument("--union", default="", help="来稿单位：工会的全称或简称")
        parser.add_argument("--dry-run", action="store_true", help="只解析，不保存")
        parser.add_argument("--json", action="store_true", help="把解析结果以 JSON 输出")

    def handle(self, *args, **options) -> None:
        # The union first: a wrong name is told before the file is read.
        source_union = self._union(options["union"]) if options["union"] else None
        data = self._read(options["file"])
        try:
            parsed = parse_docx(data)
        except DocxError as exc:
            raise CommandError(str(exc)) from exc

        # The page import's JSON, each story with its dateline and photos; the unions
        # the tree does not know yet are proposals only, as with import_page.
        found = parsed.to_json_dict()
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
        # With --json, stdout carries exactly one JSON object; the rest goes to stderr.
        report = self.stderr if options["json"] else self.stdout
        for warning in found["warnings"]:
            report.write(f"注意：{warning}")
        photos = sum(len(photos) for photos in parsed.photos)
        if options["dry_run"]:
            # The console's preview: what the copy desk finds in each story.
            for line in console_lines(parsed.page.articles):
                report.write(line)
            report.write(
                f"试运行：识别到 {len(parsed.page.articles)} 篇稿件、{photos} 张图片，未保存。"
            )
            return
        try:
            articles = save_docx(parsed, user=None, source_union=source_union)
        except DocxError as exc:
            raise CommandError(str(exc)) from exc
        titles = "、".join(f"《{article.title}》" for article in articles)
        counts = copy_counts(articles)
        report.write(
            f"已导入 {len(articles)} 篇草稿（{photos} 张图片）：{titles}；{counts.sentence()}。"
        )

    def _union(self, name: str) -> Union:
        name = name.strip()
        found = list(Union.objects.filter(Q(name=name) | Q(short_name=name)).order_by("pk")[:2])
        if not found:
            raise CommandError(f"没有找到名为“{name}”的工会，请使用组织体系中的全称或简称。")
        if len(found) > 1 and found[0].name != name:
            names = "、".join(union.name for union in found)
            raise CommandError(f"简称“{name}”对应多个工会（{names}），请使用全称。")
        return found[0]

    def _read(self, path: str) -> bytes:
        # One byte past the cap is enough for the reader to refuse a file too large.
        limit = max_docx_bytes() + 1
        try:
            if path == "-":
                return sys.stdin.buffer.read(limit)
            with Path(path).open("rb") as file:
                return file.read(limit)
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
