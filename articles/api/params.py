"""Query parameters and path segments, read strictly.

A query parameter that cannot mean anything answers 400 and a path segment that names
nothing answers 404, each with a Chinese message naming it, before the value reaches the
database: there `int()` of "٣", a number past the integer range or an impossible date
would be a 500 (OverflowError on SQLite, DataError on PostgreSQL). An empty parameter
(`?topic=`) is no parameter, as on the site's forms; a parameter the API does not know
is left alone (apps add their own, such as cache breakers).
"""

import datetime
import re
from collections.abc import Sequence

from django.db import models
from django.utils import timezone
from rest_framework.exceptions import APIException, NotFound

from articles.safety.keys import is_key

# A day as YYYY-MM-DD only: Python 3.11's `date.fromisoformat` also takes 20240123 and
# 2024-W04-2, which no app means to send.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Days the API reads: midnight in Beijing must still be a datetime once turned into UTC
# (year 1 is not), and no newspaper's archive starts earlier.
EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2999, 12, 31)
# How much of a bad value a message repeats.
ECHO_CHARS = 40


class BadParameter(APIException):
    """A 400 whose message says which parameter was wrong and what it should be."""

    status_code = 400
    default_detail = "请求参数有误。"
    default_code = "bad_parameter"


def echo(value: str) -> str:
    return value if len(value) <= ECHO_CHARS else value[:ECHO_CHARS] + "…"


def text(params, name: str) -> str:
    """The parameter's value, stripped; "" when missing or empty."""
    return params.get(name, "").strip()


def parse_day(value: str) -> datetime.date | None:
    """A day from YYYY-MM-DD within the days the API reads, or None."""
    if not ISO_DATE.fullmatch(value):
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day if EARLIEST_DAY <= day <= LATEST_DAY else None


def day_param(params, name: str) -> datetime.date | None:
    value = text(params, name)
    if not value:
        return None
    day = parse_day(value)
    if day is None:
        raise BadParameter(
            f"参数 {name} 应为 {EARLIEST_DAY.year}—{LATEST_DAY.year} 年间的日期，"
            f"格式为 YYYY-MM-DD，收到“{echo(value)}”。"
        )
    return day


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in Beijing time (the site's one time zone)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def key_param(params, name: str, field: models.Field) -> int | None:
    """An id in a query parameter: ASCII digits the key `field` can hold."""
    value = text(params, name)
    if not value:
        return None
    if not is_key(field, value):
        raise BadParameter(f"参数 {name} 应为编号（数字），收到“{echo(value)}”。")
    return int(value)


def is_number(value: str, maximum: int) -> bool:
    """Whether `value` is a whole number from 1 to `maximum` in ASCII digits (not "٣",
    "²" or " 3"; no longer than `maximum`, so that `int()` never reads 5,000 digits)."""
    return (
        value.isascii()
        and value.isdigit()
        and len(value) <= len(str(maximum))
        and 1 <= int(value) <= maximum
    )


def number_param(params, name: str, *, maximum: int) -> int | None:
    """A whole number from 1 to `maximum` in a query parameter."""
    value = text(params, name)
    if not value:
        return None
    if not is_number(value, maximum):
        raise BadParameter(f"参数 {name} 应为 1 到 {maximum} 之间的整数，收到“{echo(value)}”。")
    return int(value)


def path_key(value: str, field: models.Field, message: str) -> int:
    """An id in the path; a 404 with `message` when it cannot be one."""
    if not is_key(field, value):
        raise NotFound(message)
    return int(value)


def path_number(value: str, *, maximum: int, message: str) -> int:
    """A whole number from 1 to `maximum` in the path; a 404 with `message` otherwise."""
    if not is_number(value, maximum):
        raise NotFound(message)
    return int(value)


def path_day(value: str, message: str) -> datetime.date:
    """A day in the path; a 404 with `message` when it is not one."""
    day = parse_day(value)
    if day is None:
        raise NotFound(message)
    return day


def requested_fields(params, available: Sequence[str]) -> frozenset[str] | None:
    """The fields `?fields=id,title,photos` asks for, or None for all of them."""
    names = [name.strip() for name in text(params, "fields").split(",") if name.strip()]
    if not names:
        return None
    unknown = [name for name in dict.fromkeys(names) if name not in available]
    if unknown:
        raise BadParameter(
            f"没有这些字段：{'、'.join(echo(name) for name in unknown)}。"
            f"可用的字段：{'、'.join(available)}。"
        )
    return frozenset(names)
