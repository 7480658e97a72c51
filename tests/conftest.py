import datetime
import os

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still
# be usable from that thread in e2e tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

# Property tests search at random on a developer's machine, where a new failing example is
# news; in CI they replay one fixed, derandomized search, so a run is decided by the code
# alone. A failure found either way is kept as an explicit @example.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("dev")
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _database_breaker_closed():
    """A test that shows a database error trips the process's circuit breaker
    (articles/safety/outage.py); the next test starts with it closed."""
    from articles.safety import outage

    yield
    outage.reset()


@pytest.fixture
def unions_and_topics():
    """The demo's unions, topics and columns without its page: a page to import."""
    from articles.demo.loader import load_demo
    from articles.models import Article, PageImport, PrintPage

    load_demo()
    Article.objects.all().delete()
    PageImport.objects.all().delete()
    PrintPage.objects.all().delete()


class Clock:
    """The time the code reads (`timezone.now()`), standing still until moved."""

    def __init__(self, now: datetime.datetime):
        self.now = now

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, **delta) -> None:
        """Move the time on, e.g. `advance(seconds=2)`: what waits for it is due at once."""
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """Time that moves only when the test says so: every rule reads `timezone.now()` (the
    visibility rule, the schedule, the page cache's lifetimes), so a test moves the clock
    instead of sleeping. It stands at the real time the test began."""
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="chief", email="chief@example.com", password="pw-chief-123"
    )


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def _close_live_server_connections(django_db_setup, django_db_blocker):
    yield
    # A live-server request thread that served Chromium's last keep-alive connection can
    # still hold its PostgreSQL session when the suite ends, and the test database then
    # cannot be dropped ("accessed by other users"). End such sessions first.
    # Only ever in the suite's own database: a run with no database test never made one,
    # and the configured name is then a real database other sessions use.
    name = connection.settings_dict["NAME"] or ""
    if connection.vendor != "postgresql" or not name.startswith("test_"):
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def points_table(db):
    """The 考核's points table and policy as migration 0002 leaves them: a transactional
    test before this one (a live server's) flushed every table, data migrations' rows
    included."""
    from articles.scoring.models import DEFAULT_RULES, PointsRule, ScoringPolicy

    for (kind_group, placement), (points, fee) in DEFAULT_RULES.items():
        PointsRule.objects.get_or_create(
            kind_group=kind_group, placement=placement, defaults={"points": points, "fee": fee}
        )
    ScoringPolicy.objects.get_or_create(pk=1)
