"""The base tag library, `{% load site %}`: what every room's templates may print.

The site's name and description, Chinese dates, money and quantities as the paper prints
them, absolute URLs. It sits in the content model's layer, so the shared base templates
(base.html, errors/) and every room above may load it; a room's own tags live in that
room (`public_site`, `photos`, `summary_figures`).
"""

from decimal import Decimal

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from articles.models import printed_quantity

register = template.Library()

SITE_NAME = "工会报"
SITE_DESCRIPTION = "工会报：工会新闻、送温暖、职工书屋与学习型组织，职工身边的报纸。"


@register.simple_tag
def site_name() -> str:
    return SITE_NAME


@register.simple_tag
def site_description() -> str:
    return SITE_DESCRIPTION


@register.filter(expects_localtime=True)
def cn_date(value) -> str:
    """2024年1月23日: the one way the site prints a day (in Beijing time)."""
    return date_filter(value, "Y年n月j日") if value else ""


@register.filter(expects_localtime=True)
def iso_time(value) -> str:
    """2024-01-23T08:00:00+08:00, for <time datetime> and meta tags: whole seconds, as
    the W3C checker accepts (Django's "c" prints a publication's microseconds)."""
    return value.replace(microsecond=0).isoformat() if value else ""


def cn_minute(value, now=None) -> str:
    """12月8日 08:00, the minute of a step in the newsroom's lists (the desk, the story
    list), in Beijing time; the year only when it is not this year's. "—" for none."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    this_year = timezone.localtime(now).year if now is not None else timezone.localdate().year
    year = f"{local.year}年" if local.year != this_year else ""
    return f"{year}{local.month}月{local.day}日 {local:%H:%M}"


@register.filter(expects_localtime=True)
def cn_month(value) -> str:
    """2024年1月."""
    return date_filter(value, "Y年n月") if value else ""


@register.filter
def yuan(value) -> str:
    """Money as the paper prints it: 8500元, 12.5万元 from ten thousand up."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    if amount >= 10000:
        return f"{(amount / 10000).quantize(Decimal('0.01')).normalize():f}万元"
    return f"{amount.quantize(Decimal('0.01')).normalize():f}元"


@register.filter
def gift_quantity(line: dict) -> str:
    """A gift-line total from `GiftLineQuerySet.totals()`: 1030份, 70余册, or nothing."""
    return printed_quantity(
        line.get("quantity"), line.get("unit", ""), minimum=bool(line.get("approximate"))
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """Full URL for canonical links and share cards, on whatever host served the page."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
