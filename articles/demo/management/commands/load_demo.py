from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo


class Command(BaseCommand):
    help = "载入演示内容：2024年1月23日第3版（工会新闻）及其工会、专题和活动数据。可重复运行。"

    def handle(self, *args, **options) -> None:
        counts = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"演示内容已就绪：{counts['articles']} 篇稿件，"
                f"{counts['unions']} 个工会组织，{counts['activities']} 项工会活动。"
            )
        )
