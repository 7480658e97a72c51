"""The content API through the page cache in Redis, beside bare Django serving the same
bytes, and a publish visible on the next request.

    .venv/bin/pip install -e ".[bench]"      # gunicorn
    .venv/bin/python bench/api.py            # demo content, ~1.5 min
    .venv/bin/python bench/api.py --gzip     # clients that accept gzip (phones do)

Goal (issue 24): cached API answers at >= 0.5 of the bare view's requests per second, in
one run, and every publish in the very next answer.

In order, it:
1. drops and recreates the PostgreSQL database `unionsite_bench_api` (see
   --database-url; the project's own databases are never touched), migrates it and loads
   the demo with its photos and page image (`load_demo --photos`, media in a temporary
   folder);
2. starts gunicorn (2 sync workers) on a free loopback port with bench.settings and the
   page cache in Redis (--redis-url, database 7 by default, cleared first), the rate
   limit on but too high to refuse anyone, so its two Redis calls a request are paid;
3. asks each endpoint once over HTTP and writes its bytes where `/api/bench-bare/<name>/`
   (bench/urls.py) serves them: the same middleware, no page cache, no database;
4. for each endpoint and its bare twin: warms up, then sends requests from 4 threads
   until --requests or --seconds (in all), whichever comes first, in --rounds turns of
   the two, and prints requests per second, latency and the ratio to the twin;
5. publishes --publishes new stories through the workflow (in this process, the same
   database and Redis), each followed at once by GET /api/v1/stories/ and the story's own
   address, and counts those that show it.

gunicorn is ended by its PID (SIGTERM, then SIGKILL after 30 s) whatever happens. Client
and server share the machine: compare the rows of one run, not runs on other machines.
"""

