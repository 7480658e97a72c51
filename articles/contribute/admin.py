"""The editors' side of the correspondents: making one (a login in the 通讯员 group, never
staff, and the contributor they are credited as), and sign-up links to copy into WeChat."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.contribute import services
from articles.contribute.models import Correspondent, Invitation
from articles.safety.admin import SafeChangelistMixin

INVITATION_DAYS = 14


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("contribute:invite", args=[invitation.token])


class CorrespondentCreationForm(forms.ModelForm):
    """A new correspondent: their login and name beside the record's own fields."""

    name = forms.CharField(label="姓名", max_length=40, help_text="稿件署名用的姓名。")
    username = forms.CharField(label="登录用户名", max_length=150)
    password = forms.CharField(
        label="初始密码",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="留空则不设密码（可改为发送邀请链接，由通讯员自己注册）。",
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, help_text="稿件签发、不采用或退回时通知本人。"
    )

    class Meta:
        model = Correspondent
        fields = ["name", "username", "password", "email", "unions", "phone", "note"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError("这个用户名已被使用，请换一个。")
        return username

    def clean_password(self):
        password = self.cleaned_data.get("password") or ""
        if password:
            validate_password(password)
        return password


@admin.register(Correspondent)
class CorrespondentAdmin(SafeChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "union_names", "phone", "user", "active"]
    list_filter = ["active"]
    search_fields = ["contributor__name", "user__username", "phone"]
    autocomplete_fields = ["unions"]
    readonly_fields = ["user", "contributor", "created_at"]
    fields = ["user", "contributor", "unions", "phone", "note", "active", "created_at"]

    @admin.display(description="所在工会")
    def union_names(self, obj) -> str:
        return "、".join(u.display_name for u in obj.unions.all())

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contributor", "user")

    def get_fields(self, request, obj=None):
        if obj is None:
            return CorrespondentCreationForm.Meta.fields
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CorrespondentCreationForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        made = services.create_correspondent(
            username=data["username"],
            password=data["password"] or None,
            name=data["name"],
            unions=list(data["unions"]),
            phone=data["phone"],
            email=data["email"],
            note=data["note"],
        )
        # The admin goes on with this object (its unions, the log, the redirect).
        obj.pk, obj.user, obj.contributor = made.pk, made.user, made.contributor


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["name", "unions", "expires_at"]

    def clean_unions(self):
        unions = self.cleaned_data["unions"]
        if not unions:
            raise ValidationError("请至少选择一个工会。")
        return unions


@admin.register(Invitation)
class InvitationAdmin(SafeChangelistMixin, admin.ModelAdmin):
    form = InvitationForm
    list_display = ["__str__", "union_names", "expires_at", "state", "created_by"]
    autocomplete_fields = ["unions"]
    readonly_fields = ["link", "created_by", "created_at", "used_by", "used_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "unions", "expires_at"]
        return ["link", "name", "unions", "expires_at", "created_by", "used_by", "used_at"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("expires_at", timezone.now() + datetime.timedelta(days=INVITATION_DAYS))
        return initial

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by", "used_by__contributor")

    @admin.display(description="所在工会")
    def union_names(self, obj) -> str:
        return "、".join(u.display_name for u in obj.unions.all())

    @admin.display(description="状态")
    def state(self, obj) -> str:
        if obj.used_at:
            return f"已使用（{obj.used_by or '账号已删除'}）"
        return "有效" if obj.is_usable else "已过期"

    @admin.display(description="邀请链接")
    def link(self, obj) -> str:
        if not obj.pk:
            return "保存后生成。"
        return format_html(
            '<input type="text" readonly value="{}" size="60" aria-label="邀请链接"'
            ' class="vTextField"><p class="help">复制这个链接，通过微信发给通讯员；'
            "只能注册一次，{}前有效。</p>",
            invitation_url(obj),
            timezone.localtime(obj.expires_at).strftime("%Y年%-m月%-d日 %H:%M"),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, f"邀请链接（复制后发给通讯员）：{invitation_url(obj)}")
        return super().response_add(request, obj, post_url_continue)
