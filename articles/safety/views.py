"""Error pages in Chinese, and `/healthz`.

The 500 and 503 pages are rendered from templates/errors/ with a context of their own:
no context processor, no template tag that queries, so they render with the database down.
A database error anywhere (in a view or in the session and auth middleware) reaches
Django's handler500, which tells it apart from other errors and answers 503.
"""

import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from articles.safety import outage

logger = logging.getLogger("articles.safety")

OUTAGE_ERRORS = (OperationalError, InterfaceError)


def render_error(template: str, status: int, message: str = "") -> HttpResponse:
    """An error page that touches nothing but the template files."""
    content = loader.get_template(f"errors/{template}").render({"message": message})
    response = HttpResponse(content, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def reject_bad_request(request, message: str = "") -> HttpResponse:
    return render_error("400.html", 400, message)


def request_too_large(request) -> HttpResponse:
    return render_error("413.html", 413)


def bad_request(request, exception=None):
    """handler400: a malformed request, and Django's RequestDataTooBig and
    TooManyFieldsSent, which it raises as SuspiciousOperation."""
    name = type(exception).__name__ if exception is not None else ""
    if name in {"RequestDataTooBig", "TooManyFieldsSent", "TooManyFilesSent"}:
        return render_error("413.html", 413)
    return render_error("400.html", 400)


def permission_denied(request, exception=None):
    return render_error("403.html", 403)


def server_error(request):
    """handler500: 503 while the database is unreachable, 500 for everything else."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OUTAGE_ERRORS):
        outage.trip()
        return database_unavailable()
    return render_error("500.html", 500)


def database_unavailable() -> HttpResponse:
    """The 503 page while the database is unreachable (`outage`)."""
    response = render_error("503.html", 503)
    response["Retry-After"] = "30"
    return response


# Who may read why /healthz says down: the machine itself (a monitor or an operator's curl
# on the app server). A request nginx passed on carries X-Forwarded-For, and nginx on the
# same machine connects from 127.0.0.1 too, so such a request is not local whatever it says.
LOCAL_ADDRESSES = {"127.0.0.1", "::1"}


@never_cache
def healthz(request):
    """200 "ok" when the database and the cache answer, 503 "down" otherwise. Why (each
    check's error, which names the database's host and port) only to staff and to the
    local address: anyone else learns up or down and nothing more."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "down"}
    if _may_see_why(request):
        body.update(checks)
    return JsonResponse(body, status=200 if healthy else 503)


def _may_see_why(request) -> bool:
    if (
        request.META.get("REMOTE_ADDR") in LOCAL_ADDRESSES
        and "HTTP_X_FORWARDED_FOR" not in request.META
    ):
        return True
    user = getattr(request, "user", None)
    try:
        return bool(user and user.is_staff)
    except DatabaseError:  # the session or the user cannot be read: the database is down
        return False


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("healthz: database check failed: %s", exc)
        return f"error: {type(exc).__name__}: {str(exc).strip()[:200]}"
    return "ok"


def _check_cache() -> str:
    try:
        cache.set("healthz", "ok", 5)
        ok = cache.get("healthz") == "ok"
    except Exception as exc:  # any cache backend's error is a failed check
        logger.warning("healthz: cache check failed: %s", exc)
        return f"error: {type(exc).__name__}"
    return "ok" if ok else "error: the cache did not keep a value"
