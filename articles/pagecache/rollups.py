"""What pages the cache does not hold reuse between requests, fresh by the same rule as
the pages: a union's or a topic's figures, a union page's place in the tree, the header's
featured topics.

A union's or a topic's figures add up thousands of activities and gift lines (three
aggregate queries of ~10 ms each at 100k stories). They change far less often than the
pages showing them: a page is rebuilt after every publish, its figures only when
activities, the stories reporting them, the union tree or the topics change. So a roll-up
is kept under the versions of the kinds it reads (`tags`), like a page, and for no longer
than until the next scheduled publication (a story scheduled for 08:00 may report an
activity, whose figures then count from 08:00 on).

`ROLLUP_CACHE_SECONDS = 0` turns it off (the test suite, whose writes never commit).
"""

import logging

from django.conf import settings
from django.core.cache import cache

from articles.pagecache import tags
from articles.pagecache.schedule import keep, unexpired

logger = logging.getLogger("articles.pagecache")


def cached(name: str, kinds, compute):
    """`compute()`, or its value from an earlier call while none of `kinds` has changed.

    `name` says what and for what (`"union-figures:17"`); the value must pickle, and None
    is never kept (it reads as "not kept"). A cache that is down is asked nothing more this
    call: the value is computed.
    """
    longest = settings.ROLLUP_CACHE_SECONDS
    if not longest:
        return compute()
    try:
        # "kept-rollup": values with their end (`schedule.keep`), as the middleware's pages.
        key = tags.versioned_key("kept-rollup", name, kinds)
        found = unexpired(cache.get(key))
    except Exception:
        logger.warning("roll-up cache: not available, computing %s", name, exc_info=True)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        kept, seconds = keep(value, longest)
        cache.set(key, kept, timeout=seconds)
    except Exception:
        logger.warning("roll-up cache: could not store %s", name, exc_info=True)
    return value
