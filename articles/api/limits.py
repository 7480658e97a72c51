"""The content API's rate limit: a fixed window per client address.

Every request under /api/ counts, whether the page cache answers it or a view does, so
this middleware stands outside (before) the page cache in MIDDLEWARE. Each address has
one counter per window in Django's cache (Redis in production, shared by every app
server): `cache.add` starts it at 0 for the window's length, `cache.incr` counts the
request (one atomic INCR in Redis). Past `API_RATE_LIMIT` requests in a window the answer
is a 429 in Chinese with `Retry-After` until the window ends; every answer carries
`X-RateLimit-Limit` and `X-RateLimit-Remaining`. While the cache is down, requests go
through uncounted and a warning is logged: the limit protects the site, it must not take
the API down with Redis.

A fixed window lets an address send up to twice the limit across a window's edge; that
is enough to stop a runaway app, for two cache calls a request. The address is the
safety net's `client_ip` (behind `TRUSTED_PROXY_COUNT` proxies, the one they saw).
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from articles.safety.net import client_ip

logger = logging.getLogger("articles.api")

API_PREFIX = "/api/"


def now() -> float:
    """The clock the windows are cut from (tests set it instead of waiting)."""
    return time.time()


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.API_RATE_LIMIT
        if not limit or not is_api(request):
            return self.get_response(request)
        window = settings.API_RATE_WINDOW_SECONDS
        moment = now()
        start = int(moment // window) * window
        key = f"api-rate:{client_ip(request) or 'unknown'}:{window}:{start}"
        try:
            cache.add(key, 0, timeout=window + 1)
            count = cache.incr(key)
        except Exception:
            logger.warning("API rate limit: cache not available, not counted", exc_info=True)
            return self.get_response(request)
        if count > limit:
            wait = max(math.ceil(start + window - moment), 1)
            response = JsonResponse(
                {"detail": f"请求过于频繁，请 {wait} 秒后再试。"},
                status=429,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Retry-After"] = str(wait)
            response["Cache-Control"] = "no-store"
        else:
            response = self.get_response(request)
        response["X-RateLimit-Limit"] = str(limit)
        response["X-RateLimit-Remaining"] = str(max(limit - count, 0))
        return response
