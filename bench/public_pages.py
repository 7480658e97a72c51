"""Requests per second for the public pages on a large archive, beside a bare Django view.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/public_pages.py                    # 100k stories, 2k unions
    .venv/bin/python bench/public_pages.py --reuse            # measure again, same archive
    .venv/bin/python bench/public_pages.py --stories 20000    # a quicker, smaller run

The page cache and the roll-ups it keeps are set by the environment, as in production:
    PAGE_CACHE_SECONDS=0 ROLLUP_CACHE_SECONDS=0 … --reuse   # cold: nothing kept at all
    PAGE_CACHE_SECONDS=0 … --reuse                          # pages rendered, figures kept
    REDIS_URL=redis://127.0.0.1:6379/3 … --reuse            # the page cache in Redis

In order, it:
1. drops and recreates the PostgreSQL database `unionsite_bench` (see --database-url)
   and migrates it; the project's own databases are never touched;
2. generates an archive with bulk_create: a union tree (city, 16 districts, streets,
   enterprises), daily editions of 8 pages with 6 stories each, topics, straps, credits,
   tags, photos and activities with gift lines; a few drafts, stories under review and
   tomorrow's edition scheduled for the morning, so the visibility rule has work to do;
3. starts gunicorn with 2 sync workers on a free loopback port, with bench.settings
   (production settings, DEBUG off, persistent database connections);
4. for each page: warms up, then sends requests from a few threads until --requests
   requests or --seconds seconds, whichever comes first;
5. prints requests per second and latency per page, with the ratio to /bench/bare/: the
   same Django stack rendering a template of the front page's size with no database;
   and two floors: /bench/one-query/, the bare view plus the one query every story
   list makes (20 newest stories with their page and strap), and /bench/front-queries/,
   the bare view plus all the front page asks the database and cache; nothing printed.

Load generator and server share the machine, so the figures are for comparing pages with
each other and with the bare view in the same run, not absolute capacity.
"""

import argparse
import datetime
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/unionsite_bench"
BEIJING = ZoneInfo("Asia/Shanghai")
PAGES_PER_EDITION = 8
STORIES_PER_PAGE = 6
BATCH = 5000

DISTRICTS = [
    "东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区",
    "通州区", "顺义区", "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区",
]  # fmt: skip
TOPICS = [
    # (name, slug, parent slug, featured)
    ("送温暖", "song-wen-nuan", None, True),
    ("学习型组织", "xue-xi-xing-zu-zhi", None, True),
    ("职工书屋", "zhi-gong-shu-wu", "xue-xi-xing-zu-zhi", False),
    ("学习型企业", "xue-xi-xing-qi-ye", "xue-xi-xing-zu-zhi", False),
    ("学习型班组", "xue-xi-xing-ban-zu", "xue-xi-xing-zu-zhi", False),
    ("亲子活动", "qin-zi-huo-dong", None, False),
    ("基层建设", "ji-ceng-jian-she", None, False),
    ("维权", "wei-quan", None, False),
    ("劳模工匠", "lao-mo-gong-jiang", None, False),
]
HEADLINES = {
    "song-wen-nuan": "{union}开展“两节”送温暖活动",
    "zhi-gong-shu-wu": "{union}以职工书屋为平台打造学习型企业",
    "xue-xi-xing-qi-ye": "{union}创建学习型企业助力职工成长",
    "xue-xi-xing-ban-zu": "{union}建设学习型班组提升职工技能",
    "qin-zi-huo-dong": "{union}举办亲子剪纸活动",
    "ji-ceng-jian-she": "{union}以大抓基层为导向健全服务职工工作体系",
    "wei-quan": "{union}做精多元化维权服务",
    "lao-mo-gong-jiang": "{union}弘扬劳模精神工匠精神",
}
PARAGRAPHS = [
    "近日，{union}组织开展系列活动，将党和政府的关怀以及工会组织的温暖送到职工心坎上。",
    "活动中，{union}负责人带队，先后来到多家基层单位，向一线职工送上温暖与祝福，"
    "感谢他们一年来的辛勤付出，叮嘱他们工作中要注意防寒保暖。",
    "“我们希望职工们不仅能够感受到新意，更能够感受到心意。”{union}相关负责人表示，"
    "下一步将继续深化服务职工工作，通过多种形式的慰问、服务，做好职工的“娘家人”。",
    "据了解，{union}还将组织开展读书学习分享会、技能比武等活动，鼓励职工培养读书学习习惯，"
    "持续丰富知识的广度和深度，助力企业实现高质量发展。",
]


