"""The database as this process last saw it: a circuit breaker.

When a request finds the database unreachable (handler500 sees the connection error),
the process remembers it: every request that needs the database is answered at once
(`DatabaseOutageMiddleware`: the Chinese 503 page, or, for a reader's page, the copy the
page cache kept) instead of each waiting out `DB_CONNECT_TIMEOUT` behind the others.

After `DB_RETRY_SECONDS` one thread of the process asks the database again, in the
background (a database that hangs would keep a reader waiting the connect timeout):
readers keep their immediate answers meanwhile; the breaker closes when the database
answers, and waits another `DB_RETRY_SECONDS` when it does not. Per process on purpose:
nothing shared has to answer while the outage lasts.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger("articles.safety")

_down_until = 0.0  # 0: the breaker is closed
_probe: threading.Thread | None = None
_lock = threading.Lock()


def _now() -> float:
    return time.monotonic()


def trip() -> None:
    """The database just failed: answer without it for a while."""
    global _down_until
    with _lock:
        _down_until = _now() + settings.DB_RETRY_SECONDS


def is_down() -> bool:
    """Whether requests should do without the database now. Once the retry time is up,
    a background check decides; until it does, the answer stays "down"."""
    global _probe
    with _lock:
        if not _down_until:
            return False
        if _now() < _down_until or (_probe is not None and _probe.is_alive()):
            return True
        _probe = threading.Thread(target=_check, name="database-probe", daemon=True)
        _probe.start()
        return True


def _check() -> None:
    global _down_until
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.warning("database still unavailable", exc_info=True)
        trip()
    else:
        logger.warning("database available again")
        with _lock:
            _down_until = 0.0
    finally:
        connections.close_all()  # this thread's own connection


def wait_for_check(timeout: float = 10) -> None:
    """Wait for a background check that is running (tests)."""
    probe = _probe
    if probe is not None:
        probe.join(timeout)


def reset() -> None:
    global _down_until
    wait_for_check()
    with _lock:
        _down_until = 0.0
