from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.pageimport.copy_checks import CopyCounts
from articles.pageimport.edition import import_page_pdf, pages_of
from articles.pageimport.management.commands.import_page import iso_date
from articles.pageimport.pdf.document import PdfError

STATUS_WORDS = {"imported": "导入", "image": "只存版面图", "skipped": "跳过", "failed": "失败"}


class Command(BaseCommand):
    help = (
        "导入一整期数字报：文件夹里每个版面一个 PDF（文件名中的最后一个数字是版次），"
        "或整期一个 PDF（逐页拆分，第 N 页为第 N 版）。可重复运行：已导入的版面会跳过。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="版面 PDF 所在的文件夹，或整期 PDF 文件")
        parser.add_argument("--date", required=True, type=iso_date, help="出版日期 YYYY-MM-DD")

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"找不到 {path}。")
        outcomes = []
        try:
            for number, data in pages_of(path):
                outcome = import_page_pdf(data, edition_date=options["date"], number=number)
                outcomes.append(outcome)
                word = STATUS_WORDS[outcome.status]
                self.stdout.write(f"第{number}版：{word}，{outcome.message}")
        except PdfError as exc:
            raise CommandError(str(exc)) from exc
        counts = {status: sum(o.status == status for o in outcomes) for status in STATUS_WORDS}
        drafts = sum(o.drafts for o in outcomes)
        checked = CopyCounts.total([o.copy for o in outcomes if o.copy is not None])
        self.stdout.write(
            f"共 {len(outcomes)} 个版面：导入 {counts['imported']} 版"
            f"（{drafts} 篇草稿，{checked.sentence()}），"
            f"只存版面图 {counts['image']} 版，跳过 {counts['skipped']} 版，"
            f"失败 {counts['failed']} 版。"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} 个版面导入失败，见上面的说明。")