import argparse
import http.client
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.public_pages import (  # noqa: E402
    Result,
    configure_django,
    free_port,
    recreate_database,
    start_gunicorn,
    wait_until_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/unionsite_bench_api"


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def hammer(port: int, path: str, headers: dict, *, threads: int, requests: int, seconds: float):
    """GET one path from `threads` threads on kept-alive connections; bounded in count and
    in time. A 200 with a body is a success."""
    lock = threading.Lock()
    sent = [0]
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if sent[0] >= requests or time.monotonic() >= deadline:
                    break
                sent[0] += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                ok = response.status == 200 and len(response.read()) > 0
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        conn.close()

    began = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return Result(len(latencies), time.monotonic() - began, latencies, errors[0])


def merge(total: Result | None, part: Result) -> Result:
    if total is None:
        return part
    return Result(
        total.requests + part.requests,
        total.seconds + part.seconds,
        total.latencies + part.latencies,
        total.errors + part.errors,
    )


def endpoints() -> dict[str, str]:
    """The answers measured: the story list, the story with the most photos, page 1 of
    the latest edition, the union tree."""
    from django.db.models import Count

    from articles.models import Article, PrintPage

    story = Article.objects.published().annotate(n=Count("photos")).order_by("-n", "pk").first()
    latest = PrintPage.objects.public().latest_edition_date()
    number = PrintPage.objects.filter(edition_date=latest).order_by("number").first().number
    return {
        "stories": "/api/v1/stories/",
        "story": f"/api/v1/stories/{story.pk}/",
        "epaper-page": f"/api/v1/epaper/{latest.isoformat()}/{number}/",
        "unions": "/api/v1/unions/",
    }


def publish_and_look(port: int, count: int) -> tuple[int, int]:
    """Publish `count` stories one by one; after each, the list and the story's address
    are asked at once. Returns (published, seen in both)."""
    from django.contrib.auth import get_user_model

    from articles.models import Article, ArticleStatus
    from articles.workflow import services

    chief = get_user_model().objects.filter(username="bench-chief").first()
    if chief is None:
        # A user to sign the publishes; it never logs in (no password at all).
        chief = get_user_model().objects.create_superuser("bench-chief", password=None)
    seen = 0
    for n in range(count):
        get(port, "/api/v1/stories/")  # the list is in the page cache before the publish
        title = f"接口基准发布的稿件{n + 1}号{time.time_ns()}"
        story = Article.objects.create(
            title=title, body="近日，工会开展送温暖活动。", status=ArticleStatus.REVIEW
        )
        services.publish(story, user=chief)  # commits; the page cache hears of it
        status, body = get(port, "/api/v1/stories/")
        listed = status == 200 and title in body.decode()
        status, body = get(port, f"/api/v1/stories/{story.pk}/")
        shown = status == 200 and json.loads(body)["title"] == title
        seen += listed and shown
    return count, seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--requests", type=int, default=20_000, help="at most, per row")
    parser.add_argument("--seconds", type=float, default=12, help="at most, per row")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=4, help="turns of each pair")
    parser.add_argument("--publishes", type=int, default=10)
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="unionsite-bench-api-")
    os.environ["REDIS_URL"] = args.redis_url
    os.environ["CACHE_KEY_PREFIX"] = "bench-api"
    os.environ["MEDIA_ROOT"] = str(Path(work, "media"))
    os.environ.setdefault("PAGE_CACHE_SECONDS", "600")
    # On, as in production, but no client of the run may be refused.
    os.environ["API_RATE_LIMIT"] = str(10**9)
    recreate_database(args.database_url)
    configure_django(args.database_url, work)
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--photos", stdout=io.StringIO())
    cache.clear()
    paths = endpoints()
    headers = {"Accept-Encoding": "gzip"} if args.gzip else {}

    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        wait_until_up(port, server, path="/api/v1/topics/")
        sizes = {}
        for name, path in paths.items():
            status, body = get(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            Path(work, f"{name}.json").write_bytes(body)
            sizes[name] = (len(body), len(get(port, path, {"Accept-Encoding": "gzip"})[1]))
        results = {}
        for name, path in paths.items():
            rows = {name: path, f"{name}: bare": f"/api/bench-bare/{name}/"}
            for url in rows.values():
                hammer(port, url, headers, threads=args.threads, requests=200, seconds=5)
            # In turns, a slice each, so that a load coming or going on the machine
            # weighs on both alike.
            for label, url in [*rows.items()] * args.rounds:
                part = hammer(
                    port,
                    url,
                    headers,
                    threads=args.threads,
                    requests=args.requests // args.rounds,
                    seconds=args.seconds / args.rounds,
                )
                results[label] = merge(results.get(label), part)
        published, seen = publish_and_look(port, args.publishes)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    print()
    print(
        f"gunicorn, {args.workers} sync workers; {args.threads} client threads; at most "
        f"{args.requests} requests or {args.seconds:.0f} s a row; page cache in Redis "
        f"({args.redis_url}); rate limit on; Accept-Encoding: "
        f"{'gzip' if args.gzip else 'none'}"
    )
    header = f"{'answer':<20}{'KB':>6}{'gz KB':>7}{'req':>7}{'err':>5}{'req/s':>9}"
    header += f"{'p50 ms':>8}{'p99 ms':>8}{'bare req/s':>12}{'vs bare':>9}"
    print(header)
    print("-" * len(header))
    worst = None
    for name in paths:
        cached, bare = results[name], results[f"{name}: bare"]
        ratio = cached.rps / bare.rps if bare.rps else 0.0
        worst = ratio if worst is None else min(worst, ratio)
        plain, compressed = sizes[name]
        print(
            f"{name:<20}{plain / 1024:>6.1f}{compressed / 1024:>7.1f}{cached.requests:>7}"
            f"{cached.errors + bare.errors:>5}{cached.rps:>9.0f}{cached.p50_ms:>8.1f}"
            f"{cached.p99_ms:>8.1f}{bare.rps:>12.0f}{ratio:>9.2f}"
        )
    print(f"lowest ratio {worst:.2f} (goal >= 0.5)")
    print(f"publishes {published}, in the next list and story answer {seen}")


if __name__ == "__main__":
    main()
