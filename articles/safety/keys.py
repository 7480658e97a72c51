"""Whether a value from a URL, a form or a signed token can be a key, before it reaches
the database: `int()` alone takes "٣", " 3", "3_0" and "-1", and a number past the
database's integer range escapes a query as OverflowError (SQLite) or DataError
(PostgreSQL). The admin's prefill and autocomplete widgets and the preview links ask it.
"""

from django.core.exceptions import ValidationError
from django.db import models


def is_key(field: models.Field, value) -> bool:
    """Whether `value`, as text, can be a value of `field`: for an integer field only
    ASCII digits, within the database's range (its validators hold that range)."""
    if not isinstance(value, str):
        return False
    if isinstance(field, models.IntegerField) and not (value.isascii() and value.isdigit()):
        return False
    try:
        field.clean(value, None)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def integer_key(field: models.Field, value) -> int:
    """An integer key from decoded JSON (a signed token): ValueError unless `value` is an
    int (not a bool) or a string of digits that `field` can hold."""
    if type(value) is int:
        value = str(value)
    if not isinstance(field, models.IntegerField) or not is_key(field, value):
        raise ValueError(f"not a key of {field}: {value!r}")
    return int(value)
