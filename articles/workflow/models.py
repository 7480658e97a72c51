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
    # What the person saving typed in 流程说明 on a save without a transition.
    comment = models.CharField("备注", max_length=200, blank=True)
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
    RECALL = "recall", "收回"
    RETURN = "return", "退回修改"
    PASS = "pass", "审毕送签"
    DECLINE = "decline", "不采用"
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
    # 签发 past open copy errors (the copy desk's): the chief editor's reason and what the
    # errors were when the story went out.
    copy_override = models.CharField("越过校对的理由", max_length=200, blank=True)
    overridden_findings = models.JSONField("越过的校对错误", default=list, blank=True)

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


class Notice(models.Model):
    """A message to one person about a story: what a transition asks of them or tells
    them (notices.py). Shown on their desk until read; e-mailed too."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="收件人",
        on_delete=models.CASCADE,
        related_name="notices",
    )
    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="notices"
    )
    transition = models.ForeignKey(
        Transition,
        verbose_name="流程记录",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    text = models.CharField("内容", max_length=300)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            # A desk's unread notices, newest first.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notice_inbox_idx"),
        ]

    def __str__(self) -> str:
        return self.text
