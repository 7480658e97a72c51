"""What the workflow keeps: every revision of an article, and every move between states."""

from django.conf import settings
from django.db import models

from articles.models import Article, ArticleStatus


def person_name(user) -> str:
    """A colleague as the newsroom names them: the name in their account (姓 before 名 for
    a Chinese name, as Django's get_full_name() does not), else the login name."""
    if user is None:
        return ""
    family, given = user.last_name.strip(), user.first_name.strip()
    if any("\u4e00" <= char <= "\u9fff" for char in family + given):
        return family + given
    return user.get_full_name() or user.get_username()


class Revision(models.Model):
    """One saved state of an article with its credits, photos, unions, topics and tags.

    An own snapshot model rather than django-reversion: the snapshot is one JSON document
    we read ourselves (diff, preview, restore), restoring must rebuild credits and
    many-to-many links exactly, and a save costs one INSERT however many revisions the
    story already has.
    """

    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("稿次")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保存人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)
    note = models.CharField("说明", max_length=100, blank=True, help_text="例如：版面导入、签发")
    data = models.JSONField("内容")

    class Meta:
        # A revision is a 稿 (第3稿); 版 is a printed page and never means a revision.
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_unique_number_per_article"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} 第{self.number}稿"

    @property
    def saved_by(self) -> str:
        return person_name(self.created_by)


class TransitionAction(models.TextChoices):
    SUBMIT = "submit", "提交待审"
    RETURN = "return", "退回修改"
    PUBLISH = "publish", "签发"
    SCHEDULE = "schedule", "定时签发"
    UNSCHEDULE = "unschedule", "撤回定时"
    WITHDRAW = "withdraw", "撤稿"
    RESTORE = "restore", "恢复旧稿"


class Transition(models.Model):
    """A move of an article between states, or a restore: who, when, from, to, why."""

    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField("操作", max_length=20, choices=TransitionAction)
    from_status = models.CharField("原状态", max_length=20, choices=ArticleStatus)
    to_status = models.CharField("新状态", max_length=20, choices=ArticleStatus)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    publish_at = models.DateTimeField("发布时间", null=True, blank=True)
    revision = models.PositiveIntegerField("稿次", null=True, blank=True)
    comment = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ["-at", "-id"]
        indexes = [
            # The audit list, newest first, filtered by date.
            models.Index(fields=["-at"], name="transition_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}：{self.article}"

    @property
    def taken_by(self) -> str:
        return person_name(self.user)
