"""manage.py export_monthly: the monthly summary as a file, for scheduled jobs.

    export_monthly --month 2024-01 --format xlsx --output 月报.xlsx
    export_monthly --season 2023 --union 西城区总工会 --format csv --output 送温暖季.zip
    export_monthly --start 2024-01-01 --end 2024-03-31 --format csv --output exports/2024q1/

CSV goes to a .zip when the output path ends in .zip, else into that directory, one file
per list (汇总.csv, 分区统计.csv, 稿件清单.csv ...), each UTF-8 with a BOM.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.summaries import exports
from articles.summaries.figures import build_summary
from articles.summaries.periods import SummaryError, period_from_params
from articles.summaries.scope import scope_for


class Command(BaseCommand):
    help = "导出月度统计（Excel 或 CSV）：按月、起止日期或送温暖季，可限定某个工会及其下属工会。"

    def add_arguments(self, parser: CommandParser) -> None:
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--month", help="统计月份，例如 2024-01")
        period.add_argument("--start", help="开始日期，例如 2024-01-01（与 --end 一起用）")
        period.add_argument("--season", help="送温暖季的起始年份：2023 即 2023年12月至2024年2月")
        parser.add_argument("--end", help="结束日期（含当天），例如 2024-01-31")
        parser.add_argument("--union", default="", help="工会全称、简称或其他称呼；不填为全市")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", dest="file_format")
        parser.add_argument(
            "--output", required=True, help="xlsx 文件路径；CSV 为目录或 .zip 文件路径"
        )

    def handle(self, *args, **options) -> None:
        if options["end"] and not options["start"]:
            raise CommandError("--end 要和 --start 一起使用。")
        try:
            period = period_from_params(
                month=options["month"],
                start=options["start"],
                end=options["end"],
                season=options["season"],
            )
            scope = scope_for(options["union"])
        except SummaryError as exc:
            raise CommandError(str(exc)) from None

        summary = build_summary(period, scope)
        if summary.is_empty:
            raise CommandError(f"{summary.empty_message}未生成文件。")

        output = Path(options["output"])
        if output.exists() and output.is_dir() and options["file_format"] == "xlsx":
            raise CommandError(f"{output} 是一个目录，请给出 .xlsx 文件的路径。")
        if not output.parent.exists():
            raise CommandError(f"目录 {output.parent} 不存在。")
        try:
            if options["file_format"] == "xlsx":
                exports.write_xlsx(summary, str(output))
                written = [str(output)]
            elif output.suffix.lower() == ".zip":
                names = exports.write_csv_zip(summary, str(output))
                written = [f"{output}（{'、'.join(names)}）"]
            else:
                written = exports.write_csv_directory(summary, output)
        except OSError as exc:
            raise CommandError(f"无法写入 {output}：{exc.strerror or exc}") from None

        stories = summary.story_totals["stories"][0]
        activities = summary.activity_totals["activities"][0]
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出{summary.period.label}（{summary.scope.label}）："
                f"{stories} 篇稿件，{activities} 项工会活动。"
            )
        )
        for path in written:
            self.stdout.write(f"  {path}")
