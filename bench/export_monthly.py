"""Benchmark: export one month of a large archive as xlsx and as CSV.

    .venv/bin/python bench/export_monthly.py            # generate once, then measure
    .venv/bin/python bench/export_monthly.py --regenerate

The archive lives in its own PostgreSQL database (default `unionsite_bench_export`, set
BENCH_DATABASE_URL to change it): 100k published stories over 30 months, 10k of them in
January 2024; 50k activities, 5k of them in January 2024, each told in a story of its
month; ~2k unions in a district/street/enterprise tree; credits, topics, gift lines.

Each measurement runs in a fresh process so that its peak memory is its own:
- time and the resident high-water mark (VmHWM) for a plain run;
- the `tracemalloc` peak (Python allocations) for a second, traced run.
A smaller month is measured as well: if the export streams, its memory does not grow
with the number of rows.
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/unionsite_bench_export"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionsite.settings")
# DEBUG off, as in production: with DEBUG on Django keeps every query in memory.
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("LOG_LEVEL", "WARNING")

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONTH = (2024, 1)
STORIES, MONTH_STORIES = 100_000, 10_000
ACTIVITIES, MONTH_ACTIVITIES = 50_000, 5_000
# 2022-08 .. 2025-01: 30 months, January 2024 among them.
FIRST_MONTH, MONTHS = (2022, 8), 30
BATCH = 5_000


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # A UTF-8 locale, so that text functions treat Chinese as text.
            conn.execute(
                f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0 "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )


def setup_django() -> None:
    import django

    django.setup()


def month_list() -> list[tuple[int, int]]:
    year, month = FIRST_MONTH
    months = []
    for _ in range(MONTHS):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def _spread(total: int, months: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    share, remainder = divmod(total, len(months))
    return {m: share + (remainder if i == 0 else 0) for i, m in enumerate(months)}


def peak_rss_mb() -> float:
    """The process's resident high-water mark. /proc's VmHWM starts afresh at exec;
    ru_maxrss would carry over the parent's peak (the parent generated the archive)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def generate() -> None:
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from articles.demo.loader import TOPICS
    from articles.models import (
        Activity,
        ActivityKind,
        Article,
        ArticleKind,
        ArticleStatus,
        Contributor,
        Credit,
        CreditRole,
        GiftLine,
        PrintPage,
        Topic,
    )
    from unions.models import Union, UnionLevel

    rng = random.Random(20240123)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        tables = ", ".join(
            f'"{m._meta.db_table}"'
            for m in (GiftLine, Credit, Activity, Article, PrintPage, Contributor, Topic, Union)
        )
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")

    with transaction.atomic():
        # The union tree, primary keys chosen here so that paths are known without saving.
        unions = [Union(pk=1, name="北京市总工会", level=UnionLevel.CITY, path="/1/", slug="u1")]
        districts, streets, enterprises = [], [], []
        pk = 1
        for d in range(16):
            pk += 1
            district = Union(
                pk=pk,
                name=f"第{d + 1}区总工会",
                level=UnionLevel.DISTRICT,
                parent_id=1,
                path=f"/1/{pk}/",
                district_id=pk,
                slug=f"u{pk}",
            )
            districts.append(district)
            for s in range(20):
                pk += 1
                street = Union(
                    pk=pk,
                    name=f"第{d + 1}区第{s + 1}街道总工会",
                    level=UnionLevel.STREET,
                    parent_id=district.pk,
                    path=f"{district.path}{pk}/",
                    district_id=district.pk,
                    slug=f"u{pk}",
                )
                streets.append(street)
                for e in range(5):
                    pk += 1
                    enterprises.append(
                        Union(
                            pk=pk,
                            name=f"第{d + 1}区第{s + 1}街道第{e + 1}公司工会",
                            level=UnionLevel.ENTERPRISE,
                            parent_id=street.pk,
                            path=f"{street.path}{pk}/",
                            district_id=district.pk,
                            slug=f"u{pk}",
                        )
                    )
        all_unions = unions + districts + streets + enterprises
        Union.objects.bulk_create(all_unions, batch_size=BATCH)

        topic_ids = {}
        for order, (name, slug, parent_slug, featured, intro) in enumerate(TOPICS):
            topic = Topic.objects.create(
                name=name,
                slug=slug,
                parent_id=topic_ids.get(parent_slug),
                is_featured=featured,
                intro=intro,
                order=order,
            )
            topic_ids[slug] = topic.pk
        topics = list(topic_ids.values())

        contributors = Contributor.objects.bulk_create(
            [Contributor(name=f"记者{n}") for n in range(300)]
            + [
                Contributor(name=f"通讯员{n}", union_id=rng.choice(enterprises).pk)
                for n in range(500)
            ]
        )
        reporters, correspondents = contributors[:300], contributors[300:]

        months = month_list()
        others = [m for m in months if m != MONTH]
        # The other months share the rest; the first of them takes the remainder.
        story_counts = _spread(STORIES - MONTH_STORIES, others) | {MONTH: MONTH_STORIES}
        activity_counts = _spread(ACTIVITIES - MONTH_ACTIVITIES, others) | {MONTH: MONTH_ACTIVITIES}
        kinds = [ArticleKind.NEWS] * 7 + [ArticleKind.PHOTO] * 2 + [ArticleKind.BRIEF]
        activity_kinds = list(ActivityKind)
        article_pk = activity_pk = 0
        stories_of_month: dict[tuple[int, int], list[int]] = {}

        for year, month in months:
            count = story_counts[(year, month)]
            pages = []
            for day in range(1, days_in(year, month) + 1):
                for number in range(1, 9):
                    pages.append(
                        PrintPage(
                            edition_date=datetime.date(year, month, day),
                            number=number,
                            name="工会新闻",
                        )
                    )
            pages = PrintPage.objects.bulk_create(pages, batch_size=BATCH)
            page_orders: dict[int, int] = {}
            articles, unions_rows, topic_rows, credit_rows = [], [], [], []
            ids = []
            for _ in range(count):
                article_pk += 1
                page = rng.choice(pages)
                page_orders[page.pk] = page_orders.get(page.pk, 0) + 1
                # 2% are drafts: the export must leave them out.
                status = ArticleStatus.DRAFT if rng.random() < 0.02 else ArticleStatus.PUBLISHED
                published_at = datetime.datetime.combine(
                    page.edition_date, datetime.time(rng.randint(5, 22)), tzinfo=SHANGHAI
                )
                articles.append(
                    Article(
                        pk=article_pk,
                        title=f"第{article_pk}篇：区总工会开展“两节”送温暖活动为职工送去慰问",
                        slug=f"story-{article_pk}",
                        kind=rng.choice(kinds),
                        body="本报讯 近日，工会组织走访慰问一线职工。" * 12,
                        status=status,
                        published_at=published_at,
                        print_page_id=page.pk,
                        print_order=page_orders[page.pk],
                    )
                )
                ids.append(article_pk)
                for union in rng.sample(streets + enterprises, rng.randint(1, 3)):
                    unions_rows.append(
                        Article.unions.through(article_id=article_pk, union_id=union.pk)
                    )
                for topic in rng.sample(topics, rng.randint(0, 2)):
                    topic_rows.append(Article.topics.through(article_id=article_pk, topic_id=topic))
                credit_rows.append(
                    Credit(
                        article_id=article_pk,
                        contributor_id=rng.choice(reporters).pk,
                        role=CreditRole.REPORTER,
                    )
                )
                if rng.random() < 0.4:
                    credit_rows.append(
                        Credit(
                            article_id=article_pk,
                            contributor_id=rng.choice(correspondents).pk,
                            role=CreditRole.CORRESPONDENT,
                            order=1,
                        )
                    )
            Article.objects.bulk_create(articles, batch_size=BATCH)
            Article.unions.through.objects.bulk_create(unions_rows, batch_size=BATCH)
            Article.topics.through.objects.bulk_create(topic_rows, batch_size=BATCH)
            Credit.objects.bulk_create(credit_rows, batch_size=BATCH)
            stories_of_month[(year, month)] = ids

            count = activity_counts[(year, month)]
            activities, links, gifts = [], [], []
            for _ in range(count):
                activity_pk += 1
                kind = rng.choice(activity_kinds)
                activities.append(
                    Activity(
                        pk=activity_pk,
                        title=f"第{activity_pk}项：街道工会送温暖走访慰问一线职工",
                        union_id=rng.choice(streets + enterprises).pk,
                        kind=kind,
                        start_date=datetime.date(year, month, rng.randint(1, days_in(year, month))),
                        place="工会服务站",
                        participants=rng.choice([None, rng.randint(10, 500)]),
                        beneficiaries=rng.choice([None, rng.randint(10, 3000)]),
                        unions_reached=rng.randint(1, 20)
                        if kind == ActivityKind.RELIEF_MONEY
                        else None,
                        relief_money=Decimal(rng.randint(1000, 500000)) / 100
                        if kind == ActivityKind.RELIEF_MONEY and rng.random() < 0.8
                        else None,
                        internal_note="内部备注：不导出",
                    )
                )
                links.append(
                    Activity.articles.through(activity_id=activity_pk, article_id=rng.choice(ids))
                )
                if rng.random() < 0.5:
                    gifts.append(
                        GiftLine(
                            activity_id=activity_pk,
                            item=rng.choice(["温暖礼包", "米", "面", "油", "图书"]),
                            quantity=rng.choice([None, rng.randint(10, 1500)]),
                            unit="份",
                        )
                    )
            Activity.objects.bulk_create(activities, batch_size=BATCH)
            Activity.articles.through.objects.bulk_create(links, batch_size=BATCH)
            GiftLine.objects.bulk_create(gifts, batch_size=BATCH)

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Union, Article, Activity]):
                cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {Article.objects.count():,} stories, {Activity.objects.count():,} activities, "
        f"{Union.objects.count():,} unions in {time.perf_counter() - started:.1f} s"
    )


