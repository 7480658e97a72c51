import argparse
import datetime
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.pageimport.copy_checks import console_lines, copy_counts
from articles.pageimport.services import (
    PageImportError,
    PageParseError,
    decode_dump,
    find_duplicate,
    parse_dump,
    parse_pdf,
    pdf_text,
    read_page_pdf,
    save_page,
    save_page_image,
)


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，收到 {value!r}") from None


def page_number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"版次应为正整数，收到 {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "把一个版面导入为草稿稿件：排版系统导出的版面 PDF（同时生成版面图和稿件区域），"
        "或数字报导出的版面文本（全部成功或全部不保存）。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="版面 PDF 或版面文本文件（UTF-8），- 表示标准输入")
        parser.add_argument("--date", required=True, type=iso_date, help="出版日期 YYYY-MM-DD")
        parser.add_argument("--page", required=True, type=page_number, help="版次")
        parser.add_argument("--page-name", default="", help="版名，例如：工会新闻")
        parser.add_argument("--dry-run", action="store_true", help="只解析，不保存")
        parser.add_argument("--json", action="store_true", help="把解析结果以 JSON 输出")
        parser.add_argument(
            "--allow-duplicate", action="store_true", help="该版面已导入过时仍然导入"
        )
        parser.add_argument(
            "--image-only",
            action="store_true",
            help="PDF 没有可用文字层（扫描件）时，只保存版面 PDF 和版面图，稿件区域在后台手工划定",
        )

    def handle(self, *args, **options) -> None:
        data = self._read(options["file"])
        pdf = data if data.startswith(b"%PDF") or options["file"].lower().endswith(".pdf") else None
        try:
            if pdf is None:
                raw_text = self._decode(data)
                parsed = parse_dump(raw_text)
            else:
                page = read_page_pdf(pdf)
                if page.text_layer != "usable":
                    self._image_only(page, pdf, options)
                    return
                parsed = parse_pdf(page)
                raw_text = pdf_text(parsed)
        except PageParseError as exc:
            raise CommandError(str(exc)) from exc

        # The import JSON: every key of the parsed page, and for each report the unions the
        # tree does not know yet (`new_unions`); they are created only when an editor
        # confirms them in the admin's preview, never by this command.
        found = parsed.to_json_dict(with_new_unions=True)
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
        # With --json, stdout carries exactly one JSON object; the rest goes to stderr.
        report = self.stderr if options["json"] else self.stdout
        for warning in found["warnings"]:
            report.write(f"注意：{warning}")
        if options["dry_run"]:
            # The console's preview: what the copy desk finds in each report.
            for line in console_lines(parsed.articles):
                report.write(line)
            report.write(f"试运行：识别到 {len(parsed.articles)} 篇稿件，未保存。")
            return

        duplicate = find_duplicate(
            raw_text, edition_date=options["date"], page_number=options["page"]
        )
        if duplicate and not options["allow_duplicate"]:
            raise CommandError(f"{duplicate}未重复导入；确需再次导入请加 --allow-duplicate。")
        try:
            result = save_page(
                parsed=parsed,
                raw_text=raw_text,
                edition_date=options["date"],
                page_number=options["page"],
                page_name=options["page_name"],
                pdf=pdf,
            )
        except PageImportError as exc:
            raise CommandError(str(exc)) from exc
        counts = copy_counts(result.articles)
        report.write(
            f"已导入 {len(result.articles)} 篇草稿到 {result.page_import.print_page}"
            f"（导入记录 #{result.page_import.pk}），{counts.sentence()}。"
        )

    def _image_only(self, page, pdf: bytes, options) -> None:
        """A page whose text cannot make drafts: kept as an image only when asked."""
        if not options["image_only"] or options["dry_run"]:
            raise CommandError(
                f"{page.text_layer_message}未保存。只保存版面图、在后台手工划定稿件区域，"
                "请加 --image-only。"
            )
        print_page = save_page_image(
            page=page,
            pdf=pdf,
            edition_date=options["date"],
            page_number=options["page"],
            page_name=options["page_name"],
        )
        self.stdout.write(f"已保存 {print_page} 的版面 PDF 和版面图；没有生成草稿。")

    def _read(self, path: str) -> bytes:
        try:
            return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc

    def _decode(self, data: bytes) -> str:
        try:
            return decode_dump(data)
        except PageImportError as exc:
            raise CommandError(str(exc)) from exc
