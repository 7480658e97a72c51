"""Publish while a wave of readers loads the front page: no errors, every publish visible
on the next request.

    .venv/bin/python bench/public_pages.py          # once: builds the 100k archive
    .venv/bin/python bench/publish_under_load.py    # 64 readers, 30 s, a publish every 2 s

Uses the archive `bench/public_pages.py` left in `unionsite_bench`, starts gunicorn (2 sync
workers) with the page cache in Redis (REDIS_URL, default db 3 of the local server), lets
--readers threads request `/` for --seconds, and every --every seconds publishes a new
story through `articles.workflow.services.publish` in this process (the same database and
Redis as the app servers), then asks for `/` at once and checks the story is on it. Prints
readers' requests, errors, p50/p95/p99 latency, and the publishes seen on the next request.
"""

import argparse
import http.client
import os
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.public_pages import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    configure_django,
    free_port,
    start_gunicorn,
    wait_until_up,
)


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--every", type=float, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    os.environ["REDIS_URL"] = args.redis_url
    os.environ["CACHE_KEY_PREFIX"] = "bench-publish"
    configure_django(args.database_url, str(REPO / "bench"))
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from articles.models import Article, ArticleStatus
    from articles.workflow import services

    cache.clear()
    chief = get_user_model().objects.filter(username="bench-chief").first()
    if chief is None:
        # A user to sign the publishes; it never logs in (no password at all).
        chief = get_user_model().objects.create_superuser("bench-chief", password=None)

    port = free_port()
    server = start_gunicorn(port, args.workers)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def reader() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                conn.request("GET", "/")
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            with lock:
                latencies.append(time.perf_counter() - began)
                errors[0] += not ok
        conn.close()

    seen, published = 0, 0
    try:
        wait_until_up(port, server, path="/")
        get(port, "/")
        pool = [threading.Thread(target=reader) for _ in range(args.readers)]
        for thread in pool:
            thread.start()
        while time.monotonic() < deadline - args.every:
            time.sleep(args.every)
            title = f"负载下发布的稿件{published + 1}号{time.time_ns()}"
            story = Article.objects.create(
                title=title, body="近日，工会开展送温暖活动。", status=ArticleStatus.REVIEW
            )
            services.publish(story, user=chief)  # commits; the page cache hears of it
            published += 1
            status, body = get(port, "/")
            seen += status == 200 and title in body
        for thread in pool:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    print(
        f"{args.readers} readers for {args.seconds:.0f} s, gunicorn {args.workers} sync workers,"
        f" page cache in Redis"
    )
    print(
        f"reader requests {len(latencies)}, errors {errors[0]}, "
        f"{len(latencies) / args.seconds:.0f} req/s, "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {quantiles[94] * 1000:.0f} ms, p99 {quantiles[98] * 1000:.0f} ms"
    )
    print(f"publishes {published}, visible on the next request {seen}")


if __name__ == "__main__":
    main()