def is_generated() -> bool:
    from django.core.management import call_command

    from articles.models import Activity, Article

    call_command("migrate", verbosity=0)
    return Article.objects.count() == STORIES and Activity.objects.count() == ACTIVITIES


def measure(kind: str, month: str, traced: bool) -> dict:
    """One export in this process; prints its figures as JSON."""
    from articles.summaries import exports
    from articles.summaries.figures import build_summary
    from articles.summaries.periods import parse_month
    from articles.summaries.scope import scope_for

    baseline_rss = peak_rss_mb()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    summary = build_summary(parse_month(month), scope_for(""))
    summary_seconds = time.perf_counter() - started
    suffix = ".xlsx" if kind == "xlsx" else ".zip"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        if kind == "xlsx":
            exports.write_xlsx(summary, handle.name)
        else:
            exports.write_csv_zip(summary, handle.name)
        seconds = time.perf_counter() - started
        size = Path(handle.name).stat().st_size
    result = {
        "kind": kind,
        "month": month,
        "stories": summary.story_totals["stories"][0],
        "activities": summary.activity_totals["activities"][0],
        "summary_seconds": round(summary_seconds, 2),
        "total_seconds": round(seconds, 2),
        "file_mb": round(size / 2**20, 2),
        "baseline_rss_mb": baseline_rss,
        "peak_rss_mb": peak_rss_mb(),
    }
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        result["tracemalloc_peak_mb"] = round(peak / 2**20, 1)
    return result


