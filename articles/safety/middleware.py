"""Middleware that refuses what no view should see, and adds the security headers that
django-csp and Django's SecurityMiddleware do not."""

from django.conf import settings

from articles.safety import outage
from articles.safety.views import database_unavailable, reject_bad_request, request_too_large

# Characters a URL or a form value never needs: NUL and the other C0/C1 controls except
# tab, line feed and carriage return. PostgreSQL refuses NUL in text outright.
CONTROL_CHARACTERS = frozenset(
    chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
)
# A query value longer than this is not something the site's forms or links produce.
MAX_QUERY_VALUE_CHARS = 2000


def has_control_characters(value: str) -> bool:
    return not CONTROL_CHARACTERS.isdisjoint(value)


class RequestGuardMiddleware:
    """Answer 413 for a body over MAX_REQUEST_BYTES before anything reads it, and 400 for
    a path or query string carrying control characters or absurdly long values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return reject_bad_request(request, "请求头 Content-Length 无效。")
        if length > settings.MAX_REQUEST_BYTES:
            return request_too_large(request)
        if has_control_characters(request.path):
            return reject_bad_request(request, "网址中含有不允许的控制字符。")
        for key, values in request.GET.lists():
            for value in [key, *values]:
                if has_control_characters(value):
                    return reject_bad_request(request, "网址参数中含有不允许的控制字符。")
                if len(value) > MAX_QUERY_VALUE_CHARS:
                    return reject_bad_request(request, "网址参数过长。")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The browser features the site never uses, switched off for every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseOutageMiddleware:
    """While this process knows the database is down (`outage`), answer at once with the
    503 page: no request waits out the connect timeout again. It stands after the page
    cache, which serves its pages without the database and, for a reader's page it kept,
    its last copy instead of this 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # /healthz asks the database itself: a monitor must learn when it is back.
        if outage.is_down() and request.path_info != HEALTH_CHECK_PATH:
            return database_unavailable()
        return self.get_response(request)


HEALTH_CHECK_PATH = "/healthz"
