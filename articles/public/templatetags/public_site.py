"""The readers' site's own template tags, `{% load public_site %}`: story lists and the
figures block. What every room prints (the site's name, Chinese dates, money, absolute
URLs) is the base library, `{% load site %}` (articles/templatetags/site.py)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from articles.models import STORY, Article
from articles.pagecache import fragments

register = template.Library()


@register.filter
def uncounted_items(lines: list[dict]) -> list[str]:
    """Goods the reports name without a count (米、面、油), to print on one line."""
    return [line["item"] for line in lines if line.get("quantity") is None]


STORY_ITEM = "includes/story_item.html"


def story_item_material(story: Article) -> tuple[str, ...]:
    """Everything includes/story_item.html prints of a story: its entry's cache key.

    Read from the one declaration of what a story depends on (`STORY.listed` and each
    dependency's `listed`): a field the template starts printing is declared there, or a
    changed story could show its old entry (tests/pagecache/test_fragments.py renders
    each declared field changed).
    """
    return STORY.listed_material(story)


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
