"""The caches the tests of the readers' page cache run against: what it keeps (pages,
roll-ups, list entries), a Redis server of the test's own that can be stopped, a cache
that is down."""

import shutil
import socket
import subprocess

import pytest
from django.core.cache import cache

from articles.pagecache import fragments

# What the cache keeps for readers, by name. A module picks one for all its tests with
# `pytest.mark.parametrize("reader_cache", ["rollups"], indirect=True)`; "pages" otherwise.
READER_CACHES = {
    # Pages kept whole, and the roll-ups of pages the cache does not hold: production.
    "pages": {"PAGE_CACHE_SECONDS": 600, "ROLLUP_CACHE_SECONDS": 600},
    # Pages rendered every time, their roll-ups kept: an uncached page.
    "rollups": {"PAGE_CACHE_SECONDS": 0, "ROLLUP_CACHE_SECONDS": 600},
    # The same, in a per-process cache with room for story-list entries (`fragments.has_room`).
    "entries": {
        "PAGE_CACHE_SECONDS": 0,
        "ROLLUP_CACHE_SECONDS": 600,
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": fragments.MIN_LOCAL_ENTRIES},
            }
        },
    },
}


@pytest.fixture(autouse=True)
def reader_cache(request, settings):
    """An empty cache keeping what `READER_CACHES` names, emptied again after the test."""
    for name, value in READER_CACHES[getattr(request, "param", "pages")].items():
        setattr(settings, name, value)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cache_down(reader_cache, settings):
    """A Redis cache nobody answers for."""
    original = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "unionsite.cache.KeptClientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield
    settings.CACHES = original  # before `reader_cache` empties the cache


@pytest.fixture
def redis_server():
    """A Redis server of the test's own: its port, the processes started, and `start()`
    for another one on the same port (an empty Redis coming back)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    def start():
        process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        # The server logs when it listens: read up to that line rather than poll the port.
        # Its log ends (the pipe closes) if it could not start.
        for line in process.stdout:
            if "Ready to accept connections" in line:
                return process
        process.wait(timeout=10)
        raise RuntimeError("redis-server did not start")

    servers = [start()]
    yield port, servers, start
    for process in servers:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def redis_cache(reader_cache, settings, redis_server):
    """The cache in that Redis server: the servers started and `start()`."""
    port, servers, start = redis_server
    original = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "unionsite.cache.KeptClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield servers, start
    settings.CACHES = original  # before the server goes: nothing talks to it after
