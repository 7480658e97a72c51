"""The printed page as readers see it in the 数字报: the 版's PDF, the page image rendered
from it, and the zones where each story stands on it.

The layout system exports one PDF per 版; the page import reads it
(`articles.pageimport.pdf`) into draft stories and their zones, and renders the page
image. Editors correct the zones in the admin; the readers' e-paper page draws them
over the image.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from articles.models.stories import Article, PrintPage


class TextLayer(models.TextChoices):
    """What the PDF's text layer gave: drafts are made only from a usable one."""

    USABLE = "usable", "可用"
    NONE = "none", "无文字层（扫描版）"
    UNREADABLE = "unreadable", "字体无法识别"


def pdf_path(page_file: "PageFile", filename: str) -> str:
    """Under the edition's month, as the archive is browsed: epaper/pdf/2024/01/…"""
    return f"epaper/pdf/{page_file.print_page.edition_date:%Y/%m}/{filename}"


class PageFile(models.Model):
    """The 版's PDF and the image rendered from it."""

    print_page = models.OneToOneField(
        PrintPage, verbose_name="版面", on_delete=models.CASCADE, related_name="file"
    )
    pdf = models.FileField("版面 PDF", upload_to=pdf_path)
    pdf_sha256 = models.CharField("PDF 指纹", max_length=64, editable=False)
    width_pt = models.FloatField("页面宽度（磅）", validators=[MinValueValidator(1)])
    height_pt = models.FloatField("页面高度（磅）", validators=[MinValueValidator(1)])
    text_layer = models.CharField(
        "文字层", max_length=20, choices=TextLayer, default=TextLayer.USABLE
    )
    # What articles/pageimport/pdf/images.py rendered (key, pixel widths, formats):
    # read by the e-paper page without a query of its own. Empty: none made yet.
    renditions = models.JSONField("版面图", default=dict, blank=True, editable=False)
    uploaded_at = models.DateTimeField("上传时间", auto_now=True)

    class Meta:
        verbose_name = "版面文件"
        verbose_name_plural = "版面文件"
        indexes = [
            # import_edition: "was this exact PDF imported before?"
            models.Index(fields=["pdf_sha256"], name="pagefile_sha_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.print_page} PDF"

    @property
    def aspect(self) -> float:
        """Height over width: the page image's box keeps it before the image loads."""
        return self.height_pt / self.width_pt


class PageZone(models.Model):
    """Where one story stands on its printed page: one of its blocks, as fractions of
    the page's width and height, origin top-left (a story in an L has two or more)."""

    print_page = models.ForeignKey(
        PrintPage, verbose_name="版面", on_delete=models.CASCADE, related_name="zones"
    )
    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="zones"
    )
    x0 = models.FloatField("左", validators=[MinValueValidator(0), MaxValueValidator(1)])
    y0 = models.FloatField("上", validators=[MinValueValidator(0), MaxValueValidator(1)])
    x1 = models.FloatField("右", validators=[MinValueValidator(0), MaxValueValidator(1)])
    y1 = models.FloatField("下", validators=[MinValueValidator(0), MaxValueValidator(1)])
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "稿件区域"
        verbose_name_plural = "稿件区域"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(x0__gte=0) & Q(y0__gte=0) & Q(x1__lte=1) & Q(y1__lte=1),
                name="pagezone_inside_page",
            ),
            models.CheckConstraint(
                condition=Q(x1__gt=F("x0")) & Q(y1__gt=F("y0")),
                name="pagezone_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article}（{self.x0:.2f}, {self.y0:.2f}）"

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)
