"""Make the renditions photos lack: photos stored before the photo desk, restored from a
revision after their renditions were deleted, or made by a newer rendition version."""

from django.core.management.base import BaseCommand

from articles.models import Photo
from articles.photos import services


class Command(BaseCommand):
    help = "为缺少缩放图的照片生成各尺寸缩放图和裁切图（已有的不重复生成）。"

    def handle(self, *args, **options):
        made = 0
        for photo in Photo.objects.exclude(image="").order_by("pk").iterator(chunk_size=100):
            if services.refresh(photo):
                made += 1
        self.stdout.write(f"为 {made} 张照片生成了缩放图。")
