"""The production profile's settings: object storage, sessions and logs from the environment."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

# Most tests boot the production profile in a fresh Python process (~1 s each).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_SETTINGS_MODULE": "unionsite.settings",
}
S3 = {
    "S3_BUCKET": "media",
    "S3_ENDPOINT_URL": "http://127.0.0.1:8333",
    "S3_ACCESS_KEY_ID": "key",
    "S3_SECRET_ACCESS_KEY": "secret",
    "MEDIA_URL": "https://news.example.org/media/",
}


def run(code: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("S3_", "AWS_", "REDIS_", "LOG_", "MEDIA_"))
        and k not in {"DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=clean | PRODUCTION | env,
        capture_output=True,
        text=True,
    )


def test_without_s3_media_stay_on_the_local_disk():
    result = run(
        "from django.core.files.storage import default_storage as s\n"
        "from django.conf import settings\n"
        "print(settings.STORAGES['default']['BACKEND'], settings.SESSION_ENGINE)\n"
        "print(s.url('photos/a.jpg'))"
    )
    assert result.returncode == 0, result.stderr
    backend, url = result.stdout.splitlines()
    assert backend.split() == [
        "django.core.files.storage.FileSystemStorage",
        "django.contrib.sessions.backends.db",
    ]
    assert url == "/media/photos/a.jpg"


def test_s3_settings_put_media_in_the_bucket_served_unsigned_at_media_url():
    pytest.importorskip("storages", reason='needs pip install ".[production]"')
    result = run(
        "from django.core.files.storage import default_storage as s\n"
        "from django.conf import settings\n"
        "s._setup()\n"
        "w = s._wrapped\n"
        "print(type(w).__name__, w.bucket_name, w.endpoint_url, w.addressing_style)\n"
        "print(s.url('photos/ab/c d.jpg'))\n"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        **S3,
    )
    assert result.returncode == 0, result.stderr
    storage, url, img_src = result.stdout.splitlines()
    assert storage.split() == ["S3Storage", "media", "http://127.0.0.1:8333", "path"]
    # No signature in the query string: a CDN or nginx can keep one copy for everyone.
    assert url == "https://news.example.org/media/photos/ab/c%20d.jpg"
    assert "https://news.example.org" in img_src


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"S3_ADDRESSING_STYLE": "sideways"}, "S3_ADDRESSING_STYLE must be path"),
        ({"MEDIA_URL": "/media/"}, "MEDIA_URL must be an absolute http(s) URL"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be text or json"),
    ],
)
def test_a_wrong_production_value_stops_the_boot(env, message):
    pytest.importorskip("storages", reason='needs pip install ".[production]"')
    result = run("", **(S3 | env))
    assert result.returncode != 0
    assert message in result.stderr


def test_with_redis_sessions_are_read_from_the_cache_and_kept_in_the_database():
    result = run(
        "from django.conf import settings; print(settings.SESSION_ENGINE)",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.strip() == "unionsite.sessions"


def test_json_logs_are_one_object_per_line_on_stdout():
    result = run(
        "import logging\n"
        "logging.getLogger('articles.pagecache').warning('页面缓存不可用 %s', 3)\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').exception('失败')",
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["level"], e["logger"], e["message"]) for e in lines] == [
        ("WARNING", "articles.pagecache", "页面缓存不可用 3"),
        ("ERROR", "django.request", "失败"),
    ]
    assert "ZeroDivisionError" in lines[1]["exception"]
    assert result.stderr == ""


def test_gunicorn_access_lines_become_fields():
    import logging

    from unionsite.logs import JsonFormatter

    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(r)s", None, None
    )
    record.args = {
        "h": "127.0.0.1",
        "m": "GET",
        "U": "/",
        "q": "",
        "s": "200",
        "D": 1234,
        "r": "GET /",
    }
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "127.0.0.1 GET /"
    assert (entry["method"], entry["path"], entry["status"], entry["duration_us"]) == (
        "GET",
        "/",
        "200",
        1234,
    )


def test_the_whole_production_profile_passes_the_deployment_checklist():
    pytest.importorskip("storages", reason='needs pip install ".[production]"')
    # The suite's own DJANGO_ALLOW_ASYNC_UNSAFE (for the browser tests) is not production.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= S3 | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "sqlite:///:memory:",
        "DJANGO_SETTINGS_MODULE": "unionsite.settings",
        "ALLOWED_HOSTS": "news.example.org",
        "SITE_URL": "https://news.example.org",
        "BEHIND_PROXY": "1",
        "TRUSTED_PROXY_COUNT": "1",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "LOG_FORMAT": "json",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
