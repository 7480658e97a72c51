"""The content API's rate limit per client address: a clear 429 in Chinese with
Retry-After past the limit, its headers on every answer, answers from the page cache
counted too, and every request let through while the cache is down."""

import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.api import limits

pytestmark = pytest.mark.django_db

TOPICS = reverse("api:topic-list")
# 15 seconds into a window of 60.
WINDOW_START = 29_000_000 * 60


@pytest.fixture(autouse=True)
def limited(settings, monkeypatch):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW_SECONDS = 60
    monkeypatch.setattr(limits, "now", lambda: WINDOW_START + 15.0)
    cache.clear()
    yield
    cache.clear()


def test_the_request_past_the_limit_gets_a_429_with_retry_after():
    client = Client()
    for remaining in (2, 1, 0):
        response = client.get(TOPICS)
        assert response.status_code == 200
        assert response["X-RateLimit-Limit"] == "3"
        assert response["X-RateLimit-Remaining"] == str(remaining)
    refused = client.get(TOPICS)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert refused.json() == {"detail": "请求过于频繁，请 45 秒后再试。"}
    assert refused["Retry-After"] == "45"
    assert refused["X-RateLimit-Limit"] == "3"
    assert refused["X-RateLimit-Remaining"] == "0"
    assert refused["Cache-Control"] == "no-store"


def test_the_next_window_starts_afresh(monkeypatch):
    client = Client()
    for _ in range(4):
        client.get(TOPICS)
    monkeypatch.setattr(limits, "now", lambda: WINDOW_START + 59.5)
    assert client.get(TOPICS)["Retry-After"] == "1"
    monkeypatch.setattr(limits, "now", lambda: WINDOW_START + 60.0)
    response = client.get(TOPICS)
    assert response.status_code == 200
    assert response["X-RateLimit-Remaining"] == "2"


def test_every_api_address_counts_against_one_limit():
    client = Client()
    client.get(TOPICS)
    client.get(reverse("api:union-list"))
    client.get("/api/v1/no-such-endpoint/")
    assert client.get(TOPICS).status_code == 429


def test_each_address_has_its_own_count(settings):
    for _ in range(3):
        Client(REMOTE_ADDR="198.51.100.7").get(TOPICS)
    assert Client(REMOTE_ADDR="198.51.100.7").get(TOPICS).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.8").get(TOPICS).status_code == 200


def test_behind_a_trusted_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    nginx = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(3):
        nginx.get(TOPICS, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert nginx.get(TOPICS, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # Another reader behind the same proxy; a header a client sent itself is not read.
    assert nginx.get(TOPICS, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200
    assert nginx.get(TOPICS, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.6").status_code == 200


def test_answers_from_the_page_cache_are_counted(settings):
    settings.PAGE_CACHE_SECONDS = 600
    client = Client()
    first = client.get(TOPICS)
    for remaining in (1, 0):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(TOPICS)
        assert len(queries) == 0, "not from the page cache"
        assert response["X-RateLimit-Remaining"] == str(remaining)
    # A revalidation is a request too.
    refused = client.get(TOPICS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert refused.status_code == 429


def test_other_paths_are_not_limited():
    client = Client()
    for _ in range(5):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert not response.has_header("X-RateLimit-Limit")
    assert client.get(TOPICS)["X-RateLimit-Remaining"] == "2"


def test_a_limit_of_zero_turns_it_off(settings):
    settings.API_RATE_LIMIT = 0
    client = Client()
    for _ in range(5):
        response = client.get(TOPICS)
        assert response.status_code == 200
        assert not response.has_header("X-RateLimit-Limit")


class DownCache:
    def add(self, *args, **kwargs):
        raise ConnectionError("Redis is down")

    incr = add


def test_while_the_cache_is_down_requests_go_through(monkeypatch, caplog):
    monkeypatch.setattr(limits, "cache", DownCache())
    client = Client()
    with caplog.at_level(logging.WARNING, logger="articles.api"):
        for _ in range(5):
            response = client.get(TOPICS)
            assert response.status_code == 200
            assert not response.has_header("X-RateLimit-Remaining")
    assert "API rate limit: cache not available" in caplog.text
