"""The database as this process last saw it: a circuit breaker.

When a request finds the database unreachable (handler500 sees the connection error),
the process remembers it for `DB_RETRY_SECONDS`: until then every request that needs the
database is answered at once (`DatabaseOutageMiddleware`: the Chinese 503 page, or, for a
reader's page, the copy the page cache kept) instead of each waiting out
`DB_CONNECT_TIMEOUT` behind the others. The first request after that time tries the
database again, so service resumes by itself. Per process on purpose: nothing shared has
to answer while the outage lasts.
"""

import time

from django.conf import settings

_down_until = 0.0


def _now() -> float:
    return time.monotonic()


def trip() -> None:
    """The database just failed: answer without it for a while."""
    global _down_until
    _down_until = _now() + settings.DB_RETRY_SECONDS


def is_down() -> bool:
    return _now() < _down_until


def reset() -> None:
    global _down_until
    _down_until = 0.0
