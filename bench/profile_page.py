"""Where an uncached reader page spends its time, in-process, on the bench archive.

    .venv/bin/python bench/profile_page.py /                      # front page
    .venv/bin/python bench/profile_page.py /topics/song-wen-nuan/ --top 40
    .venv/bin/python bench/profile_page.py / --queries            # every query, with its ms

Runs against the archive `bench/public_pages.py` built (`unionsite_bench`, see
--database-url) with the page cache off: it warms the page up, then renders it --rounds
times under cProfile and prints the queries of one request (count and milliseconds) and the
functions that took the most cumulative time. Use it to decide what to trim; the figures
that count are the req/s ratios of bench/public_pages.py.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/unionsite_bench"
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--queries", action="store_true", help="print every query")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    response = client.get(args.path)
    if response.status_code != 200:
        sys.exit(f"{args.path} answered {response.status_code}")

    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    total_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    print(f"{args.path}: {len(captured)} queries, {total_ms:.1f} ms in the database")
    if args.queries:
        for query in captured.captured_queries:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
    reset_queries()

    started = time.perf_counter()
    for _ in range(args.rounds):
        client.get(args.path)
    per_request = (time.perf_counter() - started) / args.rounds * 1000
    print(f"{per_request:.1f} ms per request without the profiler ({args.rounds} rounds)")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.rounds):
        client.get(args.path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(args.top)


if __name__ == "__main__":
    main()
