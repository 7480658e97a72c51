"""The editors' forms in the admin: articles and activities, both refusing a lost update."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from taggit.models import Tag

from articles.models import Activity, Article
from articles.workflow import snapshots
from articles.workflow.locking import VersionedFormMixin
from articles.workflow.models import Revision, TransitionAction
from articles.workflow.services import TRANSITION_FIELD, schedule_time_problem

WIDE = {"style": "width: min(100%, 48em)"}


class ArticleAdminForm(VersionedFormMixin, forms.ModelForm):
    """Headlines wide enough to read whole, a body box tall enough to proofread in.

    The state is not a field: it changes only through the workflow's buttons (提交待审,
    签发 …), each checked against the user's permissions by the admin.
    """

    publish_at = forms.SplitDateTimeField(
        label="定时发布时间",
        required=False,
        widget=AdminSplitDateTime,
        help_text="点“定时签发”时使用：到这一时刻稿件自动在网站上出现，无需再操作。",
    )
    transition_comment = forms.CharField(
        label="流程说明",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=WIDE),
        help_text="提交、退回、签发或撤稿时的说明（可选），记入流程记录。",
    )

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
        if self.data.get(TRANSITION_FIELD) == TransitionAction.SCHEDULE and (
            problem := schedule_time_problem(cleaned.get("publish_at"))
        ):
            self.add_error("publish_at", problem)
        return cleaned

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
