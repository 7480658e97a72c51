"""The admin, made safe against hand-edited query strings and forged form posts.

- The changelist turns `?published_at__year=…`, `?o=…` and filter parameters into
  queries; a value Django does not expect (a 30-digit year, a date that does not exist)
  escapes its own checks as OverflowError, ValueError or, on PostgreSQL, DataError. Such
  a request is a bad request: the Chinese 400 page, not a 500.
- An inline formset builds as many forms as the post's TOTAL_FORMS says, up to Django's
  absolute maximum of 1,000 plus max_num: a forged count would render a thousand rows.
  Inlines are bounded by their own max_num.
- An autocomplete widget redisplaying a posted value that is no key at all ("abc")
  would query with it while the form shows its field error; it skips such values. The
  form fields of relations refuse such a value before their own query (a posted
  `topics=99999999999999999999` escaped ModelMultipleChoiceField as OverflowError).
- An add page takes its initial data from the query string (`?corrects=12`,
  `?parent=3`, `?topics=1,2`); a value for a ForeignKey or ManyToManyField that is no
  key of the related model (non-numeric, negative, Unicode digits, past the database's
  integer range) would reach the widget's query and escape as OverflowError or
  ValueError. Such a value is dropped and the field starts empty, exactly as for a
  well-formed key that names no row: the editor sees the field empty and fills it in.
  (Unlike a changelist filter, where an empty list would claim "no results", an empty
  field on a form claims nothing, so there is no need for a 400 page.)
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DataError, models, transaction
from django.forms import ModelChoiceField, ModelMultipleChoiceField

from articles.safety.keys import is_key
from articles.safety.views import reject_bad_request

BAD_PARAMETER_ERRORS = (OverflowError, ValueError, ValidationError, DataError)


class _KeysOnly:
    """Redisplay only the posted values that can be keys of the related model."""

    def optgroups(self, name, value, attr=None):
        model = self.choices.queryset.model
        to_field = self.choices.field.to_field_name
        key = model._meta.get_field(to_field) if to_field else model._meta.pk
        valid = [item for item in value if is_key(key, str(item))]
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_KeysOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KeysOnly, AutocompleteSelectMultiple):
    pass


SAFE_WIDGETS = {
    AutocompleteSelect: SafeAutocompleteSelect,
    AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


def _key_field(formfield) -> models.Field:
    model = formfield.queryset.model
    to_field = formfield.to_field_name
    return model._meta.get_field(to_field) if to_field else model._meta.pk


class SafeModelChoiceField(ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not is_key(_key_field(self), str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(ModelMultipleChoiceField):
    def _check_values(self, value):
        key = _key_field(self)
        for item in value:
            if not is_key(key, str(item)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


SAFE_FIELDS = {
    ModelChoiceField: SafeModelChoiceField,
    ModelMultipleChoiceField: SafeModelMultipleChoiceField,
}


def _safe_widget(formfield):
    """The relation's form field and widget, each swapped for its safe kind."""
    if formfield is None:
        return formfield
    if type(formfield) in SAFE_FIELDS:
        formfield.__class__ = SAFE_FIELDS[type(formfield)]
    if type(formfield.widget) in SAFE_WIDGETS:
        formfield.widget.__class__ = SAFE_WIDGETS[type(formfield.widget)]
    return formfield


def relation_target(field) -> models.Field | None:
    """The field of the related model a prefill value for `field` names, or None when
    `field` is no ForeignKey or ManyToManyField (taggit's tags are names, not keys)."""
    if isinstance(field, models.ForeignKey):
        return field.target_field
    if isinstance(field, models.ManyToManyField):
        return field.related_model._meta.pk
    return None


class SafePrefillMixin:
    """An add page's initial data from GET with only the related keys that can be keys."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in list(initial):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            target = relation_target(field)
            if target is None:
                continue
            if isinstance(field, models.ManyToManyField):
                keys = [key for key in initial[name] if is_key(target, key)]
                if keys:
                    initial[name] = keys
                else:
                    del initial[name]
            elif not is_key(target, initial[name]):
                del initial[name]
        return initial


class SafeChangelistMixin(SafePrefillMixin):
    """Every guard of this module for a ModelAdmin: the changelist's parameters, the
    autocomplete widgets and (from SafePrefillMixin) the add page's prefill."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _safe_widget(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _safe_widget(super().formfield_for_manytomany(db_field, request, **kwargs))

    def changelist_view(self, request, extra_context=None):
        try:
            # A savepoint: on PostgreSQL a refused value must not poison the transaction.
            with transaction.atomic():
                response = super().changelist_view(request, extra_context)
                if hasattr(response, "render"):
                    response.render()  # the queries run here, inside the try
        except BAD_PARAMETER_ERRORS:
            return reject_bad_request(request, "列表的筛选或排序参数无效。")
        return response


class BoundedInlineMixin:
    """An inline that never builds more forms than its max_num, whatever a post claims."""

    max_num = 50

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)
