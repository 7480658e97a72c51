"""Settings for the test suite: production settings with test-only keys and speed-ups."""

import os

# Tests run with DEBUG off, as production does; settings demand a key then.
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from unionsite.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
