"""Settings for the test suite: production settings with test-only keys and speed-ups."""

import os

# Tests run with DEBUG off, as production does; settings demand a key then.
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from unionsite.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process has a cache of its own, never the quick start's files under var/ that
# another run (or a developer's server) shares; tests of the page cache set theirs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache is off by default: most tests change content between requests inside a
# transaction that never commits, so no invalidation would ever run. tests/pagecache/
# turns it on and commits for real (django_capture_on_commit_callbacks).
PAGE_CACHE_SECONDS = 0
# Roll-ups (a union's figures, the header's topics) likewise; tests/pagecache/ turns them on.
ROLLUP_CACHE_SECONDS = 0
# The content API's rate limit likewise: a test walking every endpoint sends hundreds of
# requests from one address; tests/api/test_limits.py turns it on.
API_RATE_LIMIT = 0
