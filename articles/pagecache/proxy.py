"""Emptying the front proxies' micro-caches when pages change.

nginx may keep a reader's page for `PROXY_CACHE_SECONDS` (`s-maxage`). The app's own
cache is fresh at once after a committed write (new versions, `tags.bump`); so that a
reader coming through nginx is too, `bump` also sends a `PURGE` to each nginx named in
`PROXY_PURGE_URLS` (Debian's `libnginx-mod-http-cache-purge`, `purge_all`: every page
of its micro-cache, as a publish changes nearly every page anyway). A proxy that does not
answer is logged and left to expire its pages by itself within those few seconds.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger("articles.pagecache")

PURGE_TIMEOUT_SECONDS = 0.5


def purge_all() -> None:
    for base in settings.PROXY_PURGE_URLS:
        request = urllib.request.Request(f"{base.rstrip('/')}/", method="PURGE")  # noqa: S310 - our own proxies, from settings
        try:
            with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310
                pass
        except urllib.error.HTTPError as error:
            if error.code != 404:  # 404: nothing was cached
                logger.warning("proxy purge: %s answered %s", base, error.code)
        except OSError:
            logger.warning("proxy purge: %s did not answer", base, exc_info=True)
