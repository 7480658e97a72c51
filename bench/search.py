"""Search at 100k stories: the index beside plain LIKE, on PostgreSQL and on SQLite.

    .venv/bin/python bench/search.py                       # both databases, 100k stories
    .venv/bin/python bench/search.py --stories 20000       # a quicker, smaller run
    .venv/bin/python bench/search.py --only sqlite --reuse # one database, same archive
    .venv/bin/python bench/search.py --reuse --no-rebuild --by-query  # and each query

For each database (in a process of its own, since Django is set up once per process):
1. recreates the bench database (PostgreSQL `unionsite_bench_search`, SQLite
   /tmp/unionsite-bench-search.sqlite3; the project's own databases are never touched)
   and migrates it;
2. generates the archive with bench/public_pages.py's generator (bulk_create), then gives
   one story in 97 a sentence about 暑期托管 and the 12351 hotline and one in 1,009 a
   sentence about 心理咨询, so rare terms exist beside the everywhere-words (温暖, 职工);
3. rebuilds the index with `articles.search.index.rebuild` and reports its time and size;
4. times what the readers' results page asks (the first page of 20, ranked, and the
   capped count) for 2-, 3-, 4-character and 2-term queries, and the same page done with
   plain `LIKE '%term%'` over headline and body in the same run; p50 / p95 / p99 in ms.

LIKE stops early on everywhere-words (the first 21 newest rows all match), so its figures
are kind to it on those; on rare terms it reads the whole table.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/unionsite_bench_search"
DEFAULT_SQLITE = "sqlite:////tmp/unionsite-bench-search.sqlite3"

QUERIES = {
    "2 chars": ["温暖", "职工", "书屋", "托管", "剪纸", "维权", "劳模", "咨询", "朝阳", "工匠"],
    "3 chars": ["送温暖", "娘家人", "学习型", "服务职", "剪纸活", "海淀区", "12351", "心理咨"],
    "4 chars": ["职工书屋", "劳模精神", "技能比武", "防寒保暖", "暑期托管", "心理咨询", "亲子剪纸"],
    "2 terms": ["温暖 职工", "书屋 海淀", "劳模 朝阳", "剪纸 丰台", "托管 12351", "咨询 西城"],
}
RARE_SENTENCE = "据悉，暑期托管班报名可拨打职工服务热线12351咨询。"
RARER_SENTENCE = "工会还为一线职工开设心理咨询室。"


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return ordered[min(int(p * len(ordered)), len(ordered) - 1)]

    return statistics.median(ordered), at(0.95), at(0.99)


def run_one(
    database_url: str,
    *,
    stories: int,
    unions: int,
    rounds: int,
    reuse: bool,
    rebuild: bool,
    by_query: bool = False,
) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("CONN_MAX_AGE", "60")
    if not reuse:
        if database_url.startswith("sqlite"):
            Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            from bench.public_pages import recreate_database

            recreate_database(database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F, Q, Value
    from django.db.models.functions import Concat

    from articles.models import Article
    from articles.search.index import index_size
    from articles.search.index import rebuild as rebuild_index
    from articles.search.query import parse_query, ranked_page
    from bench.public_pages import build_archive, finish_database

    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    if not reuse:
        began = time.monotonic()
        build_archive(stories, unions, 2024)
        Article.objects.alias(m=F("id") % 97).filter(m=0).update(
            body=Concat(F("body"), Value("\n" + RARE_SENTENCE))
        )
        Article.objects.alias(m=F("id") % 1009).filter(m=0).update(
            body=Concat(F("body"), Value("\n" + RARER_SENTENCE))
        )
        # Statistics for the planner (ANALYZE; on SQLite there are no sequences to reset),
        # without which SQLite walks the date index to find 20 stories by id.
        finish_database()
        print(f"[{vendor}] archive of {stories} stories in {time.monotonic() - began:.0f} s")
    if rebuild or not reuse:
        began = time.monotonic()
        indexed = rebuild_index(batch_size=1000)
        seconds = time.monotonic() - began
        print(f"[{vendor}] rebuild_search_index: {indexed} stories in {seconds:.1f} s")
    print(f"[{vendor}] index size: {index_size() / 1024 / 1024:.0f} MB")

    def with_index(query: str) -> int:
        published = Article.objects.published().for_list()
        terms = parse_query(query)
        page = ranked_page(published, terms, number=1, per_page=20)
        return len(page.stories) + page.count

    def with_like(query: str) -> int:
        published = Article.objects.published().for_list()
        for term in query.split():
            published = published.filter(Q(title__contains=term) | Q(body__contains=term))
        page = list(published.order_by("-published_at", "-id")[:21])
        return len(page) + published[:1001].count()

    def median_ms(function, query: str, repeat: int) -> float:
        return percentiles(timed(function, [query], repeat))[0]

    def timed(function, queries: list[str], repeat: int) -> list[float]:
        samples = []
        for _ in range(repeat):
            for query in queries:
                started = time.perf_counter()
                function(query)
                samples.append((time.perf_counter() - started) * 1000)
        return samples

    print(f"[{vendor}] ms per results page (first 20, ranked, with capped count)")
    print(f"| {vendor} | queries | index p50 | p95 | p99 | LIKE p50 | p95 | p99 | p50 ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, queries in QUERIES.items():
        for query in queries:  # warm the caches and check both agree on having hits
            with_index(query)
        index = percentiles(timed(with_index, queries, rounds))
        like = percentiles(timed(with_like, queries, max(rounds // 10, 2)))
        print(
            f"| {kind} | {len(queries)} | {index[0]:.1f} | {index[1]:.1f} | {index[2]:.1f}"
            f" | {like[0]:.0f} | {like[1]:.0f} | {like[2]:.0f} | {like[0] / index[0]:.0f}× |",
            flush=True,
        )
    if by_query:
        print(f"[{vendor}] p50 ms per query: index / LIKE")
        for kind, queries in QUERIES.items():
            cells = [
                f"{q} {median_ms(with_index, q, rounds):.1f}/{median_ms(with_like, q, 3):.0f}"
                for q in queries
            ]
            print(f"- {kind}: " + ", ".join(cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--unions", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=30, help="passes over each query list")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--sqlite-url", default=DEFAULT_SQLITE)
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--reuse", action="store_true", help="keep the archive of the last run")
    parser.add_argument(
        "--no-rebuild", action="store_true", help="with --reuse: keep the index too"
    )
    parser.add_argument(
        "--by-query", action="store_true", help="also the median of each query, index and LIKE"
    )
    args = parser.parse_args()
    common = ["--stories", str(args.stories), "--unions", str(args.unions)]
    common += ["--rounds", str(args.rounds)] + (["--reuse"] if args.reuse else [])
    common += ["--no-rebuild"] if args.no_rebuild else []
    common += ["--by-query"] if args.by_query else []
    if args.only:
        url = args.postgres_url if args.only == "postgresql" else args.sqlite_url
        run_one(
            url,
            stories=args.stories,
            unions=args.unions,
            rounds=args.rounds,
            reuse=args.reuse,
            rebuild=not args.no_rebuild,
            by_query=args.by_query,
        )
        return
    for vendor in ("postgresql", "sqlite"):
        subprocess.run(  # noqa: S603 - this very script, with our own arguments
            [sys.executable, __file__, "--only", vendor, *common,
             "--postgres-url", args.postgres_url, "--sqlite-url", args.sqlite_url],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()
