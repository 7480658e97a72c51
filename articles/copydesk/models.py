"""The copy desk's two tables: the list of terms staff edit, and each story's last check."""

from django.db import models

from articles.copydesk import terms
from articles.models import Article


class TermKind(models.TextChoices):
    # The kinds and what each finding weighs are the matcher's (`terms.LEVELS`): 禁用词 and
    # 规范写法 stop 签发 (errors), 慎用词 are shown to the editor (warnings).
    FORBIDDEN = terms.FORBIDDEN, "禁用词"
    REPLACE = terms.REPLACE, "规范写法"
    CAUTION = terms.CAUTION, "慎用词"


class Term(models.Model):
    """A word the paper forbids, writes one way only, or uses with care."""

    term = models.CharField("词语", max_length=40, unique=True)
    kind = models.CharField("类别", max_length=20, choices=TermKind, default=TermKind.FORBIDDEN)
    replacement = models.CharField(
        "应写作", max_length=40, blank=True, help_text="规范写法必填；禁用词有替代说法时填写。"
    )
    note = models.CharField("说明", max_length=200, blank=True, help_text="例如：依据、出处。")
    active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "禁用词和规范写法"
        verbose_name_plural = "禁用词和规范写法"
        ordering = ["term"]
        permissions = [("override_copy_check", "可越过校对错误签发（须写明理由）")]

    def __str__(self) -> str:
        return self.term


class StoryCheck(models.Model):
    """A story's copy as last checked: counts for lists, findings and figures to show.

    Written by `services.check_article` whenever the copy is saved (the admin, the import,
    a restored revision); the change form and 签发 check the copy again themselves.
    """

    article = models.OneToOneField(
        Article,
        verbose_name="稿件",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="copy_check",
    )
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("提示", default=0)
    findings = models.JSONField("问题", default=list)
    figures = models.JSONField("数字", default=list)
    checked_at = models.DateTimeField("校对时间")

    class Meta:
        verbose_name = "校对结果"
        verbose_name_plural = "校对结果"

    def __str__(self) -> str:
        return f"{self.article_id}: {self.errors} 错误, {self.warnings} 提示"
