"""CORS for the origins staff configure (CORS_ALLOWED_ORIGINS): on the API's fresh and
cached answers and its 429s, for a preflight; never for other origins or other paths."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

APP = "https://app.example.cn"
TOPICS = reverse("api:topic-list")


@pytest.fixture(autouse=True)
def origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_an_allowed_origin_may_read_a_fresh_and_a_cached_answer():
    client = Client(HTTP_ORIGIN=APP)
    fresh = client.get(TOPICS)
    with CaptureQueriesContext(connection) as queries:
        cached = client.get(TOPICS)
    assert len(queries) == 0, "not from the page cache"
    for response in (fresh, cached):
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == APP
        assert "origin" in response["Vary"].lower()
        exposed = response["Access-Control-Expose-Headers"]
        assert "ETag" in exposed and "X-RateLimit-Remaining" in exposed
        assert not response.has_header("Access-Control-Allow-Credentials")


def test_other_origins_get_no_cors_headers_from_the_copy_the_app_got():
    Client(HTTP_ORIGIN=APP).get(TOPICS)
    for client in (Client(), Client(HTTP_ORIGIN="https://evil.example.com")):
        response = client.get(TOPICS)
        assert response.status_code == 200
        assert not response.has_header("Access-Control-Allow-Origin")


def test_no_origin_is_allowed_by_default(settings):
    settings.CORS_ALLOWED_ORIGINS = []
    response = Client(HTTP_ORIGIN=APP).get(TOPICS)
    assert not response.has_header("Access-Control-Allow-Origin")


def test_paths_outside_the_api_get_no_cors_headers():
    response = Client(HTTP_ORIGIN=APP).get("/healthz")
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_preflight_is_answered_for_reading_only():
    response = Client().options(
        TOPICS,
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0


def test_a_preflight_from_another_origin_allows_nothing():
    response = Client().options(
        TOPICS, HTTP_ORIGIN="https://evil.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert not response.has_header("Access-Control-Allow-Origin")
    assert not response.has_header("Access-Control-Allow-Methods")


def test_a_429_can_be_read_by_the_allowed_origin(settings):
    settings.API_RATE_LIMIT = 1
    client = Client(HTTP_ORIGIN=APP)
    client.get(TOPICS)
    refused = client.get(TOPICS)
    assert refused.status_code == 429
    assert refused["Access-Control-Allow-Origin"] == APP
    assert "Retry-After" in refused["Access-Control-Expose-Headers"]
