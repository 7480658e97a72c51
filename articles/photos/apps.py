from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "articles.photos"
    label = "photos"
    verbose_name = "图片"

    def ready(self) -> None:
        from articles.photos import cleanup

        cleanup.connect()
