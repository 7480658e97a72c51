"""The page cache in front of the readers' site.

A request is served from the cache only if it is a GET or HEAD for a page listed in
`tags.PAGE_KINDS`, carries no session cookie (editors and anyone logged in get live
pages, never a reader's copy, and their pages are never stored), and the cache answers.
The key is the page's URL with the versions of the kinds it shows; its lifetime ends at
the next scheduled publication, so a story scheduled for 08:00 is on every cached page
at 08:00 with nothing run.

Browsers get `max-age=0, must-revalidate` with an ETag (a phone never keeps a stale page;
asking again costs a 304), a front proxy `s-maxage` of a few seconds and `stale-if-error`.

While the database is down (the 503 page, or the safety room's circuit breaker just after
this middleware), a reader's page the cache held gets its last copy: every page stored
is also kept under a key of its URL alone for `PAGE_STALE_SECONDS`, marked
`X-Page-Stale: 1` and `no-cache` when served so.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date, parse_etags, quote_etag

from articles.pagecache import tags
from articles.pagecache.schedule import keep, unexpired

logger = logging.getLogger("articles.pagecache")


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match's weak comparison (RFC 9110 13.1.2): `W/"x"` matches `"x"`, so a
    client that got a compressed answer with its ETag weakened (the API's gzip) still
    gets a 304; a list of tags matches if one does."""
    if not if_none_match:
        return False
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in parse_etags(if_none_match))


def public_cache_control() -> str:
    # A proxy may serve its copy while the site answers with an error (the database down).
    return (
        f"public, max-age=0, must-revalidate, s-maxage={settings.PROXY_CACHE_SECONDS}, "
        f"stale-if-error={settings.PAGE_STALE_SECONDS}"
    )


class ReaderPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kinds = self.page_kinds(request)
        if kinds is None:
            return self.live(request)
        with tags.one_reading():
            try:
                key = self.key_for(request, kinds)
                cached = unexpired(cache.get(key))
            except Exception:
                logger.warning("page cache: not available, serving uncached", exc_info=True)
                return self.get_response(request)
            if cached is not None:
                return self.respond(request, cached)
            response = self.get_response(request)
        if response.status_code == 503:
            # The database is down (the 503 page): the page's last copy, if one was kept.
            return self.stale(request) or response
        if self.storable(response):
            # Outside the reading above: the versions as they are now.
            if self.written_meanwhile(request, kinds, key):
                # A write was committed while this page was rendered, so it may show the
                # state from before: the reader gets it, no cache (ours, nginx) keeps it.
                response["Cache-Control"] = "no-cache"
                return response
            entry = self.entry_for(response)
            try:
                kept, seconds = keep(entry, settings.PAGE_CACHE_SECONDS)
                cache.set(key, kept, timeout=seconds)
                cache.set(self.stale_key(request), entry, timeout=settings.PAGE_STALE_SECONDS)
            except Exception:
                logger.warning("page cache: could not store %s", request.path, exc_info=True)
            return self.respond(request, entry, fresh=response)
        return response

    def live(self, request):
        """A page not from the cache: an editor's, a write, a page not listed, or any page
        with the page cache off. Its roll-ups still read the versions once."""
        with tags.one_reading():
            response = self.get_response(request)
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            # An editor's page is theirs: no proxy may keep it for a reader.
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def page_kinds(request) -> tuple[str, ...] | None:
        if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
            return None
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        kinds = tags.PAGE_KINDS.get(match.view_name)
        return None if kinds is None else tuple(dict.fromkeys((*kinds, *tags.ALWAYS)))

    @staticmethod
    def key_for(request, kinds) -> str:
        url = f"{request.get_host()}{request.get_full_path()}"
        # "kept-page": entries with their end (`schedule.keep`), under keys of their own so
        # that no app server reads the other's format while a deploy rolls through.
        return tags.versioned_key("kept-page", url, kinds)

    @staticmethod
    def stale_key(request) -> str:
        """Where a page's last copy is kept, whatever the versions: read only while the
        database is down."""
        url = f"{request.get_host()}{request.get_full_path()}"
        return "pagecache:stale:" + hashlib.sha256(url.encode()).hexdigest()

    def stale(self, request):
        """The page's last copy, marked stale (no proxy keeps it), or None."""
        try:
            entry = cache.get(self.stale_key(request))
        except Exception:
            return None
        if entry is None:
            return None
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
        response["Cache-Control"] = "no-cache"
        response["X-Page-Stale"] = "1"
        return response

    def written_meanwhile(self, request, kinds, key) -> bool:
        try:
            return self.key_for(request, kinds) != key
        except Exception:
            return True  # the cache went away meanwhile: keep nothing

    @staticmethod
    def storable(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
        )

    @staticmethod
    def entry_for(response) -> dict:
        content = response.content
        return {
            "content": content,
            "content_type": response["Content-Type"],
            "etag": quote_etag(hashlib.sha256(content).hexdigest()[:32]),
            "last_modified": http_date(timezone.now().timestamp()),
        }

    @staticmethod
    def respond(request, entry: dict, fresh=None):
        if etag_matches(request.headers.get("If-None-Match"), entry["etag"]):
            response = HttpResponseNotModified()
        elif fresh is not None:
            response = fresh
        else:
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = entry["last_modified"]
        response["Cache-Control"] = public_cache_control()
        return response
