"""What every endpoint answers whatever is asked: JSON only, read-only, the same for an
editor as for an app, a JSON 404 for any other address under /api/v1/."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.api.serializers import RenditionSetSerializer
from articles.photos import renditions

pytestmark = pytest.mark.django_db

LIST = reverse("api:story-list")


def test_json_whatever_the_accept_header_says(newsroom):
    for accept in ("text/html", "application/xml", "*/*", "application/json"):
        response = Client().get(LIST, HTTP_ACCEPT=accept)
        assert response.status_code == 200, accept
        assert response["Content-Type"] == "application/json", accept
    assert Client().get(LIST, {"format": "api"})["Content-Type"] == "application/json"


def test_chinese_is_sent_as_is_not_escaped(newsroom):
    assert "送温暖" in Client().get(LIST).content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_nothing_but_reading(newsroom, method):
    response = getattr(Client(), method)(LIST)
    assert response.status_code == 405
    assert response.json()["detail"] == f"方法 “{method.upper()}” 不被允许。"


def test_head_answers_like_get_without_a_body(newsroom):
    response = Client().head(LIST)
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/articles/", "/api/v1/stories/1/extra/", "/api/v1/admin/"]
)
def test_any_other_address_is_a_json_404(db, url):
    response = Client().get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "没有这个接口。"}


def test_an_address_without_its_slash_is_sent_to_it(db):
    response = Client().get("/api/v1/stories")
    assert response.status_code == 301 and response["Location"] == "/api/v1/stories/"


def test_an_editor_gets_what_an_app_gets(newsroom, superuser_client):
    editor = superuser_client.get(LIST).json()
    assert editor == Client().get(LIST).json()
    draft = reverse("api:story-detail", kwargs={"pk": newsroom.hidden["draft"].pk})
    assert superuser_client.get(draft).status_code == 404


def test_photos_list_every_format_the_photo_desk_makes():
    assert tuple(RenditionSetSerializer().fields) == tuple(renditions.FORMATS)
