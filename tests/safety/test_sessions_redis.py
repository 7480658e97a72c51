"""Cache down is not admin down: three editors logged in through the admin keep saving
stories while a real redis-server under their sessions is stopped and started again,
nobody is logged out, and once Redis is back their sessions are kept in it again."""

import itertools
import logging

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import article_admin_form

# A redis-server of the test's own, and the newsroom's personas.
from tests.pagecache.conftest import redis_server  # noqa: F401
from tests.workflow.conftest import PASSWORD, newsroom, roles  # noqa: F401

# Commits for real: the page cache's invalidation runs on commit, as in production.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

EDITORS = ("reporter", "editor", "chief")
ADMIN = reverse("admin:index")
LOGIN = reverse("admin:login")
ADD = reverse("admin:articles_article_add")
TITLES = itertools.count(1)


@pytest.fixture
def redis_sessions(settings, redis_server):  # noqa: F811
    """Sessions as production keeps them: in that Redis server and the database."""
    port, servers, start = redis_server
    settings.CACHES = {
        "default": {
            "BACKEND": "unionsite.cache.KeptClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "unionsite.sessions"
    yield servers, start
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def editors(newsroom):  # noqa: F811 - the workflow's personas, imported above
    """The reporter's, the editor's and the chief editor's usernames."""
    return [newsroom[name].username for name in EDITORS]


class Desk:
    """An editor at work through the admin, every answer they got kept."""

    def __init__(self, username: str):
        self.username = username
        self.client = Client()
        self.statuses: list[int] = []
        self.saved = 0

    def answer(self, response):
        self.statuses.append(response.status_code)
        return response

    def log_in(self):
        response = self.answer(
            self.client.post(
                LOGIN, {"username": self.username, "password": PASSWORD, "next": ADMIN}
            )
        )
        assert response.status_code == 302 and response["Location"] == ADMIN, self.username

    def still_logged_in(self) -> bool:
        return self.answer(self.client.get(ADMIN)).status_code == 200

    def save_a_story(self):
        """A new story, then a change to it: two saves through the admin's forms."""
        self.saved += 1
        title = f"{self.username}的第{next(TITLES)}篇稿"
        added = self.answer(self.client.post(ADD, article_admin_form(title=title)))
        assert added.status_code == 302, (self.username, added.status_code)
        article = Article.objects.get(title=title)
        change = reverse("admin:articles_article_change", args=[article.pk])
        changed = self.answer(
            self.client.post(
                change,
                article_admin_form(
                    title=title, body="改过的正文。", version=article.version, dateline="本报讯"
                ),
            )
        )
        assert changed.status_code == 302, (self.username, changed.status_code)
        article.refresh_from_db()
        assert article.body == "改过的正文。"

    def session_in_cache(self) -> bool:
        return cache.get(KEY_PREFIX + self.client.session.session_key) is not None


def test_editors_keep_working_while_redis_is_stopped_and_started(redis_sessions, editors, caplog):
    servers, start = redis_sessions
    desks = [Desk(username) for username in editors]
    for desk in desks:
        desk.log_in()
        desk.save_a_story()
        assert desk.session_in_cache()

    servers[0].terminate()
    servers[0].wait(timeout=10)
    with caplog.at_level(logging.WARNING, logger="unionsite.sessions"):
        for _ in range(2):
            for desk in desks:
                assert desk.still_logged_in(), desk.username
                desk.save_a_story()
        # A login while Redis is down works too (a new session key, in the database).
        late = Desk(editors[-1])  # the chief editor, on a second computer
        late.log_in()
        assert late.still_logged_in()
        desks.append(late)
    assert "session cache unreachable" in caplog.text

    servers.append(start())  # an empty Redis on the same port
    for desk in desks:
        assert desk.still_logged_in(), desk.username
        assert desk.session_in_cache(), desk.username  # copied back from the database
        desk.save_a_story()

    statuses = [status for desk in desks for status in desk.statuses]
    assert 500 not in statuses
    assert set(statuses) == {200, 302}
    assert Article.objects.count() == sum(desk.saved for desk in desks)


def test_logging_out_while_redis_is_down_ends_the_session(redis_sessions, editors):
    servers, _ = redis_sessions
    desk = Desk(editors[1])
    desk.log_in()
    servers[0].terminate()
    servers[0].wait(timeout=10)
    assert desk.answer(desk.client.post(reverse("admin:logout"))).status_code == 200
    after = desk.client.get(ADMIN)
    assert after.status_code == 302 and after["Location"].startswith(LOGIN)
