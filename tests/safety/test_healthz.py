"""/healthz: up or down for anyone, why only for staff and for the machine itself."""

import pytest
from django.db import OperationalError
from django.test import Client

from articles.safety import views

pytestmark = pytest.mark.django_db

ELSEWHERE = "203.0.113.7"
# What psycopg says when the database is gone: its host and port, not for everyone.
REFUSED = 'connection to server at "db.internal" (10.0.0.9), port 5432 failed'


@pytest.fixture
def database_down(monkeypatch):
    def refused():
        raise OperationalError(REFUSED)

    monkeypatch.setattr(views.connection, "cursor", refused)


@pytest.fixture
def cache_down(monkeypatch):
    class Refusing:
        def set(self, *args, **kwargs):
            raise ConnectionError("Error 111 connecting to cache.internal:6379")

    monkeypatch.setattr(views, "cache", Refusing())


def healthz(client=None, **meta):
    return (client or Client()).get("/healthz", **meta)


def test_it_tells_anyone_up_and_nothing_more():
    response = healthz(REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_tells_anyone_down_but_not_why(database_down):
    response = healthz(REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 503
    assert response.json() == {"status": "down"}
    assert b"10.0.0.9" not in response.content


def test_a_cache_that_is_down_is_down_too_and_says_nothing_more(cache_down):
    response = healthz(REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_the_machine_itself_is_told_why(database_down, address):
    response = healthz(REMOTE_ADDR=address)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down" and body["cache"] == "ok"
    assert body["database"] == f"error: OperationalError: {REFUSED}"


def test_the_machine_itself_is_told_all_is_well():
    assert healthz(REMOTE_ADDR="127.0.0.1").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }


@pytest.mark.parametrize(
    ("remote", "forwarded"),
    [
        # A reader through nginx on the same machine: loopback, with the header nginx sets.
        ("127.0.0.1", ELSEWHERE),
        # A reader claiming to be the machine itself.
        (ELSEWHERE, "127.0.0.1"),
        ("10.0.0.2", "::1"),
    ],
)
def test_x_forwarded_for_never_makes_a_request_local(database_down, settings, remote, forwarded):
    for proxies in (0, 1):
        settings.TRUSTED_PROXY_COUNT = proxies
        response = healthz(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
        assert response.status_code == 503
        assert response.json() == {"status": "down"}, (remote, forwarded, proxies)


def test_staff_are_told_why_from_anywhere(cache_down, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    response = healthz(client, REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 503
    assert response.json() == {
        "status": "down",
        "database": "ok",
        "cache": "error: ConnectionError",
    }


def test_a_user_who_is_not_staff_is_told_nothing_more(cache_down, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("reader"))
    response = healthz(client, REMOTE_ADDR=ELSEWHERE)
    assert response.json() == {"status": "down"}


def test_staff_whose_session_cannot_be_read_get_up_or_down(request, django_user_model):
    """With the database down the session and the user cannot be read: no 500, and the
    answer a stranger gets."""
    client = Client()
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    request.getfixturevalue("database_down")
    response = healthz(client, REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 503
    assert response.json() == {"status": "down"}
