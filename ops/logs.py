"""Structured logs: one JSON object a line in production (LOG_FORMAT=json, the default with DEBUG off),
a readable line in development (LOG_FORMAT=human). Every line carries `request_id` (the web request it
belongs to) and `task_id` / `task_name` (the Celery task), null when there is none, and secrets are
blanked: passwords in URLs, API keys (ct_…), webhook secrets (whsec_…), `password=`/`token=`/… values.

Importable without Django (gunicorn's master reads `logging_config()` before Django starts).
"""

import contextvars
import logging
import re
import time
import uuid

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

_REDACTIONS = [
    # scheme://user:password@host → scheme://user:***@host
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s/]+@", re.I), r"\1***@"),
    (re.compile(r"\bct_[A-Za-z0-9]+_[A-Za-z0-9_-]{8,}"), "ct_***"),
    (re.compile(r"\bwhsec_[A-Za-z0-9_-]+"), "whsec_***"),
    (
        re.compile(
            r"(?i)\b(password|passwd|pwd|secret|secret_key|token|api[_-]?key|authorization|basic_auth|signature)"
            r"(\"?'?\s*[:=]\s*\"?'?)(?:bearer\s+|basic\s+)?[^\s\"',&;]+"
        ),
        r"\1\2***",
    ),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _current_task():
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - celery is a runtime dependency
        return None
    task = current_task
    try:
        return task if task and task.request.id else None
    except Exception:
        return None


class ContextFilter(logging.Filter):
    """Adds request_id, task_id and task_name to every record and blanks secrets in its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        task = _current_task()
        record.task_id = task.request.id if task else None
        record.task_name = task.name if task else None
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: logging reports it when formatting
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


HUMAN_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [req=%(request_id)s task=%(task_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(task_id)s %(task_name)s"


def logging_config(*, fmt: str = "json", level: str = "INFO") -> dict:
    """The `LOGGING` dict (Django, Celery workers and beat, gunicorn's own logger)."""
    if fmt not in {"json", "human"}:
        raise ValueError(f"LOG_FORMAT={fmt!r}: use json or human")
    formatters = {
        "human": {"format": HUMAN_FORMAT},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "ops.logs.ContextFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": fmt, "filters": ["context"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One INFO line per HTTP request drowns the fetch log; failures are logged by the fetcher itself.
            "httpx": {"level": "WARNING"},
            "httpcore": {"level": "WARNING"},
            # Django's own request logger repeats what ops.request says, without the request id's context.
            "django.request": {"level": "ERROR"},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }


_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("ops.request")


class RequestIdMiddleware:
    """Takes the proxy's X-Request-ID when it looks like one (else makes one), puts it on every log line
    of the request and on the response, and logs one line per request (no query string: it may hold
    secrets). The health checks' own requests are not logged while they pass."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if not (request.path_info.startswith("/healthz") and response.status_code == 200):
                request_logger.info(
                    "%s %s %s %.0fms",
                    request.method,
                    request.path_info,
                    response.status_code,
                    (time.monotonic() - started) * 1000,
                )
            return response
        finally:
            request_id_var.reset(token)


def route_celery_messages() -> None:
    """The worker's few bare prints ("worker: Warm shutdown (MainProcess)") become log events, so its
    output stays one event a line (the banner is off with `celery --quiet`)."""
    import celery.apps.worker as worker_app

    log = logging.getLogger("celery.worker")

    def say(msg, f=None):
        log.warning("%s", str(msg).strip())

    worker_app.safe_say = say


def configure_from_settings() -> None:
    """Apply settings.LOGGING now (a Celery worker calls this at its first signal, before its own start-up
    messages), with Python warnings sent through it."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    logging.captureWarnings(True)
