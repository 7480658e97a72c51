"""manage.py export_ranking: the 宣传信息考核 as a file, for scheduled jobs.

    export_ranking --period 2024Q1 --format xlsx --output 考核.xlsx
    export_ranking --period 2024 --union 西城区总工会 --format csv --output 考核.zip
    export_ranking --period 2024Q1 --format csv --output exports/2024q1/

CSV goes to a .zip when the output path ends in .zip, else into that directory, one file
per table (汇总.csv, 单位排名.csv, 通讯员排名.csv, 稿费清单.csv, 积分标准.csv), UTF-8 with a BOM.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.scoring import exports
from articles.scoring.periods import ScoringError, parse_period
from articles.scoring.ranking import build_ranking
from articles.scoring.scope import scope_for


class Command(BaseCommand):
    help = "导出宣传信息考核排名和稿费清单（Excel 或 CSV）：按季度或年度，可限定某个工会。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="季度如 2024Q1，年度如 2024")
        parser.add_argument("--union", default="", help="工会全称、简称或其他称呼；不填为全市")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", dest="file_format")
        parser.add_argument(
            "--output", required=True, help="xlsx 文件路径；CSV 为目录或 .zip 文件路径"
        )

    def handle(self, *args, **options) -> None:
        try:
            period = parse_period(options["period"])
            scope = scope_for(options["union"])
        except ScoringError as exc:
            raise CommandError(str(exc)) from None
        output = Path(options["output"])
        if output.is_dir() and options["file_format"] == "xlsx":
            raise CommandError(f"{output} 是一个目录，请给出 .xlsx 文件的路径。")
        if not output.parent.exists():
            raise CommandError(f"目录 {output.parent} 不存在。")
        try:
            if options["file_format"] == "xlsx":
                ranking = exports.write_xlsx(period, scope, str(output))  # ranked as written
                written = [str(output)]
                if ranking.is_empty:
                    output.unlink()
            else:
                ranking = build_ranking(period, scope)
                if ranking.is_empty:
                    written = []
                elif output.suffix.lower() == ".zip":
                    names = exports.write_csv_zip(ranking, str(output))
                    written = [f"{output}（{'、'.join(names)}）"]
                else:
                    written = exports.write_csv_directory(ranking, output)
        except OSError as exc:
            raise CommandError(f"无法写入 {output}：{exc.strerror or exc}") from None
        if ranking.is_empty:
            raise CommandError(f"{ranking.empty_message}未生成文件。")

        t = ranking.totals
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出{period.label}（{scope.label}）宣传信息考核："
                f"来稿 {t.filed} 篇，采用 {t.adopted} 篇，积分 {t.points}，稿费 {t.fee} 元。"
            )
        )
        for path in written:
            self.stdout.write(f"  {path}")
