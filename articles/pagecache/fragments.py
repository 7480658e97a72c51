"""Rendered list entries kept between requests, under a key made of what they print.

A story's entry in a list (includes/story_item.html) takes ~0.2 ms to render, and a list
page renders ten to twenty of them on every request the page cache cannot answer (the
first after a publish, and the long tail of topic, union and archive pages), although an
entry changes only when its story, its printed page's name or its strap's name does.

So an entry is kept under a digest of everything it prints (`material`, given by the
caller: the story's fields, the page label, the strap name), of the template's source and
of the time zone, language and script prefix it was rendered in. An entry that would print
differently is looked up under another key: it can never be served stale, there is
nothing to invalidate, and a publish leaves every other story's entry kept. All entries
of a list are fetched in one round trip (`get_many`), the missing ones rendered and
stored in one more (`set_many`).

`ROLLUP_CACHE_SECONDS = 0` turns it off (the test suite), as for the roll-ups; entries
are kept that long at most, then rendered again. A cache that is down renders them all.
So does a per-process cache with little room (`has_room`): the quick start's LocMemCache
keeps 300 entries and culls a third of them when full, so story entries would push out
the pages and the figures it is there for (measured: union pages got slower).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.urls import get_script_prefix
from django.utils import timezone, translation

logger = logging.getLogger("articles.pagecache")

# Field separator in the digested material: a character no field can hold.
_SEPARATOR = "\x1f"
# Entries a per-process cache must be able to hold before list entries go into it.
MIN_LOCAL_ENTRIES = 5_000


def has_room() -> bool:
    """Whether the cache can take list entries without evicting pages: Redis (bounded by
    its memory, evicting what was used least), or a per-process cache of some size."""
    backend = caches["default"]
    return not isinstance(backend, LocMemCache) or backend._max_entries >= MIN_LOCAL_ENTRIES


def render_many(template, items, name: str, material, render) -> list[str]:
    """`render(item)` for each item, taken from the cache where an earlier request
    rendered an item that prints the same.

    `template` is the Django template the entries come from (its source is part of the
    key: a changed template renders anew), `name` its variable name for logs, `material(item)`
    the strings that decide what the entry prints, `render(item)` the markup.
    """
    longest = settings.ROLLUP_CACHE_SECONDS
    if not longest or not items or not has_room():
        return [render(item) for item in items]
    context = _SEPARATOR.join(
        (
            hashlib.sha256(template.template.source.encode()).hexdigest(),
            timezone.get_current_timezone_name(),
            translation.get_language() or "",
            get_script_prefix(),
        )
    )
    keys = [
        f"pagecache:fragment:{name}:"
        + hashlib.sha256(
            _SEPARATOR.join((context, *material(item))).encode(), usedforsecurity=False
        ).hexdigest()
        for item in items
    ]
    try:
        found = cache.get_many(keys)
    except Exception:
        logger.warning("fragment cache: not available, rendering %s", name, exc_info=True)
        return [render(item) for item in items]
    missing = {}
    rendered = []
    for key, item in zip(keys, items, strict=True):
        markup = found.get(key)
        if markup is None:
            markup = missing[key] = str(render(item))
        rendered.append(markup)
    if missing:
        try:
            cache.set_many(missing, timeout=longest)
        except Exception:
            logger.warning("fragment cache: could not store %s", name, exc_info=True)
    return rendered
