"""The safety net's corpus of bad values (tests/safety/test_bad_input_corpus.py) against
every path segment and query parameter of the content API: never a 500, on SQLite and on
PostgreSQL, and a JSON answer in Chinese from the API itself (the request guard in front
answers control characters and overlong values with its own 400)."""

import itertools
import re

import pytest
from django.test import Client

from tests.safety.test_bad_input_corpus import BAD_VALUES, ID_VALUES, INTEGER_EDGES, QUERY_VALUES

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/stories/{}/",
    "/api/v1/unions/{}/",
    "/api/v1/epaper/{}/",
    "/api/v1/epaper/{}/3/",
    "/api/v1/epaper/2024-01-23/{}/",
    "/api/v1/{}/",
]
QUERIES = [
    "/api/v1/stories/?{}=1",
    "/api/v1/stories/?topic={}",
    "/api/v1/stories/?column={}",
    "/api/v1/stories/?union={}",
    "/api/v1/stories/?tag={}",
    "/api/v1/stories/?kind={}",
    "/api/v1/stories/?published_after={}",
    "/api/v1/stories/?published_before={}",
    "/api/v1/stories/?edition={}",
    "/api/v1/stories/?edition=2024-01-23&page={}",
    "/api/v1/stories/?page_size={}",
    "/api/v1/stories/?cursor={}",
    "/api/v1/stories/?fields={}",
    "/api/v1/stories/1/?fields={}",
    "/api/v1/unions/?parent={}",
    "/api/v1/epaper/?cursor={}",
    "/api/v1/epaper/?page_size={}",
    "/api/v1/epaper/2024-01-23/3/?fields={}",
    "/api/v1/search/?q={}",
    "/api/v1/search/?q=书屋&page={}",
    "/api/v1/search/?q=书屋&union={}",
    "/api/v1/search/?q=书屋&topic={}",
    "/api/v1/search/?q=书屋&start={}",
]
# Cursors as an app might mangle them, and as someone might forge them: base64 of a
# position that is no time, a naive time, year 1, a negative offset, garbage.
CURSORS = [
    "cD1ub3QtYS10aW1l",  # p=not-a-time
    "cD0yMDI0LTAxLTIzIDA2OjAwOjAw",  # p=2024-01-23 06:00:00 (no offset)
    "cD0wMDAxLTAxLTAxIDAwOjAwOjAwKzA4OjAw",  # p=0001-01-01 00:00:00+08:00
    "bz0tNSZwPTIwMjQtMDEtMjMgMDY6MDA6MDArMDA6MDA=",  # o=-5&p=…
    "cj1hYmM=",  # r=abc
    "%FF%FE",
    "====",
]


def expand(patterns, values):
    return [pattern.format(value) for pattern, value in itertools.product(patterns, values)]


def test_no_bad_value_is_a_500(newsroom_without_photos):
    client = Client(raise_request_exception=False)
    urls = expand(PATHS, [*BAD_VALUES, *ID_VALUES, *INTEGER_EDGES])
    urls += expand(QUERIES, QUERY_VALUES + ID_VALUES)
    urls += expand(["/api/v1/stories/?cursor={}", "/api/v1/epaper/?cursor={}"], CURSORS)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 301, 400, 404), (url, response.status_code)
        if response["Content-Type"] != "application/json":
            # The request guard's page, before any view (control characters, overlong).
            assert response.status_code == 400, url
            continue
        if response.status_code != 200:
            detail = response.json()["detail"]
            assert re.search(r"[\u4e00-\u9fff]", detail), (url, detail)
    assert len(urls) > 600
