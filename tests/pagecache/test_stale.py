"""Readers through a database outage: a page the cache held comes back (its last copy,
marked stale) and a page it never held gets the 503 at once; the circuit breaker lets
no request wait for the database again until its time is up, then service resumes."""

import pytest
from django.db import OperationalError

from articles.pagecache import tags
from articles.safety import outage
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def breaker(monkeypatch):
    """The breaker closed, on a clock the test moves."""
    now = [1000.0]
    monkeypatch.setattr(outage, "_now", lambda: now[0])
    outage.reset()
    yield now
    outage.reset()


@pytest.fixture
def story():
    return make_article("西城区总工会送温暖")


@pytest.fixture
def client(client):
    # The database errors reach handler500 (the 503 page), as in production.
    client.raise_request_exception = False
    return client


def test_a_page_the_cache_held_comes_back_stale_while_the_database_is_down(
    client, story, database_down_later
):
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200  # rendered, kept
    tags.bump([tags.STORIES])  # a publish since: the kept copy is no longer current

    tries = database_down_later()
    response = client.get(url)

    assert response.status_code == 200
    assert response["X-Page-Stale"] == "1"
    assert response["Cache-Control"] == "no-cache"  # no proxy keeps it
    assert "西城区总工会送温暖" in response.content.decode()
    assert tries  # it tried the database once, and found it down


def test_a_page_the_cache_never_held_gets_the_503_and_nobody_waits_again(
    client, story, database_down_later, breaker, settings
):
    tries = database_down_later()
    first = client.get("/archive/")
    assert first.status_code == 503
    assert "数据库暂时无法连接" in first.content.decode()
    assert first["Retry-After"] == "30"
    tried = len(tries)

    # The breaker is open: the next requests do not try the database at all.
    for path in ("/archive/", story.get_absolute_url(), "/admin/"):
        assert client.get(path).status_code == 503
    assert len(tries) == tried

    # Its time up, one check runs in the background; the request does not wait for it.
    breaker[0] += settings.DB_RETRY_SECONDS + 0.1
    assert client.get("/archive/").status_code == 503
    outage.wait_for_check()
    assert len(tries) > tried  # the check asked, found it down: the breaker stays open
    assert client.get("/archive/").status_code == 503


def test_service_resumes_by_itself_when_the_database_is_back(
    client, story, database_outage, breaker, settings
):
    database_outage.start()
    assert client.get("/archive/").status_code == 503
    database_outage.end()  # the database is back
    breaker[0] += settings.DB_RETRY_SECONDS + 0.1
    assert client.get("/archive/").status_code == 503  # the check runs meanwhile
    outage.wait_for_check()
    assert client.get("/archive/").status_code == 200


def test_a_served_page_lets_a_proxy_keep_its_copy_on_error(client, story, settings):
    response = client.get(story.get_absolute_url())
    assert f"stale-if-error={settings.PAGE_STALE_SECONDS}" in response["Cache-Control"]


class Outage:
    """The database down from `start()` until `end()`; `tries` counts what reached it."""

    def __init__(self):
        self.tries = []
        self.patch = pytest.MonkeyPatch()

    def start(self) -> list:
        from django.db.backends.utils import CursorWrapper

        def refuse(wrapper, *args, **kwargs):
            self.tries.append(args[0] if args else "")
            raise OperationalError("connection to server at 127.0.0.1 failed: refused")

        self.patch.setattr(CursorWrapper, "execute", refuse)
        self.patch.setattr(CursorWrapper, "executemany", refuse)
        return self.tries

    def end(self) -> None:
        self.patch.undo()


@pytest.fixture
def database_down_later():
    """Call it to take the database down from then on (until the test ends)."""
    outage_ = Outage()
    yield outage_.start
    outage.wait_for_check()
    outage_.end()


@pytest.fixture
def database_outage():
    outage_ = Outage()
    yield outage_
    outage.wait_for_check()
    outage_.end()


def test_healthz_still_asks_the_database_while_the_breaker_is_open(client, database_down_later):
    tries = database_down_later()
    assert client.get("/archive/").status_code == 503
    tried = len(tries)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "down"
    assert len(tries) > tried
