"""Milliseconds per request of reader pages in-process, steadier than req/s through gunicorn.

    .venv/bin/python bench/inprocess.py / /unions/gong-hui-2/
    PAGE_CACHE_SECONDS=0 REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/inprocess.py /
    .venv/bin/python /path/to/other/checkout/bench/inprocess.py /   # the same, older code

Django's test client on the archive `bench/public_pages.py` built (`unionsite_bench`) with
bench.settings; the cache and roll-ups as the environment sets them, as in that script.
Each page is warmed up, then requested 5 × 100 times; the median of the five rounds is
printed. The code measured is the checkout this file is in, so running it from a git
worktree of an older commit, in turns with this one, compares the two on a noisy machine.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/unionsite_bench"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100, help="per round")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client()
    for path in args.paths:
        for _ in range(10):
            if client.get(path).status_code != 200:
                sys.exit(f"{path} did not answer 200")
        rounds = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            for _ in range(args.requests):
                client.get(path)
            rounds.append((time.perf_counter() - started) / args.requests * 1000)
        print(f"{path}: {statistics.median(rounds):.2f} ms per request ({REPO.name})")


if __name__ == "__main__":
    main()
