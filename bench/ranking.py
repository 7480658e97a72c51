"""Benchmark: the 宣传信息考核's ranking page and workbook on a large archive.

    .venv/bin/python bench/ranking.py              # generate once, then measure
    .venv/bin/python bench/ranking.py --regenerate

The archive lives in its own PostgreSQL database (default `unionsite_bench_scoring`, set
BENCH_DATABASE_URL to change it): 100k stories, all in 2024, so that the first quarter holds
a quarter of them and the year all of them; 2,000 unions (a city federation, 16 districts,
192 streets, 1,728 enterprises, 63 industry unions); 300 reporters and 3,000
correspondents. 60% of the stories credit one correspondent (a fifth of those two), 20%
name a 来稿单位; 2% are drafts, 3% 未采用, the rest published, on 8 pages a day.

Each measurement runs in a fresh process with bench.settings (DEBUG off) through Django's
test client, logged in as a superuser: the page (`/admin/scoring/?period=…`) and the xlsx
download (`/admin/scoring/export/?period=…&format=xlsx`, the whole response read). Time and
the resident high-water mark (VmHWM) come from a plain run, the `tracemalloc` peak (Python
allocations) from a second, traced one. The quarter against the year shows whether memory
grows with the number of stories.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/unionsite_bench_scoring"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("LOG_LEVEL", "WARNING")

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2024
STORIES = 100_000
BATCH = 5_000
USERNAME = "bench-scoring"


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(
                f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0 "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )


def setup_django() -> None:
    import django

    django.setup()


def peak_rss_mb() -> float:
    """The process's resident high-water mark (VmHWM starts afresh at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def generate() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from articles.models import (
        Article,
        ArticleKind,
        ArticleStatus,
        Contributor,
        Credit,
        CreditRole,
        PrintPage,
    )
    from unions.models import Union, UnionLevel

    rng = random.Random(20240331)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        tables = ", ".join(
            f'"{m._meta.db_table}"' for m in (Credit, Article, PrintPage, Contributor, Union)
        )
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")

    with transaction.atomic():
        unions = [Union(pk=1, name="北京市总工会", level=UnionLevel.CITY, path="/1/", slug="u1")]
        pk = 1

        def add(name, level, parent, district_id):
            nonlocal pk
            pk += 1
            union = Union(
                pk=pk,
                name=name,
                level=level,
                parent_id=parent.pk,
                path=f"{parent.path}{pk}/",
                district_id=district_id,
                slug=f"u{pk}",
            )
            unions.append(union)
            return union

        basic = []
        for d in range(16):
            district = add(f"第{d + 1}区总工会", UnionLevel.DISTRICT, unions[0], None)
            district.district_id = district.pk
            for s in range(12):
                street = add(
                    f"第{d + 1}区第{s + 1}街道总工会", UnionLevel.STREET, district, district.pk
                )
                basic.append(street)
                for e in range(9):
                    basic.append(
                        add(
                            f"第{d + 1}区第{s + 1}街道第{e + 1}公司工会",
                            UnionLevel.ENTERPRISE,
                            street,
                            district.pk,
                        )
                    )
        for i in range(63):
            basic.append(add(f"第{i + 1}产业工会", UnionLevel.INDUSTRY, unions[0], None))
        Union.objects.bulk_create(unions, batch_size=BATCH)

        contributors = Contributor.objects.bulk_create(
            [Contributor(name=f"记者{n}") for n in range(300)]
            + [Contributor(name=f"通讯员{n}", union_id=rng.choice(basic).pk) for n in range(3000)]
        )
        reporters, correspondents = contributors[:300], contributors[300:]

        pages = []
        day = datetime.date(YEAR, 1, 1)
        while day.year == YEAR:
            pages += [PrintPage(edition_date=day, number=n, name="工会新闻") for n in range(1, 9)]
            day += datetime.timedelta(days=1)
        pages = PrintPage.objects.bulk_create(pages, batch_size=BATCH)
        per_page = STORIES // len(pages) + 1
        slots = [(page, order) for page in pages for order in range(1, per_page + 1)]
        rng.shuffle(slots)
        kinds = (
            [ArticleKind.NEWS] * 6
            + [ArticleKind.FEATURE, ArticleKind.PHOTO]
            + [ArticleKind.BRIEF] * 2
        )
        articles, credits = [], []
        for article_pk in range(1, STORIES + 1):
            page, order = slots[article_pk - 1]
            roll = rng.random()
            if roll < 0.02:
                status, published_at = ArticleStatus.DRAFT, None
            elif roll < 0.05:
                status, published_at = ArticleStatus.DECLINED, None
            else:
                status = ArticleStatus.PUBLISHED
                published_at = datetime.datetime.combine(
                    page.edition_date, datetime.time(6), tzinfo=SHANGHAI
                )
            web_only = rng.random() < 0.15
            has_correspondent = rng.random() < 0.6
            articles.append(
                Article(
                    pk=article_pk,
                    title=f"第{article_pk}篇：街道工会开展“两节”送温暖活动",
                    slug=f"story-{article_pk}",
                    kind=rng.choice(kinds),
                    body="本报讯 近日，工会组织走访慰问一线职工。" * 8,
                    status=status,
                    published_at=published_at,
                    print_page_id=None if web_only else page.pk,
                    print_order=None if web_only else order,
                    source_union_id=rng.choice(basic).pk if rng.random() < 0.2 else None,
                )
            )
            credits.append(
                Credit(
                    article_id=article_pk,
                    contributor_id=rng.choice(reporters).pk,
                    role=CreditRole.REPORTER,
                )
            )
            if has_correspondent:
                for order_, person in enumerate(
                    rng.sample(correspondents, 2 if rng.random() < 0.2 else 1), start=1
                ):
                    credits.append(
                        Credit(
                            article_id=article_pk,
                            contributor_id=person.pk,
                            role=CreditRole.CORRESPONDENT,
                            order=order_,
                        )
                    )
            if len(articles) >= BATCH:
                Article.objects.bulk_create(articles)
                Credit.objects.bulk_create(credits)
                articles, credits = [], []
        Article.objects.bulk_create(articles)
        Credit.objects.bulk_create(credits)
        with connection.cursor() as cursor:
            # Filed a few days before publication (auto_now_add gave them today).
            cursor.execute(
                "UPDATE articles_article SET created_at = COALESCE(published_at, "
                "(SELECT edition_date FROM articles_printpage p WHERE p.id = print_page_id)"
                "::timestamptz, %s) - (id %% 5) * interval '1 day'",
                [datetime.datetime(YEAR, 6, 1, tzinfo=SHANGHAI)],
            )
            for sql in connection.ops.sequence_reset_sql(no_style(), [Union, Article]):
                cursor.execute(sql)
        user_model = get_user_model()
        user_model.objects.filter(username=USERNAME).delete()
        user_model.objects.create_superuser(USERNAME, f"{USERNAME}@example.com", "unused-pw-1")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {Article.objects.count():,} stories, {Credit.objects.count():,} credits, "
        f"{Union.objects.count():,} unions in {time.perf_counter() - started:.1f} s"
    )


