"""Expensive figures (and the header's topics) kept between requests, fresh by the same
rule as the pages.

A union's or a topic's figures add up thousands of activities and gift lines (three
aggregate queries of ~10 ms each at 100k stories). They change far less often than the
pages showing them: a page is rebuilt after every publish, its figures only when
activities, the stories reporting them, the union tree or the topics change. So a roll-up
is kept under the versions of the kinds it reads (`tags`), like a page, and for no longer
than until the next scheduled publication (a story scheduled for 08:00 may report an
activity, whose figures then count from 08:00 on).

`ROLLUP_CACHE_SECONDS = 0` turns it off (the test suite, whose writes never commit).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from articles.pagecache import tags
from articles.pagecache.schedule import lifetime

logger = logging.getLogger("articles.pagecache")


def cached(name: str, kinds, compute):
    """`compute()`, or its value from an earlier call while none of `kinds` has changed.

    `name` says which figures and for what (`"union-figures:17"`); the value must pickle.
    A cache that is down is asked nothing more this call: the figures are computed.
    """
    longest = settings.ROLLUP_CACHE_SECONDS
    if not longest:
        return compute()
    try:
        current = tags.versions(kinds)
        stamp = ".".join(str(current[kind]) for kind in kinds)
        key = "pagecache:rollup:" + hashlib.sha256(f"{name}|{stamp}".encode()).hexdigest()
        found = cache.get(key)
    except Exception:
        logger.warning("roll-up cache: not available, computing %s", name, exc_info=True)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        cache.set(key, value, timeout=lifetime(longest))
    except Exception:
        logger.warning("roll-up cache: could not store %s", name, exc_info=True)
    return value
