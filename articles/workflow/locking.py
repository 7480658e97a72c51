"""No lost update: the second of two concurrent saves of one record is refused.

Each form carries the version it was loaded at. On save, the row is locked and its version
compared (inside the admin's transaction); a newer version means someone saved meanwhile,
and the form comes back with the editor's input intact, a message saying what changed,
and the current version, so that saving again is a deliberate choice.
"""

from django import forms
from django.core.exceptions import ValidationError

VERSION_FIELD = "version"


class VersionedFormMixin:
    """For a ModelForm whose model has a `version` field bumped by every content save."""

    # Set by clean() when the record changed meanwhile: the current row.
    conflict = None

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
        changes = self.changes_since(loaded, current)
        # Saving again, after reading the message, overwrites on purpose.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = str(current.version)
        raise ValidationError(
            "保存未成功：您打开这条记录之后，已有其他人保存了修改。您的输入仍在表单中，"
            "请核对后再次保存（再次保存将以您的输入为准）。"
            + (f"期间改动的内容：{'、'.join(changes)}。" if changes else ""),
            code="conflict",
        )

    def changes_since(self, loaded, current) -> list[str]:
        """Labels of the fields whose saved value now differs from this form's input."""
        changed = []
        for name, field in self.fields.items():
            model_field = self._meta.model._meta.concrete_fields
            if name == VERSION_FIELD or name not in self.cleaned_data:
                continue
            if not any(f.name == name for f in model_field):
                continue
            saved = field.prepare_value(getattr(current, name))
            mine = field.prepare_value(self.cleaned_data[name])
            if str(saved if saved is not None else "") != str(mine if mine is not None else ""):
                changed.append(str(field.label))
        return changed
