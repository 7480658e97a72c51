"""The client's address, for login throttling behind trusted proxies."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies (nginx, a load balancer) the
    address the outermost trusted proxy saw, read from the right of X-Forwarded-For, so a
    client cannot choose its own address by sending the header itself."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return request.META.get("REMOTE_ADDR")
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return request.META.get("REMOTE_ADDR")
    return forwarded[-proxies]
