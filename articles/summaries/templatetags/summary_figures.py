"""Figures on the monthly summary page, printed as the Excel workbook prints them."""

from decimal import Decimal

from django import template

from articles.summaries.notes import NOT_PUBLISHED

register = template.Library()


@register.filter
def figure(value) -> str:
    """1,030 for a count, ¥1,234.50 for money, — for a figure no story printed."""
    if value is None or value == "":
        return NOT_PUBLISHED
    if isinstance(value, Decimal):
        return f"¥{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@register.filter
def change(values: list) -> str:
    """This period against the first comparison: +3 / -2 / 持平; blank when unknown."""
    if len(values) < 2 or values[0] is None or values[1] is None:
        return ""
    delta = values[0] - values[1]
    if not delta:
        return "持平"
    return f"{delta:+,.2f}" if isinstance(delta, Decimal) else f"{delta:+,}"
