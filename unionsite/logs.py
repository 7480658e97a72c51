"""One JSON object per log line, for a log collector (LOG_FORMAT=json).

Standard library only: settings and gunicorn's configuration (deploy/gunicorn.conf.py)
load it before Django is set up. Fifteen lines of our own beat a dependency here: the
fields are few and fixed, and Chinese messages stay readable (ensure_ascii=False).
"""

import datetime
import json
import logging

TRUE_WORDS = {"1", "true", "yes", "on"}

# gunicorn's access log passes its atoms as the record's args: the ones worth a field.
ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "D": "duration_us",
    "a": "user_agent",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # django.request attaches the request and the status to 4xx/5xx records.
        request = getattr(record, "request", None)
        if hasattr(request, "method") and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, request.path
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            for atom, name in ACCESS_FIELDS.items():
                if atom in record.args:
                    entry[name] = record.args[atom]
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_logging(level: str, loggers: dict | None = None) -> dict:
    """A `logging.config` dict writing every record as one JSON line on stdout, for
    Django's settings and for gunicorn's (which adds its own `loggers`)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "unionsite.logs.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": loggers or {},
    }
