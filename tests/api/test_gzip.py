"""gzip for the API's answers: fresh and from the page cache, `Vary: Accept-Encoding`,
ETag/304 still answered for a client given the compressed answer; other paths and
clients that cannot read gzip get what they got before."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.pagecache.middleware import etag_matches

pytestmark = pytest.mark.django_db

LIST = reverse("api:story-list")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_fresh_and_a_cached_answer_are_compressed(newsroom_without_photos):
    plain = Client().get(LIST)
    assert plain.status_code == 200
    assert not plain.has_header("Content-Encoding")
    assert "accept-encoding" in plain["Vary"].lower()

    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    fresh = client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        cached = client.get(LIST)
    assert len(queries) == 0, "not from the page cache"
    for response in (fresh, cached):
        assert response["Content-Encoding"] == "gzip"
        assert "accept-encoding" in response["Vary"].lower()
        assert gzip.decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 2
        assert int(response["Content-Length"]) == len(response.content)
        assert response["ETag"] == "W/" + plain["ETag"]


def test_a_gzip_client_gets_its_304(newsroom_without_photos):
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    etag = client.get(LIST)["ETag"]
    assert etag.startswith('W/"')
    again = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "accept-encoding" in again["Vary"].lower()
    # The strong tag of the plain answer, from a client without gzip, still matches.
    plain = Client()
    strong = plain.get(LIST)["ETag"]
    assert plain.get(LIST, HTTP_IF_NONE_MATCH=strong)["ETag"] == strong
    assert plain.get(LIST, HTTP_IF_NONE_MATCH=strong).status_code == 304
    assert plain.get(LIST, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_readers_pages_are_left_alone(newsroom_without_photos):
    response = Client(HTTP_ACCEPT_ENCODING="gzip").get("/")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_short_answers_are_sent_as_they_are(db):
    response = Client(HTTP_ACCEPT_ENCODING="gzip").get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" in response["Vary"].lower()


def test_if_none_match_compares_weakly():
    assert etag_matches('W/"abc"', '"abc"')
    assert etag_matches('"abc"', '"abc"')
    assert etag_matches('"x", W/"abc"', '"abc"')
    assert etag_matches("*", '"abc"')
    assert not etag_matches('"abcd"', '"abc"')
    assert not etag_matches("", '"abc"')
    assert not etag_matches(None, '"abc"')
