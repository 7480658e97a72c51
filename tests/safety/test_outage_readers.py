"""Readers through a database outage (issue 25): PostgreSQL made unreachable, then made to
hang, under 32 readers. Pages the cache held come back 200 within 100 ms; every other page
gets the Chinese 503, within 1 s once the first failure has been seen; when the database
is back, service resumes by itself.

A real gunicorn (two gthread workers, threads enough for every reader at once) on a
PostgreSQL database of the test's own, reached through a TCP proxy in this process that
can forward, refuse (nothing listens, every open connection closed) or hang (connections
accepted and never answered, every open connection closed). Redis on 127.0.0.1:6379,
under a key prefix of the test's own.

The held pages, as stored, tell a proxy `stale-if-error`. Half a second after the first
failure their fresh copies are made to end too (the version keys go, as after a publish or
once PAGE_CACHE_SECONDS is up): from then on only the copies kept for an outage can answer,
marked `X-Page-Stale: 1` and `no-cache`. The readers go on for two of the breaker's
retries (DB_RETRY_SECONDS) after that, so a retry that makes readers wait shows.
"""

import contextlib
import json
import os
import random
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 13  # of its own: the benches use 3 and 5, tests/articles 11
READERS = 32
CONNECT_TIMEOUT = 3  # DB_CONNECT_TIMEOUT
RETRY_SECONDS = 3  # DB_RETRY_SECONDS
HELD_WITHIN = 0.1  # a page the cache held
REFUSED_WITHIN = 1.0  # any other page, once the first failure has been seen
EDITION_PAGE = "/epaper/2024-01-23/3/"
OUTAGE_TEXT = "数据库暂时无法连接"
# Readers pause between pages (a reader reads), so that what is measured is the answer's
# latency, not how many requests two cores serve per second.
PAUSE = (0.1, 0.3)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DatabaseProxy:
    """A TCP proxy on 127.0.0.1 in front of PostgreSQL: `forward`, `refuse` or `hang`.

    `refuse` closes the listening socket (a new connection is refused, as with PostgreSQL
    stopped) and every connection it was carrying; `hang` listens, accepts and never says a
    word, and closes every connection it was carrying, so that pooled connections fail too.
    `forward` again opens the same port and carries new connections to PostgreSQL.
    """

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = free_port()
        self.mode = "forward"
        self._lock = threading.Lock()
        self._carried: list[tuple[socket.socket, socket.socket]] = []
        self._hung: list[socket.socket] = []
        self._pumps: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._applied = threading.Event()
        self._listener: socket.socket | None = None
        self._open_listener()
        self._applied.set()
        self._acceptor = threading.Thread(target=self._accept, name="db-proxy", daemon=True)
        self._acceptor.start()

    def _open_listener(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener

    def _close_listener(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def set_mode(self, mode: str) -> None:
        assert mode in ("forward", "refuse", "hang"), mode
        with self._lock:
            self._applied.clear()
            self.mode = mode
            if mode != "forward":
                for pair in self._carried:
                    for sock in pair:
                        _shut(sock)
            if mode != "hang":
                for sock in self._hung:
                    _shut(sock)
        # The acceptor opens or closes the listening socket, which only it uses.
        assert self._applied.wait(timeout=5), f"the proxy did not switch to {mode}"

    def _accept(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                mode = self.mode
            if mode == "refuse" and self._listener is not None:
                self._close_listener()
            elif mode != "refuse" and self._listener is None:
                self._open_listener()
            self._applied.set()
            if self._listener is None:
                self._stopping.wait(0.02)
                continue
            readable, _, _ = select.select([self._listener], [], [], 0.02)
            if not readable:
                continue
            try:
                client, _ = self._listener.accept()
            except OSError:
                continue
            with self._lock:
                mode = self.mode
                if mode == "hang":
                    self._hung.append(client)
                    continue
                if mode == "refuse":
                    _shut(client)
                    client.close()
                    continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            pair = (client, server)
            pump = threading.Thread(target=self._pump, args=(pair,), daemon=True)
            with self._lock:
                self._carried.append(pair)
                self._pumps.append(pump)
            pump.start()
        self._close_listener()

    def _pump(self, pair: tuple[socket.socket, socket.socket]) -> None:
        client, server = pair
        other = {client: server, server: client}
        try:
            while not self._stopping.is_set():
                readable, _, _ = select.select([client, server], [], [], 0.2)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    other[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            with self._lock:
                if pair in self._carried:
                    self._carried.remove(pair)
            for sock in pair:
                _shut(sock)
                sock.close()

    def stop(self) -> None:
        self._stopping.set()
        self._acceptor.join(timeout=10)
        with self._lock:
            for pair in self._carried:
                for sock in pair:
                    _shut(sock)
            pumps = list(self._pumps)
        for pump in pumps:
            pump.join(timeout=10)
        for sock in self._hung:
            sock.close()
        assert not self._acceptor.is_alive()
        assert not any(pump.is_alive() for pump in pumps)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


# --- The site ---------------------------------------------------------------------------

# Only 127.0.0.1, whatever proxy the environment names.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Answer:
    path: str
    held: bool
    started: float
    ended: float
    status: int
    stale: str | None
    cache_control: str
    retry_after: str | None
    body: bytes

    @property
    def seconds(self) -> float:
        return self.ended - self.started


def get(base: str, path: str, held: bool = False, timeout: float = 10) -> Answer:
    started = time.monotonic()
    try:
        with OPENER.open(base + path, timeout=timeout) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    ended = time.monotonic()
    return Answer(
        path,
        held,
        started,
        ended,
        status,
        headers.get("X-Page-Stale"),
        headers.get("Cache-Control", ""),
        headers.get("Retry-After"),
        body,
    )


def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis(*REDIS, db=REDIS_DB, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    return client


def forget(client, pattern: str) -> None:
    keys = list(client.scan_iter(match=pattern, count=1000))
    if keys:
        client.delete(*keys)


def admin_connection():
    import psycopg

    return psycopg.connect(
        host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres", autocommit=True
    )


@dataclass
class Site:
    base: str
    proxy: DatabaseProxy
    redis: object
    prefix: str
    held: list[str]
    others: list[str]


URLS = (
    "import json; from articles.models import Article, Column, Topic;"
    "from unions.models import Union;"
    "print(json.dumps({"
    "'articles': [a.get_absolute_url() for a in Article.objects.filter(status='published')"
    ".order_by('pk')],"
    "'topics': [t.get_absolute_url() for t in Topic.objects.order_by('pk')],"
    "'columns': [c.get_absolute_url() for c in Column.objects.order_by('pk')],"
    "'unions': [u.get_absolute_url() for u in Union.objects.order_by('pk')]}))"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed (make cluster-deps)")
    redis = redis_client()
    try:
        admin_connection().close()
    except Exception as error:  # psycopg's errors, or psycopg missing
        pytest.skip(f"PostgreSQL is not running at 127.0.0.1:5432 ({error})")

    name = f"unionsite_outage_readers_{os.getpid()}"
    prefix = f"outage-readers-{os.getpid()}"
    tmp = tmp_path_factory.mktemp("outage-readers")
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "unionsite.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{POSTGRES[1]}/{name}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS[1]}/{REDIS_DB}",
        "CACHE_KEY_PREFIX": prefix,
        "MEDIA_ROOT": str(tmp / "media"),
        "SECRET_KEY": "outage-readers-test-only-secret-key-long-enough-1234567890",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PAGE_CACHE_SECONDS": "600",
        "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "DB_RETRY_SECONDS": str(RETRY_SECONDS),
    }

    def manage(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=180,
            capture_output=True,
            text=True,
        ).stdout

    forget(redis, f"{prefix}:*")
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    proxy = server = None
    try:
        # Built on the real port; the app server then reaches it only through the proxy.
        manage("migrate", "--noinput")
        manage("load_demo")
        urls = json.loads(manage("shell", "-c", URLS).strip().splitlines()[-1])
        proxy = DatabaseProxy(POSTGRES)
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "unionsite.wsgi",
                "--worker-class",
                "gthread",
                "--workers",
                "2",
                "--threads",
                str(READERS),  # a worker may take every reader at once
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env={**env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy.port}/{name}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base, "/healthz", timeout=5).status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.2)  # polling for the server's start
        articles, topics = urls["articles"], urls["topics"]
        yield Site(
            base=base,
            proxy=proxy,
            redis=redis,
            prefix=prefix,
            held=["/", articles[0], EDITION_PAGE, topics[0]],
            others=[
                *articles[1:],
                *topics[1:4],
                *urls["columns"],
                *urls["unions"][:3],
                "/archive/",
                "/archive/2024/1/",
            ],
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        if proxy is not None:
            proxy.stop()
        forget(redis, f"{prefix}:*")
        redis.close()
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def database_back(site: Site) -> None:
    """The proxy forwarding again, and every process's breaker past its time."""
    if site.proxy.mode != "forward":
        site.proxy.set_mode("forward")
        time.sleep(RETRY_SECONDS + 0.5)  # the breakers' own time, not a guess


@pytest.fixture
def fresh_site(site):
    """The database reachable, the cache empty: nothing held yet."""
    database_back(site)
    forget(site.redis, f"{site.prefix}:*")
    yield site
    database_back(site)
    forget(site.redis, f"{site.prefix}:*")


# --- The readers ------------------------------------------------------------------------


class Readers:
    """32 readers, each asking for pages in turn, a held one and then another, until told
    to stop (bounded in time and in count); every answer kept."""

    def __init__(self, site: Site, until: float):
        self.site = site
        self.hard_stop = until
        self.stop_at = until
        self.answers: list[Answer] = []
        self.errors: list[str] = []
        self.first_failure: float | None = None
        self._lock = threading.Lock()

    def read(self, number: int) -> None:
        rng = random.Random(number)
        held, others = self.site.held, self.site.others
        time.sleep(rng.uniform(*PAUSE))  # readers come one by one, not all in one instant
        for turn in range(400):
            if time.monotonic() >= min(self.stop_at, self.hard_stop):
                return
            is_held = (turn + number) % 2 == 0
            path = rng.choice(held if is_held else others)
            try:
                answer = get(self.site.base, path, held=is_held)
            except OSError as error:  # a timeout or a reset: recorded, and a failure
                with self._lock:
                    self.errors.append(f"{path}: {error!r}")
                time.sleep(rng.uniform(*PAUSE))
                continue
            with self._lock:
                self.answers.append(answer)
                failed = answer.status == 503 or answer.stale is not None
                if failed and self.first_failure is None:
                    self.first_failure = answer.ended
            time.sleep(rng.uniform(*PAUSE))

    def run(self, during_outage) -> None:
        threads = [
            threading.Thread(target=self.read, args=(number,), daemon=True)
            for number in range(READERS)
        ]
        for thread in threads:
            thread.start()
        try:
            during_outage(self)
        finally:
            for thread in threads:
                thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads)


def figures(answers: list[Answer]) -> str:
    if not answers:
        return "none"
    seconds = sorted(answer.seconds for answer in answers)
    return (
        f"{len(seconds)} answers, median {seconds[len(seconds) // 2] * 1000:.0f} ms, "
        f"p99 {seconds[int(len(seconds) * 0.99)] * 1000:.0f} ms, max {seconds[-1] * 1000:.0f} ms"
    )


@pytest.mark.parametrize("outage", ["refuse", "hang"])
def test_readers_through_a_database_outage(fresh_site, outage):
    site = fresh_site
    # The cache holds the reader pages read before the outage.
    warmed = {}
    for path in site.held:
        for _ in range(2):
            answer = get(site.base, path)
            assert answer.status == 200, (path, answer.status, answer.body[:2000].decode())
        warmed[path] = answer.body
        # A proxy in front may serve its own copy while the site answers with an error.
        assert "public" in answer.cache_control, (path, answer.cache_control)
        assert "stale-if-error" in answer.cache_control, (path, answer.cache_control)

    outage_began = time.monotonic()
    site.proxy.set_mode(outage)
    marks = {}

    def during_outage(readers: Readers) -> None:
        # Until the first failure, and then long enough for two retries of the database.
        while readers.first_failure is None and time.monotonic() < readers.hard_stop:
            time.sleep(0.02)
        assert readers.first_failure is not None, "no reader saw the outage"
        # Half a second after it, the held pages' fresh copies end: only the copies kept
        # for an outage can answer from then on.
        time.sleep(max(0.0, readers.first_failure + 0.5 - time.monotonic()))
        forget(site.redis, f"{site.prefix}:*:pagecache:version:*")
        marks["fresh_ended"] = time.monotonic()
        readers.stop_at = marks["fresh_ended"] + 2 * RETRY_SECONDS + 1

    readers = Readers(site, until=outage_began + CONNECT_TIMEOUT + 3 * RETRY_SECONDS + 5)
    readers.run(during_outage)
    first_failure = readers.first_failure
    answers = readers.answers
    held = [answer for answer in answers if answer.held]
    others = [answer for answer in answers if not answer.held]
    after = [answer for answer in others if answer.started >= first_failure]
    before = [answer for answer in others if answer.started < first_failure]
    stale = [answer for answer in held if answer.started >= marks["fresh_ended"]]
    slow = [
        f"{a.path} at {a.started - first_failure:+.2f} s took {a.seconds * 1000:.0f} ms"
        for a in held
        if a.seconds > HELD_WITHIN
    ]
    late = [
        f"{a.path} at {a.started - first_failure:+.2f} s took {a.seconds:.2f} s"
        for a in after
        if a.seconds > REFUSED_WITHIN
    ]
    report = (
        f"{outage}: first failure {first_failure - outage_began:.2f} s into the outage; "
        f"held pages: {figures(held)}, {len(slow)} over 100 ms ({len(stale)} after their "
        f"fresh copies ended: {figures(stale)}); other pages after the first failure: "
        f"{figures(after)}, {len(late)} over 1 s; before it: {figures(before)}"
    )
    print(report)
    for line in [*slow, *late]:
        print(f"  slow: {line}")

    assert not readers.errors, (readers.errors[:5], report)
    assert {answer.path for answer in held} == set(site.held), report
    assert {answer.path for answer in others} == set(site.others), report
    assert len(stale) >= 20 and len(after) >= 100, report

    # Every page the cache held: 200 within 100 ms, the page as it was; a copy kept for an
    # outage says so.
    wrong = [f"{a.path} {a.status}" for a in held if a.status != 200]
    assert not wrong, (wrong[:10], report)
    assert not slow, (f"{len(slow)} held pages slower than 100 ms", slow[:10], report)
    assert all(answer.body == warmed[answer.path] for answer in held), report
    for answer in held:
        if answer.stale is not None or answer.started >= marks["fresh_ended"]:
            assert answer.stale == "1", (answer.path, answer.stale)
            # Marked so, and kept by no proxy: it is served only while the database is down.
            assert "no-cache" in answer.cache_control, answer.cache_control
            assert "public" not in answer.cache_control, answer.cache_control

    # Every other page: the Chinese 503, with Retry-After; within 1 s once the first
    # failure has been seen, and no later than the connect timeout before it.
    wrong = [f"{a.path} {a.status}" for a in others if a.status != 503]
    assert not wrong, (wrong[:10], report)
    assert all(OUTAGE_TEXT in answer.body.decode() for answer in others)
    assert all(answer.retry_after for answer in others)
    assert not late, (f"{len(late)} of {len(after)} 503s slower than 1 s", late[:10], report)
    assert all(a.seconds <= CONNECT_TIMEOUT + REFUSED_WITHIN for a in before), report

    # The database back: after the breaker's time, every page answers from it again.
    site.proxy.set_mode("forward")
    back = time.monotonic()
    time.sleep(RETRY_SECONDS)
    pending = [*site.others, *site.held]
    while pending and time.monotonic() < back + RETRY_SECONDS + 10:
        answer = get(site.base, pending[0])
        if answer.status == 200 and answer.stale is None:
            pending.pop(0)
        else:
            time.sleep(0.2)  # polling for the breaker's retry
    assert not pending, f"still down {time.monotonic() - back:.1f} s after: {pending}"
    print(f"{outage}: every page back {time.monotonic() - back:.1f} s after the database")
