"""Kinds of content, the pages that show them, and a version per kind in the cache.

A page's cache key contains the current version of every kind it shows; a write gives
its kinds a new version, so the pages showing them are looked up under a new key (fresh)
and all others keep theirs (still cached). Versions are nanosecond timestamps rather than
counters: a version lost with an evicted key can never come back and match an old page.
"""

import hashlib
import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

from articles.pagecache import proxy

logger = logging.getLogger("articles.pagecache")

STORIES = "stories"
UNIONS = "unions"
TOPICS = "topics"
COLUMNS = "columns"
PRINTPAGES = "printpages"
FIGURES = "figures"
KINDS = (STORIES, UNIONS, TOPICS, COLUMNS, PRINTPAGES, FIGURES)

# What each public page shows, by URL name. A page not listed here is not cached. The
# content API's answers (`api:`, articles/api/) are pages like any other: a story prints
# its strap, page, unions and topics; the topic list is the topics with a published
# story; search is left out, as the site's /search/ is (any query would be a page).
_STORY = (STORIES, TOPICS, COLUMNS, UNIONS, PRINTPAGES)
PAGE_KINDS: dict[str, tuple[str, ...]] = {
    "articles:front-page": (STORIES, TOPICS, COLUMNS, PRINTPAGES, FIGURES),
    "articles:article-short": _STORY,
    "articles:article-detail": _STORY,
    "articles:topic-detail": (STORIES, TOPICS, COLUMNS, PRINTPAGES, FIGURES),
    "articles:topic-feed": (STORIES, TOPICS),
    "articles:column-detail": (STORIES, COLUMNS, PRINTPAGES),
    "articles:tag-detail": (STORIES, COLUMNS, PRINTPAGES),
    "articles:archive-index": (STORIES,),
    "articles:archive-month": (STORIES, COLUMNS, PRINTPAGES),
    "articles:epaper-latest": (STORIES, COLUMNS, PRINTPAGES),
    "articles:epaper-back-issues": (STORIES, PRINTPAGES),
    "articles:epaper-back-issues-year": (STORIES, PRINTPAGES),
    "articles:epaper-edition": (STORIES, COLUMNS, PRINTPAGES),
    "articles:epaper-page": (STORIES, COLUMNS, PRINTPAGES),
    "articles:latest-feed": (STORIES,),
    "unions:union-index": (UNIONS,),
    "unions:union-detail": (STORIES, UNIONS, COLUMNS, PRINTPAGES, FIGURES),
    "unions:union-feed": (STORIES, UNIONS),
    "sitemap": KINDS,
    "sitemap-section": KINDS,
    "robots-txt": (),
    "api:story-list": _STORY,
    "api:story-detail": _STORY,
    "api:union-list": (UNIONS,),
    "api:union-detail": (UNIONS, FIGURES),
    "api:topic-list": (STORIES, TOPICS),
    "api:epaper-list": (STORIES, PRINTPAGES),
    "api:epaper-edition": (STORIES, PRINTPAGES),
    "api:epaper-page": _STORY,
}

# The navigation in every page's header lists the featured topics.
ALWAYS = (TOPICS,)


def _key(kind: str) -> str:
    return f"pagecache:version:{kind}"


# The versions read once for a whole request (`one_reading`), or None outside one.
_reading: ContextVar[dict[str, int] | None] = ContextVar("pagecache_versions", default=None)


@contextmanager
def one_reading():
    """Read the versions once for everything rendered inside: a reader's page asks for
    them for its own key and for each roll-up it shows (a round trip to Redis each), and
    one reading also makes every part of the page agree on them. A write inside
    (`bump`) is seen at once. A value computed inside is never older than the versions
    it is kept under: they were read before it was."""
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def versions(kinds) -> dict[str, int]:
    """The current version of each kind; a kind never versioned gets one now."""
    reading = _reading.get()
    if reading is None:
        return _read(kinds)
    if not reading:
        reading.update(_read(KINDS))
    return {kind: reading[kind] for kind in kinds}


def _read(kinds) -> dict[str, int]:
    keys = [_key(kind) for kind in kinds]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
    if len(found) < len(keys):
        found = cache.get_many(keys)
    return {kind: found.get(_key(kind), 0) for kind in kinds}


def versioned_key(namespace: str, name: str, kinds) -> str:
    """The cache key of `name` (a page's URL, a roll-up's name) under the current versions
    of `kinds`: a write to any of them gives it a new key, so the old value is never read."""
    current = versions(kinds)
    stamp = ".".join(str(current[kind]) for kind in kinds)
    return f"pagecache:{namespace}:" + hashlib.sha256(f"{name}|{stamp}".encode()).hexdigest()


def bump(kinds) -> None:
    """Give the kinds a new version: every page showing one of them is fresh next time."""
    reading = _reading.get()
    if reading is not None:
        reading.clear()
    try:
        cache.set_many({_key(kind): time.time_ns() for kind in kinds}, timeout=None)
    except Exception:
        # The cache is down: nothing is served from it until it is back, and a server
        # whose cache comes back empty starts with new versions anyway.
        logger.warning("page cache: could not bump %s", ", ".join(kinds), exc_info=True)
    proxy.refresh_front_page()
