"""Settings come from the environment and refuse to boot when a required one is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each test boots Django in a fresh Python process (~1 s).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def run(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="unionsite.settings")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def boot(**env) -> subprocess.CompletedProcess:
    return run(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.TIME_ZONE, settings.LANGUAGE_CODE, "
        "settings.DATABASES['default']['ENGINE'])",
        **env,
    )


def test_the_server_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run("import unionsite.wsgi", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_server_starts_with_a_secret_key():
    result = run("import unionsite.wsgi", SECRET_KEY="x", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr


def test_management_commands_that_sign_nothing_run_without_a_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
        | {"DATABASE_URL": "sqlite:///:memory:", "DJANGO_SETTINGS_MODULE": "unionsite.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_set():
    result = boot(SECRET_KEY="x", DATABASE_URL="sqlite:///:memory:")
    assert result.stdout.split() == [
        "False",
        "Asia/Shanghai",
        "zh-hans",
        "django.db.backends.sqlite3",
    ]


def test_a_malformed_debug_value_stops_the_boot():
    result = boot(SECRET_KEY="x", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_database_url_selects_postgresql():
    result = boot(SECRET_KEY="x", DATABASE_URL="postgres://postgres@127.0.0.1:5432/unionsite")
    assert result.stdout.split()[-1] == "django.db.backends.postgresql"
