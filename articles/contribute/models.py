"""The correspondents (通讯员) and the invitations that sign them up.

A correspondent is a user in the 通讯员 group (not staff: the admin stays closed to them)
with the `Contributor` their pieces are credited to and the unions they report for.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models import Contributor
from unions.models import Union


class Correspondent(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.CASCADE,
        related_name="correspondent",
    )
    contributor = models.OneToOneField(
        Contributor,
        verbose_name="署名",
        on_delete=models.PROTECT,
        related_name="correspondent",
        help_text="稿件署名“通讯员 某某”所用的作者。",
    )
    unions = models.ManyToManyField(
        Union,
        verbose_name="所在工会",
        related_name="correspondents",
        help_text="通讯员可以代表这些工会投稿，至少一个。",
    )
    phone = models.CharField("手机号", max_length=20, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    active = models.BooleanField("在任", default=True, help_text="取消勾选后不能再投稿。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "通讯员"
        verbose_name_plural = "通讯员"
        ordering = ["contributor__name", "pk"]

    def __str__(self) -> str:
        return self.contributor.name


def new_token() -> str:
    # 128 random bits, URL-safe: the link is the only secret an invitation has.
    return secrets.token_urlsafe(16)


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None) -> "InvitationQuerySet":
        """Invitations a new correspondent may still sign up with: unused, not expired."""
        now = timezone.now() if now is None else now
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """A one-time sign-up link an editor sends a new correspondent (in WeChat, say)."""

    token = models.CharField(
        "邀请码", max_length=43, unique=True, default=new_token, editable=False
    )
    unions = models.ManyToManyField(
        Union, verbose_name="所在工会", related_name="+", help_text="注册的通讯员代表这些工会投稿。"
    )
    name = models.CharField(
        "受邀人", max_length=40, blank=True, help_text="可选：便于编辑部记住邀请了谁。"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="邀请人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("有效期至")
    used_by = models.ForeignKey(
        Correspondent,
        verbose_name="注册的通讯员",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField("使用时间", null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "通讯员邀请"
        verbose_name_plural = "通讯员邀请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or f"邀请 {self.token[:6]}…"

    @property
    def is_usable(self) -> bool:
        """`InvitationQuerySet.usable()` for one row."""
        return self.used_at is None and self.expires_at > timezone.now()
