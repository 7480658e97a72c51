"""Requests per second through nginx's micro-cache, beside nginx serving the same bytes as
a static file, in the same run.

    make cluster-deps
    flock /tmp/unionsite-heavy.lock deploy/local-cluster.sh .venv/bin/python bench/nginx_cache.py

It runs inside deploy/local-cluster.sh (two gunicorn app servers, Redis, SeaweedFS, nginx
on loopback, the demo content). For the front page and a story it:
1. fetches the page through nginx as an anonymous reader and writes the same bytes into
   the collected static files, which nginx serves from disk at /static/bench/;
2. warms up, then sends requests from a few threads (bench/public_pages.py's client)
   until --requests requests or --seconds seconds, to the cached page and to the file in
   turn, and once to an app server directly (the app's own Redis page cache, no nginx);
3. prints requests per second and latency percentiles, and the ratio of the micro-cache
   to the static file (the goal: at least 0.3).

The micro-cache keeps a page for the app's s-maxage (5 s); then one request goes to an
app server while the others get the copy, so a run also pays for the refreshes. Client
and servers share the machine; compare the rows of one run, not machines.
"""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.public_pages import Result, hammer  # the same load generator


def fetch(port: int, path: str) -> bytes:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20000, help="at most, per row")
    parser.add_argument("--seconds", type=float, default=10, help="at most, per row")
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if "CLUSTER_NGINX_URL" not in os.environ:
        raise SystemExit("run it inside deploy/local-cluster.sh (see --help)")

    nginx = urlsplit(os.environ["CLUSTER_NGINX_URL"]).port
    app = urlsplit(os.environ["CLUSTER_APP_URLS"].split(",")[0]).port
    static_dir = Path(os.environ["CLUSTER_STATIC_ROOT"]) / "bench"
    static_dir.mkdir(exist_ok=True)

    front = fetch(nginx, "/")
    story = re.search(rb'href="(/articles/\d+/[^"]*)"', front).group(1).decode()
    pages = {"front page /": "/", "a story": story}

    rows: dict[str, Result] = {}
    ratios: dict[str, float] = {}
    for name, path in pages.items():
        body = fetch(nginx, path)
        static = f"/static/bench/{len(rows)}.html"
        (static_dir / static.rsplit("/", 1)[1]).write_bytes(body)
        if fetch(nginx, static) != body:
            raise SystemExit("nginx does not serve the copy byte for byte")
        cached_name, static_name = f"{name}: micro-cache", f"{name}: static file"
        for row, port, target in (
            (cached_name, nginx, path),
            (static_name, nginx, static),
            (f"{name}: app server, no nginx", app, path),
        ):
            hammer(port, [target], threads=args.threads, requests=200, seconds=5)
            rows[row] = hammer(
                port, [target], threads=args.threads, requests=args.requests, seconds=args.seconds
            )
        ratios[name] = rows[cached_name].rps / rows[static_name].rps
        print(f"  {name} ({path}): {len(body) / 1024:.1f} KB", flush=True)

    print()
    print(
        f"nginx in front of 2 gunicorn app servers; {args.threads} client threads; "
        f"at most {args.requests} requests or {args.seconds:.0f} s per row"
    )
    header = f"{'':<40}{'req':>7}{'err':>5}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    print(header)
    print("-" * len(header))
    for name, result in rows.items():
        print(
            f"{name:<40}{result.requests:>7}{result.errors:>5}{result.rps:>9.0f}"
            f"{result.p50_ms:>8.2f}{result.p95_ms:>8.2f}{result.p99_ms:>8.2f}"
        )
    print()
    for name, ratio in ratios.items():
        print(f"{name}: micro-cache / static file = {ratio:.2f} (goal ≥ 0.3)")


if __name__ == "__main__":
    main()
