import time

from django.core.management.base import BaseCommand

from articles.search.index import index_size, rebuild


class Command(BaseCommand):
    help = "从头重建全文检索索引，并报告用时。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        started = time.perf_counter()
        indexed = rebuild(batch_size=batch_size)
        seconds = time.perf_counter() - started
        size = index_size()
        self.stdout.write(
            f"已重建检索索引：{indexed} 篇稿件，用时 {seconds:.1f} 秒"
            + (f"，索引约 {size / 1024 / 1024:.1f} MB。" if size else "。")
        )
