from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo, load_page_pdf
from articles.demo.photos import add_photos
from articles.models import Article, ArticleKind


class Command(BaseCommand):
    help = "载入演示内容：2024年1月23日第3版（工会新闻）及其工会、专题和活动数据。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--photos",
            action="store_true",
            help="为图片报道生成演示示意图（经上传流程处理，含各尺寸缩放图），"
            "并载入本版的 PDF、版面图和稿件区域（数字报）。",
        )

    def handle(self, *args, **options) -> None:
        counts = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"演示内容已就绪：{counts['articles']} 篇稿件，"
                f"{counts['unions']} 个工会组织，{counts['activities']} 项工会活动。"
            )
        )
        if options["photos"]:
            added = sum(
                add_photos(article)
                for article in Article.objects.filter(kind=ArticleKind.PHOTO).order_by("pk")
            )
            self.stdout.write(f"图片报道的演示示意图：新增 {added} 张。")
            zoned = load_page_pdf()
            self.stdout.write(f"本版 PDF 和版面图：新增 {zoned} 篇稿件的版面区域。")
