"""With the database stopped or hanging, readers get the Chinese 503 page within seconds,
static files are still served, and /healthz says why. The app runs in a server process
of its own, pointed at a database port that refuses or never answers."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# Each case starts the app in a server process of its own; the hanging database takes ~13 s.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent
SERVE = (
    "import sys; from wsgiref.simple_server import make_server;"
    "from unionsite.wsgi import application;"
    "make_server('127.0.0.1', int(sys.argv[1]), application).serve_forever()"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HangingDatabase:
    """Accepts connections on a loopback port and never says a word."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        for conn in self.accepted:
            conn.close()
        self.sock.close()


@pytest.fixture
def hanging_database():
    database = HangingDatabase()
    yield database.port
    database.close()


def start_app(database_port: int):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "unionsite.settings",
        "SECRET_KEY": "outage-test-" + "k" * 40,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database_port}/unionsite",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DEBUG", None)
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the app server did not start")


def fetch(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


@pytest.mark.parametrize("database", ["stopped", "hanging"])
def test_readers_get_a_503_within_seconds_and_healthz_says_why(database, hanging_database):
    port = free_port() if database == "stopped" else hanging_database
    process, base = start_app(port)
    try:
        for path in ("/", "/topics/song-wen-nuan/", "/no/such/page/"):
            status, body, seconds = fetch(base + path)
            assert status == 503, path
            assert "网站暂时无法访问" in body
            assert seconds < 5, f"{path} took {seconds:.1f} s"
        status, body, seconds = fetch(base + "/healthz")
        assert status == 503 and seconds < 5
        assert '"database": "error: OperationalError' in body
        status, body, _ = fetch(base + "/static/css/site.css")
        assert status == 200 and "masthead" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