def run_child(kind: str, month: str, traced: bool) -> dict:
    args = [sys.executable, __file__, "--measure", kind, "--month", month]
    if traced:
        args.append("--traced")
    # Our own interpreter and script with fixed arguments: nothing untrusted is run.
    output = subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--measure", choices=["xlsx", "csv"])
    parser.add_argument("--month", default=f"{MONTH[0]}-{MONTH[1]:02d}")
    parser.add_argument("--traced", action="store_true")
    args = parser.parse_args()

    if args.measure:
        setup_django()
        print(json.dumps(measure(args.measure, args.month, args.traced)))
        return

    ensure_database()
    setup_django()
    if args.regenerate or not is_generated():
        generate()
    else:
        print("archive already generated (use --regenerate to start again)")

    print(
        f"{'export':<6} {'month':<8} {'stories':>8} {'acts':>6} {'summary s':>9} {'total s':>8} "
        f"{'file MB':>8} {'peak RSS':>10} {'(start)':>8} {'py peak':>8}"
    )
    small_month = "2023-06"
    for month in (args.month, small_month):
        for kind in ("xlsx", "csv"):
            plain = run_child(kind, month, traced=False)
            traced = run_child(kind, month, traced=True)
            print(
                f"{kind:<6} {month:<8} {plain['stories']:>8,} {plain['activities']:>6,} "
                f"{plain['summary_seconds']:>9} {plain['total_seconds']:>8} "
                f"{plain['file_mb']:>8} {plain['peak_rss_mb']:>10} "
                f"{plain['baseline_rss_mb']:>8} {traced['tracemalloc_peak_mb']:>8}"
            )


if __name__ == "__main__":
    main()
