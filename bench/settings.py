"""Settings for the benchmark: the production settings on the bench database, with the
bench's own URLs (the site plus a bare view to compare against). DEBUG stays off."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

from unionsite.settings import *  # noqa: F403
from unionsite.settings import TEMPLATES

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

# bench/public_pages.py writes the bare view's template (a copy of the rendered front
# page, so both responses are the same size) into this folder.
if os.environ.get("BENCH_TEMPLATE_DIR"):
    TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(os.environ["BENCH_TEMPLATE_DIR"])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
