"""Template helpers for the readers' site: Chinese dates and money, absolute URLs for
share cards, the navigation topics."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from articles.models import Article, Topic, printed_quantity
from articles.pagecache import fragments
from articles.public import navigation

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


@register.simple_tag
def nav_topics() -> list[Topic]:
    """The featured topics (送温暖, 学习型组织) the header links to."""
    return navigation.nav_topics()


@register.filter
def uncounted_items(lines: list[dict]) -> list[str]:
    """Goods the reports name without a count (米、面、油), to print on one line."""
    return [line["item"] for line in lines if line.get("quantity") is None]


STORY_ITEM = "includes/story_item.html"


def story_item_material(story: Article) -> tuple[str, ...]:
    """Everything includes/story_item.html prints of a story: its entry's cache key.

    Keep it in step with the template: a field the template starts printing must be
    added here, or a changed story could show its old entry (tests/pagecache/
    test_fragments.py renders each field changed).
    """
    return (
        str(story.pk),
        story.slug,
        story.kicker,
        story.title,
        story.subtitle,
        # `summary`: the lead, or the opening of the body when there is none.
        "lead:" + story.lead if story.lead else "body:" + story.body,
        story.published_at.isoformat() if story.published_at else "",
        story.kind,
        story.print_page.label if story.print_page_id else "",
        story.column.name if story.column_id else "",
    )


@register.simple_tag
def story_items(stories) -> str:
    """The entries of a story list, each as includes/story_item.html renders it, kept
    between requests under what it prints (`articles.pagecache.fragments`)."""
    item = get_template(STORY_ITEM)
    entries = fragments.render_many(
        item,
        list(stories),
        "story-item",
        story_item_material,
        lambda story: item.render({"story": story}),
    )
    # Each entry is the autoescaped output of the template (or that output kept in the
    # cache, trusted as the page cache trusts its pages).
    return mark_safe("".join(entries))  # noqa: S308 - rendered by the template above
