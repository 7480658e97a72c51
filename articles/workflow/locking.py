"""No lost update: the second of two concurrent saves of one record is refused.

Each form carries the version it was loaded at. On save, the row is locked and its version
compared (inside the admin's transaction); a newer version means someone saved meanwhile,
and the form comes back with the editor's input intact, a message saying who saved, when
and what changed, their saved value beside the editor's input for every field that
differs, and the current version, so that saving again is a deliberate choice.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import dateformat, timezone
from django.utils.html import escape

from articles.workflow.models import person_name
from articles.workflow.snapshots import text_diff

VERSION_FIELD = "version"


@dataclass(frozen=True)
class ConflictRow:
    """A field that differs: the value saved meanwhile and this form's input, as safe
    HTML (a text with the words that differ marked, <del> theirs, <ins> yours)."""

    label: str
    theirs: str
    mine: str


class VersionedFormMixin:
    """For a ModelForm whose model has a `version` field bumped by every content save."""

    # Set by clean() when the record changed meanwhile: the current row, who saved it and
    # when (known when the model keeps revisions, as stories do), and the fields that
    # differ from this form's input. The change form's conflict include reads them.
    conflict = None
    conflict_by = ""
    conflict_at = None
    conflict_rows: tuple[ConflictRow, ...] | list[ConflictRow] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, initial=self.instance.version
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        current = model.objects.select_for_update().get(pk=self.instance.pk)
        loaded = cleaned.get(VERSION_FIELD)
        if loaded is not None and loaded == current.version:
            return cleaned
        self.conflict = current
        self.conflict_by, self.conflict_at = saved_meanwhile(current)
        self.conflict_rows = self.differing_rows(current)
        changes = self.changes_since(loaded, current)
        # Saving again, after reading the message, overwrites on purpose.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = str(current.version)
        who = self.conflict_by or "其他人"
        when = f"于{chinese_time(self.conflict_at)}" if self.conflict_at else ""
        raise ValidationError(
            f"保存未成功：您打开这条记录之后，{who}{when}保存了修改。您的输入仍在表单中，"
            "请对照对方保存的内容核对后再次保存（再次保存将以您的输入为准）。"
            + (f"期间改动的内容：{'、'.join(changes)}。" if changes else ""),
            code="conflict",
        )

    def changes_since(self, loaded, current) -> list[str]:
        """Labels of the fields whose saved value now differs from this form's input."""
        return [row.label for row in self.conflict_rows]

    def differing_rows(self, current) -> list[ConflictRow]:
        """For every field of the record whose saved value differs from this form's input:
        the two, side by side."""
        rows = []
        for name, field in self.fields.items():
            if name == VERSION_FIELD or name not in self.cleaned_data:
                continue
            try:
                model_field = current._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a form-only field (a transition's comment, a publish time)
            theirs = _shown(model_field, _saved_value(current, model_field))
            mine = _shown(model_field, self.cleaned_data[name])
            if theirs == mine:
                continue
            if isinstance(theirs, str) and isinstance(mine, str):
                theirs_html, mine_html = text_diff(theirs, mine)
            else:
                theirs_html, mine_html = escape("、".join(theirs)), escape("、".join(mine))
            rows.append(ConflictRow(str(field.label), theirs_html, mine_html))
        return rows


def saved_meanwhile(current) -> tuple[str, datetime.datetime | None]:
    """Who saved the record last, and when: its newest revision, for a model that keeps
    them (stories); ("", None) for one that does not (activities)."""
    revisions = getattr(current, "revisions", None)
    if revisions is None:
        return "", None
    newest = revisions.select_related("created_by").order_by("-number").first()
    if newest is None:
        return "", None
    return person_name(newest.created_by), newest.created_at


def chinese_time(moment: datetime.datetime) -> str:
    """12月7日 14:05, in Beijing time."""
    return dateformat.format(timezone.localtime(moment), "n月j日 H:i")


def _saved_value(current, model_field):
    if model_field.many_to_many:
        return list(getattr(current, model_field.name).all())
    return getattr(current, model_field.name)


def _shown(model_field, value) -> str | list[str]:
    """A value as an editor reads it: text as typed, a choice by its label, a link by
    the linked row's name, many links as a sorted list of names."""
    if model_field.many_to_many:
        return sorted(str(item) for item in value or [])
    if value is None:
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        return dateformat.format(timezone.localtime(value), "Y年n月j日 H:i")
    if isinstance(value, datetime.date):
        return dateformat.format(value, "Y年n月j日")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 8500.00 as stored, 8500 as typed
    # A textarea posts its lines with \r\n; what was saved from one may too.
    return str(value).replace("\r\n", "\n")
