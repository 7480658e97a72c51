"""Logins: throttled per address, never per username from anywhere (django-axes), tries
during a lockout not extending it, the demo password refused in production, lockouts
listed in the admin."""

import axes.attempts
import axes.handlers.proxy
import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.safety.auth import DEMO_PASSWORD
from articles.safety.net import client_ip

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "right-password-123"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


ATTACKER = "203.0.113.66"
NEWSROOM = "198.51.100.2"


@pytest.fixture
def axes_clock(clock, monkeypatch):
    """The test's clock for django-axes too, which imported `now` for itself: the time of
    each try and the start of the cool-off window are read from it."""
    monkeypatch.setattr(axes.attempts, "now", clock)
    monkeypatch.setattr(axes.handlers.proxy, "now", clock)
    return clock


def test_ten_wrong_passwords_lock_the_address_even_for_the_right_one(editor):
    client = Client()
    for _ in range(9):
        assert log_in(client, "editor", "wrong").status_code == 200
    locked = log_in(client, "editor", "wrong")
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()

    # From that address the right password does not help, for this username or another.
    assert log_in(Client(), "editor", PASSWORD).status_code == 429
    assert log_in(Client(), "someone-else", "whatever").status_code == 429
    assert AccessAttempt.objects.filter(username="editor").exists()


def test_thirty_failures_on_an_editors_name_do_not_lock_the_editor_out(editor):
    attacker = Client()
    answers = [log_in(attacker, "editor", "wrong", ATTACKER).status_code for _ in range(30)]
    assert answers == [200] * 9 + [429] * 21

    # The editor, at the newsroom's address, gets in with the right password.
    assert logged_in(log_in(Client(), "editor", PASSWORD, NEWSROOM))
    # The attacker's address stays locked, for the editor's name and any other.
    assert log_in(attacker, "editor", PASSWORD, ATTACKER).status_code == 429
    assert log_in(Client(), "chief", "guess", ATTACKER).status_code == 429
    # Only the tries before the lock were counted.
    attempt = AccessAttempt.objects.get(ip_address=ATTACKER)
    assert attempt.failures_since_start == 10


def test_the_lockout_ends_after_the_cool_off(editor, axes_clock):
    client = Client()
    for _ in range(10):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 429
    axes_clock.advance(minutes=14, seconds=59)
    assert log_in(client, "editor", PASSWORD).status_code == 429
    axes_clock.advance(seconds=2)  # fifteen minutes after the failure that locked it
    assert logged_in(log_in(Client(), "editor", PASSWORD))


def test_tries_during_a_lockout_do_not_extend_it(editor, axes_clock):
    attacker = Client()
    for _ in range(10):
        log_in(attacker, "editor", "wrong", ATTACKER)
    # The attacker keeps trying all through the cool-off, once a minute.
    for _ in range(14):
        axes_clock.advance(minutes=1)
        assert log_in(attacker, "editor", "wrong", ATTACKER).status_code == 429
    axes_clock.advance(minutes=1, seconds=1)
    # Fifteen minutes after the lock began it is over, for the editor at that address too.
    assert logged_in(log_in(Client(), "editor", PASSWORD, ATTACKER))


def test_one_address_trying_many_users_is_locked_out_too(editor, django_user_model):
    client = Client()
    for n in range(10):
        log_in(client, f"guess{n}", "wrong", address="192.0.2.9")
    assert log_in(client, "editor", PASSWORD, address="192.0.2.9").status_code == 429
    assert logged_in(log_in(Client(), "editor", PASSWORD, address="192.0.2.10"))


def test_the_demo_password_is_refused_unless_debug(django_user_model, settings):
    django_user_model.objects.create_user("admin", password=DEMO_PASSWORD, is_staff=True)
    settings.DEBUG = False
    refused = log_in(Client(), "admin", DEMO_PASSWORD)
    assert refused.status_code == 200 and not logged_in(refused)
    settings.DEBUG = True
    assert logged_in(log_in(Client(), "admin", DEMO_PASSWORD))


def test_lockouts_are_listed_in_the_admin(editor, superuser_client):
    client = Client()
    for _ in range(10):
        log_in(client, "editor", "wrong")
    response = superuser_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "editor" in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "1.2.3.4", "203.0.113.7"),  # no proxy: the header is ignored
        (1, "10.0.0.2", "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # nginx appended the client
        (1, "10.0.0.2", "", "10.0.0.2"),  # header missing: the proxy itself
        (2, "10.0.0.2", "5.6.7.8, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
