"""Without Redis, ten app processes keep pages in one cache (files on this machine): a
story published from a console is on every process's next page.

A real gunicorn with ten workers on a SQLite site of its own; the publish comes from
another process (`manage.py shell`), as an editor's would from another worker.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 10
TITLE = "十个进程都看得到的新稿"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def site(tmp_path):
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed (make cluster-deps)")
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "unionsite.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECRET_KEY": "processes-test-only-secret-key-that-is-long-enough-123456",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PAGE_CACHE_SECONDS": "600",
        "ROLLUP_CACHE_SECONDS": "600",
    }

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
        )

    manage("migrate", "--noinput")
    manage("load_demo")
    server = subprocess.Popen(
        [str(GUNICORN), "unionsite.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)  # polling for the server's start, not for a rule's time
        yield url, manage
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)


def front_pages(url: str, count: int) -> list[str]:
    # The test's own server on 127.0.0.1.
    return [urllib.request.urlopen(url, timeout=10).read().decode() for _ in range(count)]  # noqa: S310


def test_a_publish_is_on_every_processs_next_page(site):
    url, manage = site
    # Every worker serves (and the cache keeps) the front page before the publish.
    assert not any(TITLE in html for html in front_pages(url, 4 * WORKERS))

    manage(
        "shell",
        "-c",
        "from django.utils import timezone; from articles.models import Article; "
        f"Article.objects.create(title='{TITLE}', body='正文。', status='published', "
        "published_at=timezone.now())",
    )

    pages = front_pages(url, 4 * WORKERS)
    assert all(TITLE in html for html in pages), sum(TITLE not in html for html in pages)
