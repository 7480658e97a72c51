"""The quick start's SQLite with several editors: two saves of one story at the same
moment, on a file database (the test suite's own SQLite is in memory), 20 rounds. The
first saves; the second waits for the first's write lock (IMMEDIATE transactions, the
busy timeout, the write-ahead journal: unionsite/settings.py) and then gets the
conflict form (articles/workflow/locking.py), never the 503 "database is locked".

The rounds run in a Python process of their own, pointed at a fresh database file, with
one thread (and so one SQLite connection) per editor. PostgreSQL's lost-update tests are
tests/workflow/test_lost_update.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
ROUNDS = 20
CONFLICT = "保存未成功"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.both_databases,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="about the quick start's SQLite",
    ),
]


def test_the_second_of_two_simultaneous_saves_gets_the_conflict_form(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'writers.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    finished = subprocess.run(
        [sys.executable, "-c", "from tests.workflow.test_sqlite_writers import main; main()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    rounds = json.loads(finished.stdout.strip().splitlines()[-1])
    assert rounds["journal_mode"] == "wal"
    assert len(rounds["rounds"]) == ROUNDS
    for number, outcome in enumerate(rounds["rounds"]):
        statuses = sorted(status for status, _ in outcome["saves"])
        assert statuses == [200, 302], f"round {number}: {outcome}"
        (refused,) = [conflict for status, conflict in outcome["saves"] if status == 200]
        assert refused, f"round {number}: the refused save has no conflict message"
        assert outcome["stored"] == outcome["winner"], f"round {number}: {outcome}"


def main() -> None:
    """The rounds, in the process the test starts; prints what happened as JSON."""
    import threading

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from articles.models import Article, ArticleStatus
    from tests.factories import admin_change_data, make_article

    setup_test_environment()  # response.context, which admin_change_data reads
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        (journal_mode,) = cursor.fetchone()
    user_model = get_user_model()
    clients = []
    for name in ("editor_one", "editor_two"):
        client = Client(raise_request_exception=False)
        client.force_login(user_model.objects.create_superuser(name, f"{name}@example.com", "pw"))
        clients.append(client)
    story = make_article("两位编辑同时保存的稿件", status=ArticleStatus.DRAFT)
    url = reverse("admin:articles_article_change", args=[story.pk])
    connection.close()

    rounds = []
    for number in range(ROUNDS):
        titles = [f"第{number + 1}轮 编辑{n + 1}的标题" for n in range(2)]
        forms = [admin_change_data(c, url, title=t) for c, t in zip(clients, titles, strict=True)]
        connection.close()
        start = threading.Barrier(2)
        saves = [None, None]

        def save(n: int, forms=forms, start=start, saves=saves) -> None:
            start.wait()
            response = clients[n].post(url, forms[n])
            saves[n] = (response.status_code, CONFLICT in response.content.decode())
            connection.close()  # this thread's own connection

        threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [t for t, (status, _) in zip(titles, saves, strict=True) if status == 302]
        rounds.append(
            {
                "saves": saves,
                "winner": winners[0] if len(winners) == 1 else None,
                "stored": Article.objects.get(pk=story.pk).title,
            }
        )
    print(json.dumps({"journal_mode": journal_mode, "rounds": rounds}))
