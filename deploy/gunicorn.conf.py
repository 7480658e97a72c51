"""gunicorn's settings for an app server behind nginx, every one from the environment.

    gunicorn -c deploy/gunicorn.conf.py unionsite.wsgi:application

Sync workers: nginx buffers slow clients and whole requests, so a worker is busy only
while Django works; a page is CPU-bound (templates, ORM), so more workers than
2 × cores + 1 buys nothing but memory. Logs go to stdout, as JSON with LOG_FORMAT=json.
"""

import multiprocessing
import os

from unionsite.logs import TRUE_WORDS, json_logging

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
# A page that takes longer than this is a bug or an outage: the worker is replaced, and
# the database's statement timeout (DB_STATEMENT_TIMEOUT_MS) fires before it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
# nginx keeps connections to the app servers open (upstream keepalive).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Recycle workers now and then, staggered, so a slow leak never takes a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")  # noqa: S108
# X-Forwarded-* are believed only from the proxy in front (nginx on this machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "unionsite")
# gunicorn ≥ 25 opens a control socket at one path per user: two app servers on one
# machine would share it. Only where GUNICORN_CONTROL_SOCKET names one.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# nginx logs every request; an app server's access log is for debugging one server.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "") in TRUE_WORDS else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

if os.environ.get("LOG_FORMAT", "text").strip().lower() == "json":
    # Not propagated: Django's root handler would print each line a second time.
    logconfig_dict = json_logging(
        loglevel.upper(),
        loggers={
            "gunicorn.error": {
                "handlers": ["stdout"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        },
    )