def is_generated() -> bool:
    from django.core.management import call_command

    from articles.models import Article

    call_command("migrate", verbosity=0)
    return Article.objects.count() == STORIES


def measure(kind: str, period: str, traced: bool) -> dict:
    """One request in this process, after one warm-up request of another period (so that
    templates and code are loaded); prints its figures as JSON."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    url = "/admin/scoring/" if kind == "page" else "/admin/scoring/export/"
    params = {"period": period} | ({"format": "xlsx"} if kind == "xlsx" else {})
    client.get(url, {**params, "period": "2023Q4"})  # warm-up: empty, same code
    baseline_rss = peak_rss_mb()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    result = {
        "kind": kind,
        "period": period,
        "seconds": round(seconds, 2),
        "kb": round(len(body) / 1024),
        "baseline_rss_mb": baseline_rss,
        "peak_rss_mb": peak_rss_mb(),
    }
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        result["tracemalloc_peak_mb"] = round(peak / 2**20, 1)
    return result


def run_child(kind: str, period: str, traced: bool) -> dict:
    args = [sys.executable, __file__, "--measure", kind, "--period", period]
    if traced:
        args.append("--traced")
    # Our own interpreter and script with fixed arguments: nothing untrusted is run.
    output = subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--measure", choices=["page", "xlsx"])
    parser.add_argument("--period", default=f"{YEAR}Q1")
    parser.add_argument("--traced", action="store_true")
    args = parser.parse_args()

    if args.measure:
        setup_django()
        print(json.dumps(measure(args.measure, args.period, args.traced)))
        return

    ensure_database()
    setup_django()
    if args.regenerate or not is_generated():
        generate()
    else:
        print("archive already generated (use --regenerate to start again)")

    from articles.scoring.periods import parse_period
    from articles.scoring.ranking import build_ranking
    from articles.scoring.scope import Scope

    for period in (f"{YEAR}Q1", str(YEAR)):
        started = time.perf_counter()
        ranking = build_ranking(parse_period(period), Scope())
        seconds = time.perf_counter() - started
        print(
            f"{period}: build_ranking {seconds:.2f} s; filed {ranking.totals.filed:,}, "
            f"adopted {ranking.totals.adopted:,}, fee rows {ranking.fee_count:,}, "
            f"{sum(len(t.rows) for t in ranking.levels):,} unions, "
            f"{len(ranking.correspondents):,} correspondents ranked"
        )
    print(
        f"{'what':<6} {'period':<7} {'seconds':>8} {'KB':>7} "
        f"{'peak RSS':>9} {'(start)':>8} {'py peak':>8}"
    )
    for period in (f"{YEAR}Q1", str(YEAR)):
        for kind in ("page", "xlsx"):
            plain = run_child(kind, period, traced=False)
            traced = run_child(kind, period, traced=True)
            print(
                f"{kind:<6} {period:<7} {plain['seconds']:>8} {plain['kb']:>7} "
                f"{plain['peak_rss_mb']:>9} {plain['baseline_rss_mb']:>8} "
                f"{traced['tracemalloc_peak_mb']:>8}"
            )


if __name__ == "__main__":
    main()
