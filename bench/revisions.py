"""What a save costs when a story already has many revisions.

    .venv/bin/python bench/revisions.py [--database-url postgres://postgres@127.0.0.1:5432/unionsite_bench_rev]

Creates a throwaway database (PostgreSQL by default; dropped and recreated, never the
project's own), makes a story with credits, unions and topics, and times the admin's save
path for it (the form's version check under a row lock, the save, and the revision with
its snapshot) at its 1st revision and again once it has 100, in the same run. Prints the
median of repeated saves and the ratio between the two.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/unionsite_bench_rev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--saves", type=int, default=30, help="saves timed at each point")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from articles.models import Article, ArticleStatus, Contributor, Credit, Topic
    from articles.workflow import services
    from unions.models import Union, UnionLevel
    from unions.services import save_union

    recreate_database(args.database_url)
    call_command("migrate", verbosity=0)

    union = save_union(union=Union(name="西城区总工会", level=UnionLevel.DISTRICT))
    topic = Topic.objects.create(name="送温暖")
    body = "\n".join(f"第{n}段，天桥街道总工会为职工送出温暖礼包。" * 3 for n in range(12))
    article = Article.objects.create(title="基准稿件", body=body, status=ArticleStatus.DRAFT)
    for order, name in enumerate(["崔欣", "边磊", "蔡洪玉"]):
        Credit.objects.create(
            article=article, contributor=Contributor.objects.create(name=name), order=order
        )
    article.unions.set([union])
    article.topics.set([topic])

    def one_save() -> float:
        start = time.perf_counter()
        with transaction.atomic():
            current = Article.objects.select_for_update().get(pk=article.pk)
            current.body = body + f"\n补充{current.version}。"
            current.save()
            services.record_revision(current, user=None, note="修改")
        return time.perf_counter() - start

    first = [one_save() for _ in range(args.saves)]
    while article.revisions.count() < 100:
        one_save()
    at_hundred = [one_save() for _ in range(args.saves)]
    count = article.revisions.count()

    first_ms, hundred_ms = statistics.median(first) * 1000, statistics.median(at_hundred) * 1000
    print(f"database: {connection.vendor}")
    print(f"save with revision, revisions 1-{args.saves}: median {first_ms:.2f} ms")
    later = f"{count - args.saves + 1}-{count}"
    print(f"save with revision, revisions {later}: median {hundred_ms:.2f} ms")
    print(f"ratio (at 100+ revisions / at the first): {hundred_ms / first_ms:.2f}")
    connection.close()


def recreate_database(url: str) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    name = connection.settings_dict["NAME"]
    if name in {"unionsite", "test_unionsite", "postgres"}:
        raise SystemExit(f"refusing to drop {name}")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
