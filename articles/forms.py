"""The editors' forms in the admin: articles and activities, both refusing a lost update;
a printed page with the zones of its stories on the page image."""

import json

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from taggit.models import Tag

from articles.copydesk.services import COPY_FIELDS
from articles.models import Activity, Article, PrintPage
from articles.services import clean_zones
from articles.workflow import snapshots
from articles.workflow.locking import VersionedFormMixin
from articles.workflow.models import Revision, TransitionAction
from articles.workflow.services import (
    NEEDS_REASON,
    OVERRIDE_COPY_CHECK,
    TRANSITION_FIELD,
    copy_gate,
    schedule_time_problem,
)

WIDE = {"style": "width: min(100%, 48em)"}


def split_date_time(date_name: str, time_name: str) -> AdminSplitDateTime:
    """The admin's date and time boxes, each with a name of its own for screen readers
    (the field's one <label> points at the date box only)."""
    widget = AdminSplitDateTime()
    widget.widgets[0].attrs["aria-label"] = date_name
    widget.widgets[1].attrs["aria-label"] = time_name
    return widget


class ArticleAdminForm(VersionedFormMixin, forms.ModelForm):
    """Headlines wide enough to read whole, a body box tall enough to proofread in.

    The state is not a field: it changes only through the workflow's buttons (提交待审,
    签发 …), each checked against the user's permissions by the admin.
    """

    publish_at = forms.SplitDateTimeField(
        label="定时发布时间",
        required=False,
        widget=split_date_time("定时发布日期", "定时发布时刻"),
        help_text="点“定时签发”时使用：到这一时刻稿件自动在网站上出现，无需再操作。",
    )
    transition_comment = forms.CharField(
        label="流程说明",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=WIDE),
        help_text="随这次保存记下的说明：退回时必填（退回原因），其他时候可选；记入修改记录或流程记录。",
    )
    copy_override = forms.CharField(
        label="越过校对的理由",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=WIDE),
        help_text="稿件还有校对错误时，总编辑写明理由方可签发；理由和当时的错误记入流程记录。",
    )
    # The person saving, set by the admin (WorkflowAdminMixin.get_form): 签发 asks the copy
    # desk about the copy this form is about to save, with their permission to override.
    copy_user = None

    class Meta:
        model = Article
        fields = [
            "kicker",
            "title",
            "subtitle",
            "column",
            "kind",
            "corrects",
            "dateline",
            "lead",
            "body",
            "topics",
            "tags",
            "unions",
            "source_union",
            "print_page",
            "print_order",
            "slug",
        ]
        widgets = {
            "kicker": forms.TextInput(attrs=WIDE),
            "title": forms.TextInput(attrs=WIDE),
            "subtitle": forms.TextInput(attrs=WIDE),
            "lead": forms.Textarea(attrs={**WIDE, "rows": 3}),
            "body": forms.Textarea(attrs={**WIDE, "rows": 24}),
        }

    def clean(self):
        cleaned = super().clean()
        action = self.data.get(TRANSITION_FIELD)
        if action == TransitionAction.SCHEDULE and (
            problem := schedule_time_problem(cleaned.get("publish_at"))
        ):
            self.add_error("publish_at", problem)
        if action in NEEDS_REASON and not cleaned.get("transition_comment", "").strip():
            self.add_error("transition_comment", NEEDS_REASON[action])
        if action and self.copy_user is not None:
            self._check_copy(action, cleaned)
        return cleaned

    def _check_copy(self, action: str, cleaned: dict) -> None:
        """签发 and 定时签发 of copy with errors, refused before anything is saved."""
        fields = {name: cleaned.get(name) or "" for name in COPY_FIELDS}
        try:
            copy_gate(
                self.instance,
                action,
                self.copy_user,
                override=cleaned.get("copy_override", ""),
                fields=fields,
            )
        except ValidationError as refusal:
            # Only those who may override see the reason's box; the others read it on top.
            field = "copy_override" if self.copy_user.has_perm(OVERRIDE_COPY_CHECK) else None
            for message in refusal.message_dict["copy_override"]:
                self.add_error(field, message)

    def clean_tags(self):
        # django-taggit's field does not check the length its table allows (PostgreSQL
        # would refuse the row after the story was half saved).
        tags = self.cleaned_data["tags"]
        longest = Tag._meta.get_field("name").max_length
        too_long = [tag for tag in tags if len(tag) > longest]
        if too_long:
            raise forms.ValidationError(f"每个标签最多 {longest} 个字，请缩短后再保存。")
        return tags

    def changes_since(self, loaded, current) -> list[str]:
        """What the saves since `loaded` changed, read from the two revisions."""
        before = Revision.objects.filter(article=current, number=loaded).first()
        if before is None:
            return super().changes_since(loaded, current)
        return snapshots.changed_labels(before.data, snapshots.take(current))


class ActivityAdminForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "union",
            "kind",
            "articles",
            "start_date",
            "end_date",
            "place",
            "participants",
            "beneficiaries",
            "unions_reached",
            "relief_money",
            "internal_note",
        ]


class PrintPageAdminForm(forms.ModelForm):
    """A printed page, and where its stories stand on the page image: the zone editor
    (static/admin/epaper-zones.js) keeps every zone in one hidden field as JSON,
    `[{"article": id, "box": [x0, y0, x1, y1]}, ...]`; the admin saves them with
    `articles.services.save_zones`."""

    zones = forms.CharField(label="版面区域", required=False, widget=forms.HiddenInput)

    class Meta:
        model = PrintPage
        fields = ["edition_date", "number", "name", "banner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A zone whose story has since moved to another page is no zone of this page's:
            # the editor does not show it, and the next save drops it.
            zones = self.instance.zones.filter(article__print_page=self.instance).order_by(
                "article__print_order", "article_id", "order", "pk"
            )
            self.initial["zones"] = json.dumps(
                [{"article": zone.article_id, "box": list(zone.box)} for zone in zones]
            )

    def clean_zones(self):
        """The zones to save, or None: a post without the field (no page image, no
        editor) leaves the page's zones as they are."""
        value = self.cleaned_data["zones"]
        if not value:
            return None
        try:
            zones = json.loads(value)
        except (ValueError, RecursionError):
            raise forms.ValidationError("版面区域的数据无法识别，请刷新页面后重新划定。") from None
        clean_zones(print_page=self.instance, zones=zones)
        return zones
