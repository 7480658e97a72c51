"""The admin, made safe against hand-edited query strings and forged form posts.

- The changelist turns `?published_at__year=…`, `?o=…` and filter parameters into
  queries; a value Django does not expect (a 30-digit year, a date that does not exist)
  escapes its own checks as OverflowError, ValueError or, on PostgreSQL, DataError. Such
  a request is a bad request: the Chinese 400 page, not a 500.
- An inline formset builds as many forms as the post's TOTAL_FORMS says, up to Django's
  absolute maximum of 1,000 plus max_num: a forged count would render a thousand rows.
  Inlines are bounded by their own max_num.
- An autocomplete widget redisplaying a posted value that is no key at all ("abc")
  would query with it while the form shows its field error; it skips such values.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import DataError, transaction

from articles.safety.views import reject_bad_request

BAD_PARAMETER_ERRORS = (OverflowError, ValueError, ValidationError, DataError)


class _KeysOnly:
    """Redisplay only the posted values that can be keys of the related model."""

    def optgroups(self, name, value, attr=None):
        model = self.choices.queryset.model
        to_field = self.choices.field.to_field_name
        key = model._meta.get_field(to_field) if to_field else model._meta.pk
        valid = []
        for item in value:
            try:
                key.to_python(item)
            except (ValidationError, ValueError, TypeError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_KeysOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KeysOnly, AutocompleteSelectMultiple):
    pass


SAFE_WIDGETS = {
    AutocompleteSelect: SafeAutocompleteSelect,
    AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


def _safe_widget(formfield):
    if formfield is not None and type(formfield.widget) in SAFE_WIDGETS:
        formfield.widget.__class__ = SAFE_WIDGETS[type(formfield.widget)]
    return formfield


class SafeChangelistMixin:
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
