"""Figures on the ranking page and the 通报, printed as the files print them."""

from decimal import Decimal

from django import template

register = template.Library()
MISSING = "—"


@register.filter
def points(value) -> str:
    """10, 2.5, 1,234.75: points without trailing zeros."""
    if value is None:
        return MISSING
    return f"{Decimal(value):,.2f}".rstrip("0").rstrip(".")


@register.filter
def money(value) -> str:
    """¥1,234.50"""
    if value is None:
        return MISSING
    return f"¥{Decimal(value):,.2f}"


@register.filter
def yuan(value) -> str:
    """1,234.50, for a sentence that says 元 after it."""
    if value is None:
        return MISSING
    return f"{Decimal(value):,.2f}"


@register.filter
def rate(value) -> str:
    """66.7%, or — when nothing was filed."""
    return MISSING if value is None else f"{value}%"


@register.filter
def count(value) -> str:
    return f"{value:,}"