def configure_django(database_url: str, template_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["BENCH_TEMPLATE_DIR"] = template_dir
    os.environ.setdefault("CONN_MAX_AGE", "60")
    import django

    django.setup()


def recreate_database(database_url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    name = config["NAME"]
    if name in {"unionsite", "postgres", "template0", "template1"}:
        raise SystemExit(f"refusing to drop {name!r}: give the benchmark its own database")
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        # A UTF-8 locale: the pattern indexes and any text search need it (FIELD-NOTES).
        admin.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


# --- The archive ---------------------------------------------------------------------


@dataclass
class Tree:
    districts: list = field(default_factory=list)
    streets: list = field(default_factory=list)
    enterprises: list = field(default_factory=list)


def build_unions(total: int) -> Tree:
    from unions.models import Union, UnionLevel

    tree = Tree()
    rows = [Union(id=1, name="北京市总工会", short_name="市总工会", level=UnionLevel.CITY)]
    rows[0].path, rows[0].slug = "/1/", "bei-jing-shi-zong-gong-hui"
    next_id = 2
    for district_name in DISTRICTS:
        union = Union(id=next_id, name=f"{district_name}总工会", level=UnionLevel.DISTRICT)
        union.parent_id, union.district_id, union.path = 1, next_id, f"/1/{next_id}/"
        rows.append(union)
        tree.districts.append(union)
        next_id += 1
    remaining = max(total - len(rows), 0)
    streets = max(remaining // 10, len(DISTRICTS))
    for n in range(streets):
        district = tree.districts[n % len(DISTRICTS)]
        level = UnionLevel.STREET if n % 3 else UnionLevel.TOWN
        suffix = "街道总工会" if level == UnionLevel.STREET else "镇总工会"
        union = Union(id=next_id, name=f"{district.name[:-3]}第{n + 1}{suffix}", level=level)
        union.parent_id, union.district_id = district.id, district.id
        union.path = f"{district.path}{next_id}/"
        rows.append(union)
        tree.streets.append(union)
        next_id += 1
    for n in range(max(total - len(rows), 0)):
        street = tree.streets[n % len(tree.streets)]
        union = Union(id=next_id, name=f"{street.name[:-3]}第{n + 1}公司工会")
        union.level = UnionLevel.ENTERPRISE
        union.parent_id, union.district_id = street.id, street.district_id
        union.path = f"{street.path}{next_id}/"
        rows.append(union)
        tree.enterprises.append(union)
        next_id += 1
    for union in rows:
        union.slug = union.slug or f"gong-hui-{union.id}"
    Union.objects.bulk_create(rows, batch_size=BATCH)
    return tree


def build_archive(stories: int, unions: int, seed: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Activity,
        ActivityKind,
        Article,
        ArticleKind,
        ArticleStatus,
        Column,
        Contributor,
        Credit,
        CreditRole,
        GiftLine,
        Photo,
        PrintPage,
        Topic,
    )

    rng = random.Random(seed)
    tree = build_unions(unions)
    topics: dict[str, Topic] = {}
    for order, (name, slug, parent, featured) in enumerate(TOPICS):
        topics[slug] = Topic.objects.create(
            name=name,
            slug=slug,
            parent=topics.get(parent),
            is_featured=featured,
            order=order,
            intro=f"关于{name}的报道与数据。" if featured else "",
        )
    columns = [
        Column.objects.create(name=f"栏目{n}", slug=f"lan-mu-{n}", is_active=n < 3)
        for n in range(8)
    ]
    reporters = Contributor.objects.bulk_create(
        [Contributor(id=n + 1, name=f"记者{n + 1}") for n in range(300)]
    )
    tags = Tag.objects.bulk_create(
        [Tag(id=n + 1, name=f"标签{n + 1}", slug=f"标签{n + 1}") for n in range(100)]
    )
    article_type = ContentType.objects.get_for_model(Article)

    # Daily editions ending with tomorrow's, laid out and scheduled for 06:00.
    per_edition = PAGES_PER_EDITION * STORIES_PER_PAGE
    editions = -(-stories // per_edition)
    tomorrow = datetime.datetime.now(BEIJING).date() + datetime.timedelta(days=1)
    first_day = tomorrow - datetime.timedelta(days=editions - 1)
    PrintPage.objects.bulk_create(
        [
            PrintPage(
                id=e * PAGES_PER_EDITION + p + 1,
                edition_date=first_day + datetime.timedelta(days=e),
                number=p + 1,
                name="工会新闻" if p else "要闻",
                banner="深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面" if p == 2 else "",
            )
            for e in range(editions)
            for p in range(PAGES_PER_EDITION)
        ],
        batch_size=BATCH,
    )

    grassroots = tree.enterprises + tree.streets
    others = ["qin-zi-huo-dong", "ji-ceng-jian-she", "wei-quan", "lao-mo-gong-jiang"]
    learning = ["zhi-gong-shu-wu", "xue-xi-xing-qi-ye", "xue-xi-xing-ban-zu"]
    activity_id = gift_id = credit_id = 0
    for start in range(0, stories, BATCH):
        articles, topic_rows, union_rows, credits, tagged, photos = [], [], [], [], [], []
        activities, activity_rows, gifts = [], [], []
        for i in range(start, min(start + BATCH, stories)):
            edition, slot = divmod(i, per_edition)
            day = first_day + datetime.timedelta(days=edition)
            winter = day.month in (12, 1, 2)
            roll = rng.random()
            if (winter and roll < 0.5) or roll < 0.1:
                topic_slug = "song-wen-nuan"
            elif roll < 0.3:
                topic_slug = rng.choice(learning)
            else:
                topic_slug = rng.choice(others)
            union = rng.choice(grassroots) if rng.random() < 0.85 else rng.choice(tree.districts)
            name = union.short_name or union.name
            status, published_at = ArticleStatus.PUBLISHED, None
            page_id, order = edition * PAGES_PER_EDITION + slot // STORIES_PER_PAGE + 1, None
            roll = rng.random()
            if roll < 0.02:
                status, page_id = ArticleStatus.DRAFT, None
            elif roll < 0.03:
                status, page_id = ArticleStatus.REVIEW, None
            else:
                order = slot % STORIES_PER_PAGE + 1
                published_at = datetime.datetime.combine(
                    day, datetime.time(6, slot), tzinfo=BEIJING
                )
            kind = rng.choices(
                [ArticleKind.NEWS, ArticleKind.PHOTO, ArticleKind.BRIEF, ArticleKind.FEATURE],
                weights=[80, 5, 10, 5],
            )[0]
            articles.append(
                Article(
                    id=i + 1,
                    title=HEADLINES[topic_slug].format(union=name),
                    slug=f"gao-jian-{i + 1}",
                    kind=kind,
                    dateline="" if kind == ArticleKind.PHOTO else "本报讯",
                    body="\n".join(p.format(union=name) for p in PARAGRAPHS),
                    column_id=rng.choice(columns).id if rng.random() < 0.2 else None,
                    status=status,
                    published_at=published_at,
                    print_page_id=page_id,
                    print_order=order,
                )
            )
            topic_rows.append(
                Article.topics.through(article_id=i + 1, topic_id=topics[topic_slug].id)
            )
            union_rows.append(Article.unions.through(article_id=i + 1, union_id=union.id))
            if union.district_id != union.id and rng.random() < 0.3:
                # Some stories name the district federation too.
                union_rows.append(
                    Article.unions.through(article_id=i + 1, union_id=union.district_id)
                )
            credit_id += 1
            role = CreditRole.PHOTOGRAPHER if kind == ArticleKind.PHOTO else CreditRole.REPORTER
            credits.append(
                Credit(
                    id=credit_id,
                    article_id=i + 1,
                    contributor_id=rng.choice(reporters).id,
                    role=role,
                )
            )
            if rng.random() < 0.2:
                tagged.append(
                    TaggedItem(
                        content_type_id=article_type.id,
                        object_id=i + 1,
                        tag_id=rng.choice(tags).id,
                    )
                )
            if kind == ArticleKind.PHOTO:
                photos.append(
                    Photo(
                        article_id=i + 1,
                        image=f"photos/bench/{i + 1}.jpg",
                        width=1200,
                        height=800,
                        caption=f"{name}工会干部走访慰问一线职工。",
                    )
                )
            if rng.random() < 0.2:
                activity_id += 1
                warmth = topic_slug == "song-wen-nuan"
                activities.append(
                    Activity(
                        id=activity_id,
                        title=f"{name}活动{activity_id}",
                        union_id=union.id,
                        kind=ActivityKind.GIFTS if warmth else ActivityKind.LIBRARY,
                        start_date=day - datetime.timedelta(days=1),
                        beneficiaries=rng.randint(10, 2000),
                        relief_money=Decimal(rng.randint(1, 50) * 1000) if warmth else None,
                        unions_reached=rng.randint(1, 10) if warmth else None,
                        internal_note="仅编辑部可见",
                    )
                )
                activity_rows.append(
                    Activity.articles.through(activity_id=activity_id, article_id=i + 1)
                )
                gift_id += 1
                gifts.append(
                    GiftLine(
                        id=gift_id,
                        activity_id=activity_id,
                        item="温暖礼包" if warmth else "图书",
                        quantity=rng.randint(10, 1000),
                        unit="份" if warmth else "册",
                    )
                )
        Article.objects.bulk_create(articles, batch_size=BATCH)
        for model, rows in (
            (Article.topics.through, topic_rows),
            (Article.unions.through, union_rows),
            (Credit, credits),
            (TaggedItem, tagged),
            (Photo, photos),
            (Activity, activities),
            (Activity.articles.through, activity_rows),
            (GiftLine, gifts),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH)
        print(f"  {min(start + BATCH, stories):>7} stories", flush=True)


def finish_database() -> None:
    """Sequences past the explicit ids, and fresh planner statistics."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    models = [
        m for app in ("unions", "articles", "taggit") for m in apps.get_app_config(app).get_models()
    ]
    models += [
        m2m.remote_field.through
        for model in models
        for m2m in model._meta.many_to_many
        if m2m.remote_field.through._meta.auto_created
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        cursor.execute("ANALYZE")


# --- Measuring -------------------------------------------------------------------------


@dataclass
class Result:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.latencies) < 2:
            return self.p50_ms
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000

    @property
    def p99_ms(self) -> float:
        if len(self.latencies) < 2:
            return self.p50_ms
        return statistics.quantiles(self.latencies, n=100)[-1] * 1000


def hammer(port: int, paths: list[str], *, threads: int, requests: int, seconds: float) -> Result:
    """GET the paths round-robin from `threads` threads; bounded in count and in time."""
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
                path = paths[sent[0] % len(paths)]
                sent[0] += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    """gunicorn with `workers` sync workers on the loopback `port`, with this process's
    environment (settings, database, cache); the caller terminates it."""
    return subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "unionsite.wsgi:application",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def wait_until_up(
    port: int, server: subprocess.Popen, path: str = "/bench/bare/", timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before it served a request")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def page_paths(rng: random.Random) -> dict[str, list[str]]:
    """What to request: one front page and one topic; articles, districts and the pages of
    the latest e-paper edition rotate."""
    from django.urls import reverse

    from articles.models import Article, PrintPage
    from unions.models import Union, UnionLevel

    published = list(Article.objects.published().values_list("pk", "slug"))
    latest = PrintPage.objects.public().latest_edition_date()
    epaper = [
        reverse("articles:epaper-page", kwargs={"date": latest, "number": number})
        for number in range(1, PAGES_PER_EDITION + 1)
    ]
    sample = rng.sample(published, min(50, len(published)))
    districts = Union.objects.filter(level=UnionLevel.DISTRICT).values_list("slug", flat=True)
    return {
        "front page /": ["/"],
        "topic 送温暖": ["/topics/song-wen-nuan/"],
        "article (50 rotating)": [f"/articles/{pk}/{slug}/" for pk, slug in sample],
        "union: district (16 rotating)": [f"/unions/{slug}/" for slug in districts],
        "e-paper page (8 rotating)": epaper,
    }


def profile_in_process(paths: dict[str, list[str]]) -> dict[str, tuple[int, float, int]]:
    """Queries, milliseconds spent in SQL and bytes, per page, from Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    profile = {}
    for name, urls in paths.items():
        client.get(urls[0])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[0])
        if response.status_code != 200:
            raise SystemExit(f"{urls[0]} answered {response.status_code}")
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        profile[name] = (len(queries), sql_ms, len(response.content))
    return profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--unions", type=int, default=2_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the archive of the last run")
    parser.add_argument("--requests", type=int, default=2000, help="at most, per page")
    parser.add_argument("--seconds", type=float, default=20, help="at most, per page")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    template_dir = tempfile.mkdtemp(prefix="unionsite-bench-")
    if not args.reuse:
        recreate_database(args.database_url)
    configure_django(args.database_url, template_dir)
    from django.core.management import call_command

    from articles.models import Article
    from unions.models import Union

    call_command("migrate", verbosity=0)
    if not args.reuse:
        began = time.monotonic()
        print(f"Generating {args.stories} stories and {args.unions} unions ...", flush=True)
        build_archive(args.stories, args.unions, args.seed)
        finish_database()
        print(f"  done in {time.monotonic() - began:.0f} s", flush=True)
    print(f"Archive: {Article.objects.count()} stories, {Union.objects.count()} unions")

    paths = page_paths(random.Random(args.seed))
    profile = profile_in_process(paths)
    # The bare view's template: the rendered front page, so both answers weigh the same.
    from django.test import Client

    front = Client().get("/").content.decode()
    Path(template_dir, "bench_bare.html").write_text(
        "{% verbatim %}" + front + "{% endverbatim %}", encoding="utf-8"
    )
    floors = {
        "floor: bare + 1 list query": ["/bench/one-query/"],
        "floor: bare + front's queries": ["/bench/front-queries/"],
    }
    profile.update(profile_in_process(floors))
    paths["bare Django view"] = ["/bench/bare/"]
    paths.update(floors)

    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        wait_until_up(port, server)
        results = {}
        for name, urls in paths.items():
            hammer(port, urls, threads=args.threads, requests=max(20, len(urls)), seconds=10)
            results[name] = hammer(
                port, urls, threads=args.threads, requests=args.requests, seconds=args.seconds
            )
    finally:
        server.terminate()
        server.wait(timeout=30)

    bare = results["bare Django view"].rps
    print()
    print(
        f"gunicorn, {args.workers} sync workers; {args.threads} client threads; "
        f"at most {args.requests} requests or {args.seconds:.0f} s per page"
    )
    cached = "on" if os.environ.get("PAGE_CACHE_SECONDS", "600") != "0" else "off"
    rollups = "on" if os.environ.get("ROLLUP_CACHE_SECONDS", "600") != "0" else "off"
    print(
        f"page cache: {cached} (PAGE_CACHE_SECONDS), roll-ups kept: {rollups} "
        f"(ROLLUP_CACHE_SECONDS), REDIS_URL={os.environ.get('REDIS_URL', '')}"
    )
    header = f"{'page':<32}{'req':>6}{'err':>5}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    header += f"{'vs bare':>9}{'queries':>9}{'SQL ms':>8}{'KB':>6}"
    print(header)
    print("-" * len(header))
    for name, result in results.items():
        queries, sql_ms, size = profile.get(name, (0, 0.0, len(front.encode())))
        print(
            f"{name:<32}{result.requests:>6}{result.errors:>5}{result.rps:>9.1f}"
            f"{result.p50_ms:>9.1f}{result.p95_ms:>9.1f}{result.p99_ms:>9.1f}"
            f"{result.rps / bare:>9.2f}"
            f"{queries:>9}{sql_ms:>8.1f}{size / 1024:>6.1f}"
        )


if __name__ == "__main__":
    main()
