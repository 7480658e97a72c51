"""Refreshing the front proxies' copy of the front page when pages change.

nginx may keep a reader's page for `PROXY_CACHE_SECONDS` (`s-maxage`). The app's own
cache is fresh at once after a committed write (new versions, `tags.bump`); so that a
reader coming through nginx is too, `bump` also sends `PURGE /` to each nginx named in
`PROXY_PURGE_URLS`. deploy/nginx.conf.template answers it with stock nginx: it fetches
the page again itself, past its cache, and keeps the fresh copy (Debian's cache-purge
module crashed nginx 1.22 and has no purge-all; docs/deployment.md). Only the front page:
the purge is waited for, and other pages expire within those few seconds by themselves.
A proxy that does not answer in time is logged and left to do the same.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger("articles.pagecache")

PURGE_TIMEOUT_SECONDS = 0.5


def refresh_front_page() -> None:
    """Have every proxy fetch the front page again and keep the fresh copy."""
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
