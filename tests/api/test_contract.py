"""Contract tests: every endpoint, every status its schema documents, asked for real on a
newsroom holding copy in every state, and every answer validated by openapi-core against
the schema the code generates (status, content type, body). Beyond what the schema can
say, an answer has no property the schema does not list, and a story printed without
`?fields=` has every property its schema lists (the story schemas require none, since
`?fields=` may leave any out)."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from articles.search.index import rebuild
from tests.api.conftest import JAN_23

pytestmark = pytest.mark.django_db

DAY = JAN_23.isoformat()
NEWS_PAGE = f"/api/v1/epaper/{DAY}/3/"
NOTHING = "没有这样的词语"


def story(room, name):
    return f"/api/v1/stories/{getattr(room, name).pk}/"


# (path, status): how to ask for it, each a function of the newsroom giving the URL, its
# query parameters and, for 304, None (the case asks again with the first answer's ETag).
CASES = {
    ("/api/v1/stories/", 200): [
        lambda room: ("/api/v1/stories/", {}),
        lambda room: ("/api/v1/stories/", {"page_size": 2}),
        lambda room: ("/api/v1/stories/", {"fields": "id,title,photos"}),
        lambda room: ("/api/v1/stories/", {"topic": room.warmth.slug, "union": room.city.pk}),
        lambda room: ("/api/v1/stories/", {"edition": DAY, "page": 3, "kind": "photo"}),
    ],
    ("/api/v1/stories/", 304): [lambda room: ("/api/v1/stories/", None)],
    ("/api/v1/stories/", 400): [
        lambda room: ("/api/v1/stories/", {"kind": "novel"}),
        lambda room: ("/api/v1/stories/", {"cursor": "nonsense"}),
        lambda room: ("/api/v1/stories/", {"fields": "secret"}),
    ],
    ("/api/v1/stories/{pk}/", 200): [
        lambda room: (story(room, "lead"), {}),
        lambda room: (story(room, "photo_report"), {}),
        lambda room: (story(room, "corrected"), {}),
        lambda room: (story(room, "correction"), {}),
        lambda room: (story(room, "correction_of_withdrawn"), {}),
        lambda room: (story(room, "lead"), {"fields": "paragraphs,corrects"}),
    ],
    ("/api/v1/stories/{pk}/", 304): [lambda room: (story(room, "lead"), None)],
    ("/api/v1/stories/{pk}/", 400): [lambda room: (story(room, "lead"), {"fields": "note"})],
    ("/api/v1/stories/{pk}/", 404): [
        lambda room: (f"/api/v1/stories/{room.hidden['draft'].pk}/", {}),
        lambda room: (f"/api/v1/stories/{room.hidden['scheduled'].pk}/", {}),
        lambda room: ("/api/v1/stories/abc/", {}),
    ],
    ("/api/v1/stories/{pk}/", 410): [lambda room: (story(room, "withdrawn"), {})],
    ("/api/v1/unions/", 200): [
        lambda room: ("/api/v1/unions/", {}),
        lambda room: ("/api/v1/unions/", {"parent": room.city.pk}),
    ],
    ("/api/v1/unions/", 304): [lambda room: ("/api/v1/unions/", None)],
    ("/api/v1/unions/", 400): [lambda room: ("/api/v1/unions/", {"parent": "x"})],
    ("/api/v1/unions/{pk}/", 200): [
        lambda room: (f"/api/v1/unions/{room.street.pk}/", {}),
        lambda room: (f"/api/v1/unions/{room.other_district.pk}/", {}),
    ],
    ("/api/v1/unions/{pk}/", 304): [lambda room: (f"/api/v1/unions/{room.city.pk}/", None)],
    ("/api/v1/unions/{pk}/", 404): [lambda room: ("/api/v1/unions/999999/", {})],
    ("/api/v1/topics/", 200): [lambda room: ("/api/v1/topics/", {})],
    ("/api/v1/topics/", 304): [lambda room: ("/api/v1/topics/", None)],
    ("/api/v1/epaper/", 200): [
        lambda room: ("/api/v1/epaper/", {}),
        lambda room: ("/api/v1/epaper/", {"page_size": 1}),
    ],
    ("/api/v1/epaper/", 304): [lambda room: ("/api/v1/epaper/", None)],
    ("/api/v1/epaper/", 400): [lambda room: ("/api/v1/epaper/", {"page_size": 0})],
    ("/api/v1/epaper/{date}/", 200): [lambda room: (f"/api/v1/epaper/{DAY}/", {})],
    ("/api/v1/epaper/{date}/", 304): [lambda room: (f"/api/v1/epaper/{DAY}/", None)],
    ("/api/v1/epaper/{date}/", 404): [
        lambda room: ("/api/v1/epaper/2024-01-24/", {}),
        lambda room: ("/api/v1/epaper/2024-02-30/", {}),
    ],
    ("/api/v1/epaper/{date}/{number}/", 200): [
        lambda room: (NEWS_PAGE, {}),
        lambda room: (f"/api/v1/epaper/{DAY}/1/", {}),
        lambda room: (NEWS_PAGE, {"fields": "id,zones"}),
    ],
    ("/api/v1/epaper/{date}/{number}/", 304): [lambda room: (NEWS_PAGE, None)],
    ("/api/v1/epaper/{date}/{number}/", 400): [lambda room: (NEWS_PAGE, {"fields": "x"})],
    ("/api/v1/epaper/{date}/{number}/", 404): [lambda room: (f"/api/v1/epaper/{DAY}/9/", {})],
    ("/api/v1/search/", 200): [
        lambda room: ("/api/v1/search/", {"q": "送温暖"}),
        lambda room: ("/api/v1/search/", {"q": "工会", "sort": "date", "fields": "id,title"}),
        lambda room: ("/api/v1/search/", {"q": NOTHING}),
    ],
    ("/api/v1/search/", 400): [
        lambda room: ("/api/v1/search/", {}),
        lambda room: ("/api/v1/search/", {"q": "工会", "page": 501}),
    ],
}


@pytest.fixture(scope="module")
def schema() -> dict:
    """The schema the code generates, as plain JSON data."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated, renderer_context={}))


