"""The front proxies' micro-caches: emptied by a committed write, never handed a page
rendered across one."""

import http.server
import logging
import threading

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import ArticleStatus
from articles.pagecache import tags
from articles.pagecache.middleware import ReaderPageCacheMiddleware
from articles.workflow import services
from tests.factories import make_article

# The cache keeps pages (tests/pagecache/conftest.py: `reader_cache`).
pytestmark = pytest.mark.django_db


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """Stands in for nginx's purge location: records what it is asked."""

    received: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.received.append((self.command, self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PROXY_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}"]
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_a_committed_publish_purges_every_proxy(
    proxy, superuser, django_capture_on_commit_callbacks
):
    story = make_article("两节送温暖", status=ArticleStatus.REVIEW)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.publish(story, user=superuser)
    assert proxy == []  # not before the commit
    for callback in callbacks:
        callback()
    assert proxy == [("PURGE", "/")]


def test_a_draft_purges_nothing(proxy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("草稿", status=ArticleStatus.DRAFT)
    assert proxy == []


def test_a_proxy_that_does_not_answer_is_logged_and_the_publish_stands(
    settings, superuser, caplog, django_capture_on_commit_callbacks
):
    settings.PROXY_PURGE_URLS = ["http://127.0.0.1:9"]  # the discard port: nothing listens
    story = make_article("两节送温暖", status=ArticleStatus.REVIEW)
    with (
        caplog.at_level(logging.WARNING, logger="articles.pagecache"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.publish(story, user=superuser)
    story.refresh_from_db()
    assert story.status == ArticleStatus.PUBLISHED
    assert "proxy purge" in caplog.text


def test_a_page_rendered_across_a_committed_write_is_kept_by_no_cache():
    def render_while_a_story_is_published(request):
        tags.bump([tags.STORIES])  # committed while this page was being rendered
        return HttpResponse("旧的首页")

    request = RequestFactory().get("/")
    response = ReaderPageCacheMiddleware(render_while_a_story_is_published)(request)
    assert response.content.decode() == "旧的首页"
    assert response["Cache-Control"] == "no-cache"  # nginx keeps it neither
    assert "ETag" not in response

    fresh = ReaderPageCacheMiddleware(lambda request: HttpResponse("新的首页"))(request)
    assert fresh.content.decode() == "新的首页"
    assert fresh["Cache-Control"].startswith("public")