@pytest.fixture(scope="module")
def openapi(schema) -> OpenAPI:
    return OpenAPI.from_dict(schema)


def test_every_documented_status_of_every_endpoint_is_asked_for(schema):
    documented = {
        (path, int(status))
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for status in operation["responses"]
    }
    assert all(method == "get" for item in schema["paths"].values() for method in item)
    assert documented == set(CASES)


@pytest.fixture
def page_cache(settings):
    """The cache as production keeps it (tests/settings.py turns it off), for the 304s."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROLLUP_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def resolve(schema: dict, node: dict) -> dict:
    """A schema with its `$ref` and single `allOf` followed."""
    while True:
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        elif "allOf" in node:
            node = node["allOf"][0]
        else:
            return node


def property_errors(schema: dict, node: dict, data, *, sparse: bool, where="body") -> list:
    """Properties the schema does not list (and, unless `sparse`, properties it lists
    that are missing), anywhere in `data`."""
    node = resolve(schema, node)
    errors = []
    if isinstance(data, list) and "items" in node:
        for i, item in enumerate(data):
            errors += property_errors(
                schema, node["items"], item, sparse=sparse, where=f"{where}[{i}]"
            )
    elif isinstance(data, dict) and "properties" in node:
        listed = node["properties"]
        errors += [f"{where}.{key}: not in the schema" for key in data if key not in listed]
        if not sparse:
            errors += [f"{where}.{key}: missing" for key in listed if key not in data]
        for key, value in data.items():
            if key in listed:
                errors += property_errors(
                    schema, listed[key], value, sparse=sparse, where=f"{where}.{key}"
                )
    return errors


def ask(client, url, params):
    if params is not None:
        return client.get(url, params)
    first = client.get(url)
    assert first.status_code == 200, url
    return client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])


@pytest.mark.parametrize(
    ("path", "status", "index"),
    [(path, status, i) for (path, status), cases in CASES.items() for i in range(len(cases))],
)
def test_every_answer_validates_against_the_schema(
    request, schema, openapi, newsroom, path, status, index
):
    rebuild()  # the search index, for the search's cases
    url, params = CASES[path, status][index](newsroom)
    if params is None:
        request.getfixturevalue("page_cache")
    response = ask(Client(), url, params)
    assert response.status_code == status, (url, params, response.content[:300])
    openapi.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    content = schema["paths"][path]["get"]["responses"][str(status)].get("content")
    if content is None:
        assert response.content == b""
        return
    body = response.json()
    if isinstance(body, dict) and "results" in body and body.get("query") != NOTHING:
        assert body["results"], "a list case must print at least one item"
    sparse = bool(params and params.get("fields"))
    node = content["application/json"]["schema"]
    assert property_errors(schema, node, body, sparse=sparse) == []
